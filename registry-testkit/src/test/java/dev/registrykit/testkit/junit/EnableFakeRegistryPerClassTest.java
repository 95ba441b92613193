package dev.registrykit.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.testkit.FakeRegistry;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;

/**
 * Per-class lifecycle: one registry for all tests, injectable in @BeforeAll, reset after each test.
 */
@Timeout(60)
@EnableFakeRegistry(perClass = true)
class EnableFakeRegistryPerClassTest {
  private static final AtomicReference<FakeRegistry> SHARED = new AtomicReference<>();

  @BeforeAll
  static void beforeAll(FakeRegistry registry) {
    SHARED.set(registry);
  }

  @RepeatedTest(3)
  void everyTest_sharesOneRegistry_resetBetweenTests(FakeRegistry registry) throws Exception {
    assertThat(registry).isSameAs(SHARED.get());
    Probe.assertEmptyThenWrite(registry);
  }
}
