package dev.registrykit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TutorialTest {

  @Test
  void tutorial_names_normalizedAsDockerDoes() {
    CliRun run = CliRun.of("tutorial").assertSuccess();

    assertThat(run.stdout())
        .containsPattern("alpine +registry docker\\.io +repository library/alpine +full name docker\\.io/library/alpine")
        .containsPattern("zavy86/figlet +registry docker\\.io +repository zavy86/figlet")
        .containsPattern("localhost:5000/figlet +registry localhost:5000 +repository figlet ")
        .containsPattern(
            "registry\\.tld:1234/repository/image +registry registry\\.tld:1234 +repository repository/image");
    assertThat(run.stderr()).isEmpty();
  }

  @Test
  void tutorial_extraArgument_usageExit2() {
    CliRun run = CliRun.of("tutorial", "now");

    assertThat(run.exitCode()).isEqualTo(2);
  }
}
