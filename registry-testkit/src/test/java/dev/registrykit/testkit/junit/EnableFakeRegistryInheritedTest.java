package dev.registrykit.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.testkit.FakeRegistry;
import org.junit.jupiter.api.Test;

/** The annotation on an abstract superclass applies to its subclasses, with its settings. */
class EnableFakeRegistryInheritedTest extends AbstractRegistryTestBase {
  @Test
  void subclass_getsTheInheritedConfiguration(FakeRegistry injected) throws Exception {
    assertThat(injected).isSameAs(registry);
    Probe.assertEmptyThenWrite(injected);
  }
}
