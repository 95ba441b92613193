package dev.registrykit.client.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InsecureAccessTest {
  private final Sessions sessions = new Sessions(registry -> Optional.empty());

  private static InsecureAccess insecure(String... registries) {
    return new InsecureAccess(List.of(), List.of(registries), false);
  }

  @Test
  void skipsVerification_forTheNamedApiHostAndPortOnly() {
    InsecureAccess access = insecure("Registry.Internal", "other.internal:5000");

    assertThat(access.skipsVerification(URI.create("https://registry.internal/v2/"))).isTrue();
    assertThat(access.skipsVerification(URI.create("https://registry.internal:443/v2/"))).isTrue();
    assertThat(access.skipsVerification(URI.create("https://other.internal:5000/v2/"))).isTrue();
    // Another port, another host (a token realm, blob storage), or plain HTTP: nothing to skip.
    assertThat(access.skipsVerification(URI.create("https://registry.internal:8443/v2/")))
        .isFalse();
    assertThat(access.skipsVerification(URI.create("https://other.internal/v2/"))).isFalse();
    assertThat(access.skipsVerification(URI.create("https://auth.internal/token"))).isFalse();
    assertThat(access.skipsVerification(URI.create("http://registry.internal/v2/"))).isFalse();
  }

  @Test
  void dockerHub_isNamedByItsReferenceForm_andMatchedOnItsApiHost() {
    InsecureAccess access = insecure("docker.io");
    assertThat(access.skipsVerification(URI.create("https://registry-1.docker.io/v2/"))).isTrue();
    assertThat(access.isInsecure(sessions.of("docker.io"))).isTrue();
    assertThat(access.isInsecure(sessions.of("quay.io"))).isFalse();
  }

  @Test
  void ipv6Registry_isMatched() {
    InsecureAccess access = insecure("[fd00::1]:5000");
    assertThat(access.skipsVerification(URI.create("https://[fd00::1]:5000/v2/"))).isTrue();
    assertThat(access.isInsecure(sessions.of("[fd00::1]:5000"))).isTrue();
  }

  @Test
  void credentials_goToAnInsecureRegistryOverPlainHttp_butNotToAnotherPlainHttpHost() {
    InsecureAccess access = insecure("registry.internal", "other.internal:5000");

    assertThat(access.secretsAllowed(URI.create("http://registry.internal/v2/"))).isTrue();
    assertThat(access.secretsAllowed(URI.create("http://other.internal:5000/v2/"))).isTrue();
    assertThat(access.secretsAllowed(URI.create("http://registry.internal:5000/v2/"))).isFalse();
    assertThat(access.secretsAllowed(URI.create("http://auth.internal/token"))).isFalse();
  }

  @Test
  void plainHttpNamed_isPlainHttpOnly_notInsecure() {
    InsecureAccess access = new InsecureAccess(List.of("registry.internal"), List.of(), false);
    assertThat(access.plainHttpOnly(sessions.of("registry.internal"))).isTrue();
    assertThat(access.isInsecure(sessions.of("registry.internal"))).isFalse();
    assertThat(access.skipsVerification(URI.create("https://registry.internal/v2/"))).isFalse();
    assertThat(access.secretsAllowed(URI.create("http://registry.internal/v2/"))).isFalse();
  }
}
