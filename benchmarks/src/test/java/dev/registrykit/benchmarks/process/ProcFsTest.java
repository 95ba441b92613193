package dev.registrykit.benchmarks.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProcFsTest {

  @Test
  void cpu_ofThisJvm_isWhatItHasUsedSoFar() {
    Optional<Duration> cpu = ProcFs.cpu(ProcessHandle.current().pid());
    assertThat(cpu).hasValueSatisfying(d -> assertThat(d).isPositive());
  }

  @Test
  void cpu_ofAProcessThatDoesNotExist_isEmpty() {
    assertThat(ProcFs.cpu(Long.MAX_VALUE)).isEmpty();
  }
}
