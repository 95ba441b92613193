package dev.registrykit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The tutorial's output: its structure, and digests consistent between the steps. */
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
  void tutorial_buildAndTag_sameImageIdForBothNames() {
    String out = CliRun.of("tutorial").assertSuccess().stdout();

    String builtId = group(out, "Successfully built ([0-9a-f]{12})\nSuccessfully tagged figlet:latest");
    String baseId = group(out, "Successfully built ([0-9a-f]{12})\nSuccessfully tagged alpine:latest");
    assertThat(builtId).isNotEqualTo(baseId);
    assertThat(out).contains("IMAGE ID " + builtId + " is the start of sha256:" + builtId);
    List<String> table =
        out.lines().dropWhile(l -> !l.startsWith("REPOSITORY")).limit(4).toList();
    assertThat(table.get(0)).matches("REPOSITORY +TAG +IMAGE ID +CREATED +SIZE");
    assertThat(table.get(1)).matches("alpine +latest +" + baseId + " +.+ ago +[0-9.]+kB");
    assertThat(table.get(2)).matches("figlet +latest +" + builtId + " +.+ ago +[0-9.]+kB");
    assertThat(table.get(3)).matches("zavy86/figlet +latest +" + builtId + " +.+ ago +[0-9.]+kB");
  }

  @Test
  void tutorial_twoRuns_sameDigests() {
    String first = CliRun.of("tutorial").assertSuccess().stdout();
    String second = CliRun.of("tutorial").assertSuccess().stdout();

    assertThat(digests(second)).isEqualTo(digests(first)).isNotEmpty();
  }

  @Test
  void tutorial_extraArgument_usageExit2() {
    CliRun run = CliRun.of("tutorial", "now");

    assertThat(run.exitCode()).isEqualTo(2);
  }

  static String group(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertThat(m.find()).as("/%s/ in:%n%s", regex, text).isTrue();
    return m.group(1);
  }

  static List<String> digests(String text) {
    return Pattern.compile("sha256:[0-9a-f]{64}").matcher(text).results().map(java.util.regex.MatchResult::group).toList();
  }
}
