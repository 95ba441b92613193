package dev.registrykit.testkit.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The start-up warm-up really pushes and pulls a blob through a scratch fake (it fails silently in use). */
@Timeout(60)
class WarmUpTest {
  @Test
  void run_pushesAndPullsThroughAScratchRegistry() {
    assertThat(WarmUp.run()).isTrue();
  }
}
