package dev.registrykit.testkit.junit;

import dev.registrykit.testkit.AuthMode;
import dev.registrykit.testkit.FakeRegistry;

/** A configuration the annotation tests name: basic auth with one user. */
final class BasicAuth implements FakeRegistryConfiguration {
  private BasicAuth() {}

  @Override
  public void configure(FakeRegistry.Builder builder) {
    builder.auth(AuthMode.BASIC).user("u", "p");
  }
}
