package dev.registrykit.benchmarks.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StandaloneFakeTargetTest {
  private static final long MIB = 1024 * 1024;

  @Test
  void withHeapLimit_twiceTheLargestImage_addsXmx() {
    assertThat(StandaloneFakeTarget.withHeapLimit(List.of("-Xshare:auto"), 512 * MIB, 2))
        .containsExactly("-Xshare:auto", "-Xmx1024m");
  }

  @Test
  void withHeapLimit_tinyImage_isAtLeastTheFloor() {
    assertThat(StandaloneFakeTarget.withHeapLimit(List.of(), 13 * MIB, 2))
        .containsExactly("-Xmx64m");
  }

  @Test
  void withHeapLimit_partialMebibyte_roundsUp() {
    assertThat(StandaloneFakeTarget.withHeapLimit(List.of(), 100 * MIB + 1, 1))
        .containsExactly("-Xmx101m");
  }

  @Test
  void withHeapLimit_optionsAlreadyLimitTheHeap_areKept() {
    assertThat(StandaloneFakeTarget.withHeapLimit(List.of("-Xmx3g"), 512 * MIB, 2))
        .containsExactly("-Xmx3g");
    assertThat(StandaloneFakeTarget.withHeapLimit(List.of("-XX:MaxRAMPercentage=50"), 512 * MIB, 2))
        .containsExactly("-XX:MaxRAMPercentage=50");
  }

  @Test
  void withHeapLimit_factorZero_leavesTheJvmDefault() {
    assertThat(StandaloneFakeTarget.withHeapLimit(List.of("-Xss1m"), 512 * MIB, 0))
        .containsExactly("-Xss1m");
  }
}
