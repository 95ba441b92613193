package dev.registrykit.testkit.junit;

import dev.registrykit.testkit.FakeRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/** A base class carrying the annotation: subclasses inherit it (@Inherited). */
@Timeout(60)
@EnableFakeRegistry(strict = true)
abstract class AbstractRegistryTestBase {
  protected FakeRegistry registry;

  @BeforeEach
  void injectIntoBase(FakeRegistry registry) {
    this.registry = registry;
  }
}
