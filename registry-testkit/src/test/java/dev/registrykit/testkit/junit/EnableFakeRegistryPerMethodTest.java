package dev.registrykit.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.testkit.AuthMode;
import dev.registrykit.testkit.FakeRegistry;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Default lifecycle: a fresh registry per test, closed after it; method annotations override. */
@Timeout(60)
@EnableFakeRegistry
class EnableFakeRegistryPerMethodTest {
  private static final Set<Integer> PORTS = new HashSet<>();
  private static final Set<FakeRegistry> SEEN = new HashSet<>();

  @BeforeEach
  void beforeEach(FakeRegistry registry) {
    assertThat(registry.repositories()).isEmpty();
  }

  @RepeatedTest(3)
  void eachTest_getsItsOwnRegistry(FakeRegistry registry) throws Exception {
    Probe.assertEmptyThenWrite(registry);
    assertThat(SEEN.add(registry)).isTrue();
    PORTS.add(registry.port());
  }

  @Test
  @EnableFakeRegistry(configuration = BasicAuth.class)
  void methodAnnotation_overridesTheClassConfiguration(FakeRegistry registry) throws Exception {
    assertThat(registry.authMode()).isEqualTo(AuthMode.BASIC);
    assertThat(Probe.get(registry, "/v2/")).isEqualTo(401);
    SEEN.add(registry);
  }

  @AfterAll
  static void everyRegistryWasClosed() {
    assertThat(SEEN).hasSize(4);
    for (FakeRegistry registry : SEEN) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> Probe.get(registry, "/v2/"))
          .isInstanceOf(java.io.IOException.class);
    }
  }
}
