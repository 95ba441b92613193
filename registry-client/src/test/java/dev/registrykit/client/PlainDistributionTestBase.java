package dev.registrykit.client;

import dev.registrykit.core.reference.Registry;
import dev.registrykit.interop.DistributionRegistry;
import dev.registrykit.interop.Peers;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Starts one real CNCF Distribution registry over plain HTTP on loopback per test class, with a
 * client for it; subclasses share the lifecycle instead of repeating it. Test classes run one after
 * another, so the static fields belong to the running class.
 */
abstract class PlainDistributionTestBase {
  static DistributionRegistry registry;
  static RegistryClient client;
  static Registry name;

  @BeforeAll
  static void startRegistry() throws IOException {
    Peers.requireDistribution();
    registry = DistributionRegistry.startPlain();
    name = Registry.parse(registry.hostPort());
    client = TestClients.plain(name).build();
  }

  @AfterAll
  static void stopRegistry() throws IOException {
    try (DistributionRegistry r = registry;
        RegistryClient c = client) {
      registry = null;
      client = null;
    }
  }
}
