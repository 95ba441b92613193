package dev.registrykit.client;

import dev.registrykit.core.reference.Registry;

/** Builders of clients for tests. */
final class TestClients {
  private TestClients() {}

  /** A client speaking plain HTTP to {@code registry}. */
  static RegistryClient.Builder plain(Registry registry) {
    return RegistryClient.builder()
        .plainHttp(registry)
        .retryPolicy(dev.registrykit.client.config.RetryPolicy.none());
  }
}
