package dev.registrykit.interop;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class PeersTest {

  @AfterEach
  void restore() {
    System.clearProperty("registrykit.peers.registry");
  }

  @Test
  void requireDistribution_missingBinary_failsUnderCiElseAbortsWithInstallHint() {
    System.setProperty("registrykit.peers.registry", "/nonexistent/docker-registry");
    Class<? extends Throwable> expected =
        Peers.mustNotSkip() ? IllegalStateException.class : TestAbortedException.class;
    assertThatThrownBy(Peers::requireDistribution)
        .isInstanceOf(expected)
        .hasMessageContaining("scripts/install-peers.sh");
  }
}
