package dev.registrykit.client;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.client.config.RetryPolicy;
import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.core.reference.Registry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A registry name whose port is no TCP port: Docker's reference grammar accepts any digits after
 * the colon, so it parses, and the client refuses it where it would connect, naming the port.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RegistryPortTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "localhost:99999",
        "localhost:0",
        "registry.example:65536",
        "registry.example:4294967297"
      })
  void getManifest_portOutsideTcpRange_illegalArgumentNamingThePort(String registry)
      throws Exception {
    ImageReference reference = ImageReference.parse(registry + "/team/app:v1");
    try (RegistryClient client = RegistryClient.builder().retryPolicy(RetryPolicy.none()).build()) {
      assertThatThrownBy(() -> client.getManifest(reference))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(registry)
          .hasMessageContaining("is not a TCP port (1-65535)");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"localhost:99999", "registry.example:0"})
  void plainHttp_portOutsideTcpRange_refusedOnTheBuilder(String registry) {
    assertThatThrownBy(() -> RegistryClient.builder().plainHttp(Registry.parse(registry)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a TCP port");
  }
}
