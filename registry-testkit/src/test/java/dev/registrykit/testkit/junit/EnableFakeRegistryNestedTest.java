package dev.registrykit.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.testkit.AuthMode;
import dev.registrykit.testkit.FakeRegistry;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * @Nested classes share the outer per-class registry unless they carry their own annotation.
 */
@Timeout(60)
@EnableFakeRegistry(perClass = true)
class EnableFakeRegistryNestedTest {
  private static final AtomicReference<FakeRegistry> OUTER = new AtomicReference<>();

  @BeforeAll
  static void beforeAll(FakeRegistry registry) {
    OUTER.set(registry);
  }

  @Test
  void outer_usesTheClassRegistry(FakeRegistry registry) throws Exception {
    assertThat(registry).isSameAs(OUTER.get());
    Probe.assertEmptyThenWrite(registry);
  }

  @Nested
  class Inner {
    @Test
    void nested_sharesTheOuterRegistry(FakeRegistry registry) throws Exception {
      assertThat(registry).isSameAs(OUTER.get());
      Probe.assertEmptyThenWrite(registry);
    }

    @Nested
    class Deeper {
      @Test
      void doublyNested_sharesItToo(FakeRegistry registry) throws Exception {
        assertThat(registry).isSameAs(OUTER.get());
        Probe.assertEmptyThenWrite(registry);
      }
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  @EnableFakeRegistry(configuration = BasicAuth.class)
  class OwnAnnotation {
    @Test
    void nestedWithItsOwnAnnotation_getsItsOwnRegistry(FakeRegistry registry) throws Exception {
      assertThat(registry).isNotSameAs(OUTER.get());
      assertThat(registry.authMode()).isEqualTo(AuthMode.BASIC);
      assertThat(Probe.get(registry, "/v2/")).isEqualTo(401);
    }
  }
}
