package dev.registrykit.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.testkit.AuthMode;
import dev.registrykit.testkit.FakeRegistry;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Programmatic registration with a builder, per class, including a @Nested class. */
@Timeout(60)
class FakeRegistryExtensionProgrammaticTest {
  @RegisterExtension
  static final FakeRegistryExtension EXTENSION =
      FakeRegistryExtension.builder()
          .perClass(true)
          .configure(
              b -> b.auth(AuthMode.BASIC).user("admin", "admin-password").hostName("127.0.0.1"))
          .build();

  private static final AtomicReference<FakeRegistry> FIRST = new AtomicReference<>();

  @RepeatedTest(2)
  void builderConfiguration_isApplied_andTheRegistryIsShared(FakeRegistry registry)
      throws Exception {
    FIRST.compareAndSet(null, registry);
    assertThat(registry).isSameAs(FIRST.get());
    assertThat(registry.authMode()).isEqualTo(AuthMode.BASIC);
    assertThat(registry.baseUri().getHost()).isEqualTo("127.0.0.1");
    assertThat(Probe.get(registry, "/v2/")).isEqualTo(401);
    assertThat(registry.requests()).hasSize(1);
  }

  @Nested
  class Inner {
    @Test
    void nested_sharesIt(FakeRegistry registry) {
      FIRST.compareAndSet(null, registry);
      assertThat(registry).isSameAs(FIRST.get());
    }
  }
}
