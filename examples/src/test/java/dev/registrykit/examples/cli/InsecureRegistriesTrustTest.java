package dev.registrykit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.core.reference.Registry;
import dev.registrykit.testkit.FakeRegistry;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InsecureRegistriesTrustTest {

  @Test
  void context_skipsVerificationForTheNamedRegistryOnly() throws Exception {
    try (FakeRegistry named = FakeRegistry.builder().tls(true).start();
        FakeRegistry other = FakeRegistry.builder().tls(true).start()) {
      SSLContext context = InsecureRegistriesTrust.context(List.of(Registry.parse(named.host())));

      handshake(context, named.host()); // its private CA is not trusted, and it need not be

      // Another host on the same command line (a token realm, a redirect) is verified as usual.
      assertThatThrownBy(() -> handshake(context, other.host()))
          .isInstanceOf(SSLHandshakeException.class);
    }
  }

  @Test
  void authority_isWhereTheApiIsServed() {
    assertThat(InsecureRegistriesTrust.authority(Registry.parse("127.0.0.1:5000")))
        .isEqualTo("127.0.0.1:5000");
    assertThat(InsecureRegistriesTrust.authority(Registry.parse("Registry.Example")))
        .isEqualTo("registry.example:443");
    assertThat(InsecureRegistriesTrust.authority(Registry.DOCKER_HUB))
        .isEqualTo("registry-1.docker.io:443");
    assertThat(InsecureRegistriesTrust.authority(Registry.parse("[::1]:5000")))
        .isEqualTo("::1:5000");
  }

  private static void handshake(SSLContext context, String hostAndPort) throws Exception {
    URI uri = URI.create("https://" + hostAndPort);
    try (SSLSocket socket =
        (SSLSocket) context.getSocketFactory().createSocket(uri.getHost(), uri.getPort())) {
      socket.startHandshake();
    }
  }
}
