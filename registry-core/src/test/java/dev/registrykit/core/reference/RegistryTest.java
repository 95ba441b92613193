package dev.registrykit.core.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.core.reference.InvalidReferenceException.Reason;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegistryTest {
  @Test
  void parse_legacyDockerHub_isDockerIo() {
    assertThat(Registry.parse("index.docker.io"))
        .isEqualTo(Registry.DOCKER_HUB)
        .hasToString("docker.io");
    assertThat(Registry.parse("docker.io").isDockerHub()).isTrue();
  }

  @Test
  void constructor_legacyDockerHub_throwsNotCanonical() {
    assertThatThrownBy(() -> new Registry("index.docker.io"))
        .isInstanceOf(InvalidReferenceException.class)
        .satisfies(
            e ->
                assertThat(((InvalidReferenceException) e).reason())
                    .isEqualTo(Reason.NAME_NOT_CANONICAL));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "a_b.com", "-a.com", "a-.com", "host:", "host:x", "[::1", "[]", "[::1]x", "a/b", "a..b"
      })
  void parse_invalidHost_throwsRegistryInvalid(String input) {
    assertThatThrownBy(() -> Registry.parse(input))
        .isInstanceOf(InvalidReferenceException.class)
        .satisfies(
            e ->
                assertThat(((InvalidReferenceException) e).reason())
                    .isEqualTo(Reason.REGISTRY_INVALID));
    assertThat(Registry.tryParse(input)).isEmpty();
  }

  @Test
  void hostAndPort_split() {
    assertThat(Registry.parse("localhost:5000").host()).isEqualTo("localhost");
    assertThat(Registry.parse("localhost:5000").port()).hasValue(5000);
    assertThat(Registry.parse("[::1]:5000").host()).isEqualTo("[::1]");
    assertThat(Registry.parse("[::1]:5000").port()).hasValue(5000);
    assertThat(Registry.parse("[::1]").port()).isEmpty();
    assertThat(Registry.parse("docker.io").port()).isEmpty();
    assertThat(Registry.parse("host:99999").port()).isEqualTo(OptionalInt.empty());
    assertThat(Registry.parse("host:123456789012").port()).isEmpty();
    assertThat(Registry.parse("host:0080").port()).hasValue(80);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "localhost",
        "localhost:5000",
        "LOCALHOST",
        "127.0.0.1",
        "127.0.0.1:5000",
        "127.255.255.255",
        "127.1.2.3:1",
        "[::1]",
        "[::1]:5000",
        "[0:0:0:0:0:0:0:1]:5000",
        "[0000::0001]",
        "[::0:1]"
      })
  void isLoopback_loopbackHost_true(String name) {
    assertThat(Registry.parse(name).isLoopback()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "docker.io",
        "localhost.example.com",
        "mylocalhost",
        "128.0.0.1",
        "127.0.0.256",
        "127.0.0",
        "127.0.0.1.5",
        "10.0.0.1:5000",
        "[::2]",
        "[::]",
        "[1::1]",
        "[::1:1]",
        "[:::1]",
        "[0:0:0:0:0:0:0:0:1]",
        "[::1::]",
        "[00000::1]"
      })
  void isLoopback_otherHost_false(String name) {
    assertThat(Registry.parse(name).isLoopback()).isFalse();
  }

  @Test
  void apiHost_dockerHub_isRegistry1() {
    assertThat(Registry.DOCKER_HUB.apiHost()).isEqualTo("registry-1.docker.io");
    assertThat(ImageReference.parse("alpine").registry().apiHost())
        .isEqualTo("registry-1.docker.io");
  }

  @Test
  void apiHost_otherRegistry_isItsName() {
    assertThat(Registry.parse("localhost:5000").apiHost()).isEqualTo("localhost:5000");
    assertThat(Registry.parse("ghcr.io").apiHost()).isEqualTo("ghcr.io");
  }
}
