package dev.registrykit.client;

import dev.registrykit.core.reference.Registry;

/** Builders of clients for tests. */
final class TestClients {
  private TestClients() {}

  /** A client speaking plain HTTP to {@code registries}. */
  static RegistryClient.Builder plain(Registry... registries) {
    return RegistryClient.builder()
        .plainHttp(registries)
        .retryPolicy(dev.registrykit.client.config.RetryPolicy.none());
  }
}
