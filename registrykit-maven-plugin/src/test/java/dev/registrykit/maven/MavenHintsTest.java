package dev.registrykit.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class MavenHintsTest {
  @Test
  void javaAdvice_becomesThePluginsConfiguration_keepingTheCauseAndStackTrace() {
    SSLHandshakeException cause = new SSLHandshakeException("PKIX path building failed");
    IOException failure =
        new IOException(
            "GET /v2/ r.example: the TLS certificate of r.example is not trusted (PKIX). Give"
                + " the client the registry's CA certificate"
                + " (ApacheHttpTransport.builder().trustedCertificates(...)), or, only if the"
                + " network to it is trusted, skip verification for it:"
                + " RegistryClient.builder().insecureRegistries(Registry.parse(\"r.example\"));"
                + " the client never falls back to plain HTTP for a certificate problem",
            cause);

    Throwable worded = MavenHints.forMaven(failure);

    assertThat(worded.getMessage())
        .contains("the TLS certificate of r.example is not trusted")
        .contains("-Djavax.net.ssl.trustStore=")
        .contains("<allowInsecureRegistries>true</allowInsecureRegistries>")
        .contains("-Dregistrykit.allowInsecureRegistries=true")
        .doesNotContain("builder()");
    // The original is not in the chain: Maven would print its message too.
    assertThat(worded.getCause()).isSameAs(cause);
    assertThat(worded.getStackTrace()).isEqualTo(failure.getStackTrace());
  }

  @Test
  void plainHttpAdvice_becomesAllowInsecureRegistries() {
    IOException failure =
        new IOException(
            "r.example:5000 speaks plain HTTP, not HTTPS. Only if the network to it is trusted,"
                + " allow plain HTTP for it explicitly:"
                + " RegistryClient.builder().plainHttp(Registry.parse(\"r.example:5000\"))");
    assertThat(MavenHints.forMaven(failure).getMessage())
        .endsWith(
            "-Dregistrykit.allowInsecureRegistries=true: HTTP and unverified HTTPS for the"
                + " image's registries only)");
  }

  @Test
  void aFailureWithoutAdvice_isKeptAsItIs() {
    IOException failure = new IOException("disk full");
    assertThat(MavenHints.forMaven(failure)).isSameAs(failure);
  }
}
