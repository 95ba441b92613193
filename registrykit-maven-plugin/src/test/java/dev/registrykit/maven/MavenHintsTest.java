package dev.registrykit.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class MavenHintsTest {
  @Test
  void javaAdvice_becomesThePluginsConfiguration() {
    String message =
        MavenHints.forMaven(
            new IOException(
                "GET /v2/ r.example: the TLS certificate of r.example is not trusted (PKIX). Give"
                    + " the client the registry's CA certificate"
                    + " (ApacheHttpTransport.builder().trustedCertificates(...)), or, only if the"
                    + " network to it is trusted, skip verification for it:"
                    + " RegistryClient.builder().insecureRegistries(Registry.parse(\"r.example\"));"
                    + " the client never falls back to plain HTTP for a certificate problem"));

    assertThat(message)
        .contains("the TLS certificate of r.example is not trusted")
        .contains("-Djavax.net.ssl.trustStore=")
        .contains("<allowInsecureRegistries>true</allowInsecureRegistries>")
        .contains("-Dregistrykit.allowInsecureRegistries=true")
        .doesNotContain("builder()");
  }

  @Test
  void plainHttpAdvice_becomesAllowInsecureRegistries() {
    assertThat(
            MavenHints.forMaven(
                new IOException(
                    "r.example:5000 speaks plain HTTP, not HTTPS. Only if the network to it is"
                        + " trusted, allow plain HTTP for it explicitly:"
                        + " RegistryClient.builder().plainHttp(Registry.parse(\"r.example:5000\"))")))
        .endsWith(
            "-Dregistrykit.allowInsecureRegistries=true: HTTP and unverified HTTPS for the"
                + " image's registries only)");
  }

  @Test
  void aMessageWithoutAdvice_isKept() {
    assertThat(MavenHints.forMaven(new IOException("disk full"))).isEqualTo("disk full");
    assertThat(MavenHints.forMaven(new IOException())).isEqualTo("IOException");
  }
}
