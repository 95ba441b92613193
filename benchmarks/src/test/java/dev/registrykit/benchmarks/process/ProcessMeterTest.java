package dev.registrykit.benchmarks.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProcessMeterTest {
  private static final String REPORT =
      """
      \tCommand being timed: "java -jar registrykit.jar --help"
      \tUser time (seconds): 1.25
      \tSystem time (seconds): 0.30
      \tPercent of CPU this job got: 120%
      \tMaximum resident set size (kbytes): 81234
      """;

  @Test
  void cpu_gnuTimeReport_isUserPlusSystem() {
    assertThat(ProcessMeter.cpu(REPORT)).contains(Duration.ofMillis(1550));
  }

  @Test
  void cpu_reportWithoutTimes_isEmpty() {
    assertThat(ProcessMeter.cpu("\tMaximum resident set size (kbytes): 81234\n"))
        .isEqualTo(Optional.empty());
  }

  @Test
  void maxRss_gnuTimeReport_isBytes() {
    assertThat(ProcessMeter.maxRss(REPORT)).contains(81234L * 1024);
  }
}
