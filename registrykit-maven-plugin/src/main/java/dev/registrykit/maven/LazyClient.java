package dev.registrykit.maven;

import dev.registrykit.client.RegistryClient;
import java.io.IOException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A registry client made on first use and closed with the goal: a build that speaks to no registry
 * (a local base and target, or a base from the base image cache pinned by digest) loads no HTTP
 * client at all.
 */
final class LazyClient implements Supplier<RegistryClient>, AutoCloseable {
  private final Supplier<RegistryClient> factory;
  private @Nullable RegistryClient client;

  LazyClient(Supplier<RegistryClient> factory) {
    this.factory = factory;
  }

  @Override
  public synchronized RegistryClient get() {
    if (client == null) {
      client = factory.get();
    }
    return client;
  }

  @Override
  public synchronized void close() throws IOException {
    if (client != null) {
      client.close();
    }
  }
}
