package dev.registrykit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DockerTextTest {

  @Test
  void table_padsToWidestCellPlusThree() {
    List<String> lines =
        DockerText.table(
            List.of("REPOSITORY", "TAG", "IMAGE ID"),
            List.of(
                List.of("figlet", "latest", "1e07b8999b54"),
                List.of("zavy86/figlet", "latest", "1e07b8999b54")));

    assertThat(lines)
        .containsExactly(
            "REPOSITORY      TAG      IMAGE ID",
            "figlet          latest   1e07b8999b54",
            "zavy86/figlet   latest   1e07b8999b54");
  }

  @Test
  void ago_likeDocker() {
    Instant now = Instant.parse("2026-11-27T18:00:00Z");
    assertThat(DockerText.ago(now.minusSeconds(180), now)).isEqualTo("3 minutes ago");
    assertThat(DockerText.ago(now.minusSeconds(70), now)).isEqualTo("About a minute ago");
    assertThat(DockerText.ago(now.minus(Duration.ofHours(5)), now)).isEqualTo("5 hours ago");
    assertThat(DockerText.ago(Instant.EPOCH, now)).isEqualTo("56 years ago");
  }
}
