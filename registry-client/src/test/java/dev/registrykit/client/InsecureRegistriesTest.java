package dev.registrykit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.client.auth.Credential;
import dev.registrykit.client.auth.CredentialProviders;
import dev.registrykit.client.errors.RegistryTlsException;
import dev.registrykit.core.digest.SizedDigest;
import dev.registrykit.core.reference.Repository;
import dev.registrykit.testkit.AuthMode;
import dev.registrykit.testkit.FakeRegistry;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link RegistryClient.Builder#insecureRegistries} against the fake registry serving HTTPS with a
 * CA of its own, which the client is never given.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InsecureRegistriesTest {
  private static final String PASSWORD = "correct-horse-7";

  @Test
  void selfSignedRegistry_failsWithATypedTlsError_saysWhatToDo_andGetsNothingInPlainHttp()
      throws Exception {
    try (FakeRegistry fake = FakeRegistry.builder().tls(true).start();
        RegistryClient client = RegistryClient.builder().build()) {
      assertThatThrownBy(() -> client.ping(fake.registry()))
          .isInstanceOf(RegistryTlsException.class)
          .hasMessageContaining("the TLS certificate of " + fake.host() + " is not trusted")
          .hasMessageContaining("insecureRegistries(Registry.parse(\"" + fake.host() + "\"))");
      assertThat(fake.requests()).isEmpty();
    }
  }

  @Test
  void namedInsecure_pushesAndPullsWithCredentials_whileAnotherRegistryKeepsVerification()
      throws Exception {
    try (FakeRegistry named =
            FakeRegistry.builder().tls(true).auth(AuthMode.TOKEN).user("alice", PASSWORD).start();
        FakeRegistry other = FakeRegistry.builder().tls(true).start();
        RegistryClient client =
            RegistryClient.builder()
                .insecureRegistries(named.registry())
                .credentials(
                    CredentialProviders.fixed(
                        named.registry(), new Credential.UsernamePassword("alice", PASSWORD)))
                .build()) {
      Repository repository = named.repository("team/app");
      byte[] content = "layer bytes".getBytes(StandardCharsets.UTF_8);
      SizedDigest pushed =
          client.pushBlob(repository, new ByteArrayInputStream(content), ProgressListener.NONE);
      try (InputStream in = client.openBlob(repository, pushed.digest())) {
        assertThat(in.readAllBytes()).isEqualTo(content);
      }
      assertThat(named.blobs("team/app")).contains(pushed.digest());

      // The same client, another self-signed registry it was not told about: verified, refused.
      assertThatThrownBy(() -> client.ping(other.registry()))
          .isInstanceOf(RegistryTlsException.class)
          .hasMessageContaining("is not trusted");
      assertThat(other.requests()).isEmpty();
    }
  }
}
