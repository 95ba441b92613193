package dev.registrykit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ParseCommandTest {

  @Test
  void parse_tutorialNames_jsonLinesWithFullAndFamiliarForms() {
    CliRun run =
        CliRun.of(
            "parse",
            "alpine",
            "zavy86/figlet",
            "localhost:5000/figlet",
            "registry.tld:1234/repository/image:v1");

    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout().lines())
        .containsExactly(
            "{\"input\":\"alpine\",\"registry\":\"docker.io\",\"repository\":\"library/alpine\","
                + "\"tag\":null,\"digest\":null,\"full\":\"docker.io/library/alpine\",\"familiar\":\"alpine\"}",
            "{\"input\":\"zavy86/figlet\",\"registry\":\"docker.io\",\"repository\":\"zavy86/figlet\","
                + "\"tag\":null,\"digest\":null,\"full\":\"docker.io/zavy86/figlet\",\"familiar\":\"zavy86/figlet\"}",
            "{\"input\":\"localhost:5000/figlet\",\"registry\":\"localhost:5000\",\"repository\":\"figlet\","
                + "\"tag\":null,\"digest\":null,\"full\":\"localhost:5000/figlet\",\"familiar\":\"localhost:5000/figlet\"}",
            "{\"input\":\"registry.tld:1234/repository/image:v1\",\"registry\":\"registry.tld:1234\","
                + "\"repository\":\"repository/image\",\"tag\":\"v1\",\"digest\":null,"
                + "\"full\":\"registry.tld:1234/repository/image:v1\","
                + "\"familiar\":\"registry.tld:1234/repository/image:v1\"}");
    assertThat(run.stderr()).isEmpty();
  }

  @Test
  void parse_digestReference_keepsTagAndDigest() {
    String digest = "sha256:" + "ab".repeat(32);
    CliRun run = CliRun.of("parse", "alpine:3.19@" + digest);

    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout())
        .contains("\"tag\":\"3.19\"", "\"digest\":\"" + digest + "\"")
        .contains("\"full\":\"docker.io/library/alpine:3.19@" + digest + "\"");
  }

  @Test
  void parse_invalidName_exit2OneLine() {
    CliRun run = CliRun.of("parse", "figlet", "UPPER");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stdout()).contains("\"input\":\"figlet\"");
    assertThat(run.stderr().lines()).hasSize(1);
    assertThat(run.stderr()).startsWith("registrykit parse: ").contains("lowercase", "UPPER");
  }

  @Test
  void parse_noName_usageExit2() {
    CliRun run = CliRun.of("parse");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr()).contains("missing arguments");
  }
}
