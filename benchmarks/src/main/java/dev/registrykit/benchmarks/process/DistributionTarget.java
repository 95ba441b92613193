package dev.registrykit.benchmarks.process;

import dev.registrykit.interop.DistributionRegistry;
import dev.registrykit.interop.Peers;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * The real CNCF Distribution registry ({@code docker-registry}), via the testkit's peers package.
 */
public final class DistributionTarget implements Target {

  @Override
  public String name() {
    return "distribution";
  }

  @Override
  public Optional<String> unavailableReason() {
    return Peers.distributionBinary().isPresent()
        ? Optional.empty()
        : Optional.of("docker-registry not installed (run scripts/install-peers.sh)");
  }

  @Override
  public Running start() throws IOException {
    DistributionRegistry registry = DistributionRegistry.startPlain();
    return new Running() {
      @Override
      public String hostPort() {
        return registry.hostPort();
      }

      @Override
      public Optional<Long> peakRssBytes() {
        return ProcFs.peakRss(registry.pid());
      }

      @Override
      public Optional<Duration> cpu() {
        return ProcFs.cpu(registry.pid());
      }

      @Override
      public void close() {
        registry.close();
      }
    };
  }
}
