package dev.registrykit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The tutorial's output: its structure, and digests consistent between the steps. */
@Timeout(120)
class TutorialTest {

  @Test
  void tutorial_names_normalizedAsDockerDoes() {
    CliRun run = CliRun.of("tutorial").assertSuccess();

    assertThat(run.stdout())
        .containsPattern(
            "alpine +registry docker\\.io +repository library/alpine +full name docker\\.io/library/alpine")
        .containsPattern("zavy86/figlet +registry docker\\.io +repository zavy86/figlet")
        .containsPattern("localhost:5000/figlet +registry localhost:5000 +repository figlet ")
        .containsPattern(
            "registry\\.tld:1234/repository/image +registry registry\\.tld:1234 +repository repository/image");
    assertThat(run.stderr()).isEmpty();
  }

  @Test
  void tutorial_buildAndTag_sameImageIdForBothNames() {
    String out = CliRun.of("tutorial").assertSuccess().stdout();

    String builtId =
        group(out, "Successfully built ([0-9a-f]{12})\nSuccessfully tagged figlet:latest");
    String baseId =
        group(out, "Successfully built ([0-9a-f]{12})\nSuccessfully tagged alpine:latest");
    assertThat(builtId).isNotEqualTo(baseId);
    assertThat(out).contains("IMAGE ID " + builtId + " is the start of sha256:" + builtId);
    List<String> table = out.lines().dropWhile(l -> !l.startsWith("REPOSITORY")).limit(4).toList();
    assertThat(table.get(0)).matches("REPOSITORY +TAG +IMAGE ID +CREATED +SIZE");
    assertThat(table.get(1)).matches("alpine +latest +" + baseId + " +.+ ago +[0-9.]+kB");
    assertThat(table.get(2)).matches("figlet +latest +" + builtId + " +.+ ago +[0-9.]+kB");
    assertThat(table.get(3)).matches("zavy86/figlet +latest +" + builtId + " +.+ ago +[0-9.]+kB");
  }

  @Test
  void tutorial_pushAndPull_dockerPushLinesAndConsistentDigests() {
    String out = CliRun.of("tutorial").assertSuccess().stdout();

    checkPushAndPull(out, "localhost:[0-9]+");
  }

  @Test
  void tutorial_twoRuns_sameDigests() {
    String first = CliRun.of("tutorial").assertSuccess().stdout();
    String second = CliRun.of("tutorial").assertSuccess().stdout();

    assertThat(digests(second)).isEqualTo(digests(first)).isNotEmpty();
  }

  /** The push and pull steps, for the embedded registry and for a real one. */
  static void checkPushAndPull(String out, String registryPattern) {
    String baseLayer =
        group(out, "Step 1/2 : ADD alpine-rootfs /\n ---> layer sha256:([0-9a-f]{12})");
    String figletLayer = group(out, "Step 2/4 : COPY figlet /\n ---> layer sha256:([0-9a-f]{12})");
    String figletId =
        group(out, "Successfully built ([0-9a-f]{12})\nSuccessfully tagged figlet:latest");
    String registry =
        group(out, "The push refers to repository \\[(" + registryPattern + ")/figlet\\]");

    String figletPush =
        group(out, "(\\$ docker push " + Pattern.quote(registry) + "/figlet\n(?:.*\n){5})");
    assertThat(figletPush.lines().skip(1))
        .containsExactly(
            "Using default tag: latest",
            "The push refers to repository [" + registry + "/figlet]",
            figletLayer + ": Pushed",
            baseLayer + ": Mounted from library/alpine",
            figletPush.lines().skip(5).findFirst().orElseThrow());
    String pushed = group(figletPush, "latest: digest: (sha256:[0-9a-f]{64}) size: [0-9]+");
    assertThat(out).contains("The push refers to repository [" + registry + "/library/alpine]");

    assertThat(out)
        .contains(
            "latest: Pulling from figlet\n"
                + baseLayer
                + ": Pull complete\n"
                + figletLayer
                + ": Pull complete\n")
        .contains("Digest: " + pushed + "\n")
        .contains("Status: Downloaded newer image for " + registry + "/figlet:latest")
        .contains("IMAGE ID " + figletId + " as built")
        .contains("\"digest\" : \"sha256:" + figletId)
        .contains("and " + pushed + " is their sha256");
    assertThat(out.lines().dropWhile(l -> !l.startsWith("$ registrykit tags")).skip(1).findFirst())
        .contains("latest");
    assertThat(out).endsWith("every digest verified.\n");
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
    return Pattern.compile("sha256:[0-9a-f]{64}")
        .matcher(text)
        .results()
        .map(java.util.regex.MatchResult::group)
        .toList();
  }
}
