package dev.registrykit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every subcommand has --help, listed in the overview, exiting 0. */
class HelpTest {
  private static final List<String> SUBCOMMANDS =
      List.of(
          "parse",
          "push",
          "pull",
          "copy",
          "tag",
          "digest",
          "manifest",
          "config",
          "tags",
          "catalog",
          "delete",
          "serve",
          "tutorial");

  @Test
  void overview_listsEverySubcommand() {
    String overview = CliRun.of("--help").assertSuccess().stdout();

    for (String name : SUBCOMMANDS) {
      assertThat(overview).containsPattern("\\n  " + name + " +\\S");
    }
  }

  @Test
  void help_eachSubcommand_usageAndCommonOptions() {
    for (String name : SUBCOMMANDS) {
      CliRun run = CliRun.of(name, "--help").assertSuccess();

      assertThat(run.stdout()).as(name).startsWith("Usage: registrykit " + name + " [OPTIONS]");
      assertThat(run.stdout()).as(name).contains("--help", "--quiet", "--debug");
      assertThat(CliRun.of(name, "-h").stdout()).isEqualTo(run.stdout());
    }
    for (String remote :
        List.of(
            "push",
            "pull",
            "copy",
            "tag",
            "digest",
            "manifest",
            "config",
            "tags",
            "catalog",
            "delete")) {
      assertThat(CliRun.of(remote, "--help").stdout())
          .as(remote)
          .contains("--insecure", "--creds USER:PASS", "--cert-dir DIR");
    }
    assertThat(CliRun.of("pull", "--help").stdout()).contains("--platform OS/ARCH[/VARIANT]");
    assertThat(CliRun.of("serve", "--help").stdout())
        .contains(
            "--port PORT",
            "--address ADDRESS",
            "--auth none|basic|token",
            "--user USER:PASS",
            "--tls",
            "--no-referrers",
            "--read-only");
    assertThat(CliRun.of("tutorial", "--help").stdout()).contains("--registry HOST:PORT");
  }
}
