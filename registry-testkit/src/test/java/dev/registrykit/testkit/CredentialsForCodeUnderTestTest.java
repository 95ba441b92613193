package dev.registrykit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The fake hands the code under test its credentials and a Docker config, configured once. */
@Timeout(60)
class CredentialsForCodeUnderTestTest {
  @Test
  void credentials_areTheConfiguredUsers_andLetTheCodeUnderTestIn() throws Exception {
    try (FakeRegistry registry =
        FakeRegistry.builder()
            .auth(AuthMode.BASIC)
            .user("alice", "secret")
            .user("bob", "hunter2")
            .start()) {
      UserCredentials alice = registry.credentials();
      String basic =
          Base64.getEncoder()
              .encodeToString(
                  (alice.username() + ":" + alice.password()).getBytes(StandardCharsets.UTF_8));

      assertThat(registry.users())
          .extracting(UserCredentials::username)
          .containsExactly("alice", "bob");
      assertThat(
              Http.send(
                      registry.url("/v2/"),
                      "GET",
                      Map.of("Authorization", "Basic " + basic),
                      new byte[0])
                  .statusCode())
          .isEqualTo(200);
      assertThat(alice.toString()).contains("alice").doesNotContain("secret");
    }
  }

  @Test
  void writeDockerConfig_holdsTheFirstUserForThisHost(@TempDir Path dir) throws Exception {
    try (FakeRegistry registry =
        FakeRegistry.builder().auth(AuthMode.TOKEN).user("alice", "s3cr:et").start()) {
      Path config = registry.writeDockerConfig(dir.resolve("docker"));

      String auth =
          Base64.getEncoder().encodeToString("alice:s3cr:et".getBytes(StandardCharsets.UTF_8));
      assertThat(config).hasFileName("config.json");
      assertThat(Files.readString(config))
          .isEqualToIgnoringNewLines(
              "{\"auths\":{\"" + registry.host() + "\":{\"auth\":\"" + auth + "\"}}}");
    }
  }

  @Test
  void withoutUsers_credentialsExplainWhatIsMissing_andTheConfigIsEmpty(@TempDir Path dir)
      throws Exception {
    try (FakeRegistry registry = FakeRegistry.start()) {
      assertThatThrownBy(registry::credentials)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(".user(");
      assertThat(registry.users()).isEmpty();
      assertThat(Files.readString(registry.writeDockerConfig(dir)))
          .isEqualToIgnoringNewLines("{\"auths\":{}}");
    }
  }
}
