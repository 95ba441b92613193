package dev.registrykit.core.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.core.reference.InvalidReferenceException.Reason;
import org.junit.jupiter.api.Test;

class RepositoryTest {
  @Test
  void parse_familiarName_normalizes() {
    Repository repository = Repository.parse("alpine");

    assertThat(repository.registry()).isEqualTo(Registry.DOCKER_HUB);
    assertThat(repository).hasToString("library/alpine");
    assertThat(repository.path()).isEqualTo("library/alpine");
    assertThat(repository.name()).isEqualTo("docker.io/library/alpine");
    assertThat(repository.familiarName()).isEqualTo("alpine");
    assertThat(Repository.parse(repository.name())).isEqualTo(repository);
  }

  @Test
  void name_parsedBack_isTheSameRepository_whileToStringIsThePathAsDockerPrintsIt() {
    Repository onHarbor = Repository.parse("harbor.example:8443/team/app");

    assertThat(onHarbor).hasToString("team/app");
    assertThat(Repository.parse(onHarbor.name())).isEqualTo(onHarbor);
    assertThat(Repository.parse(Repository.parse("alpine").name()))
        .isEqualTo(Repository.parse("alpine"));
  }

  @Test
  void parse_withTagOrDigest_throws() {
    assertThatThrownBy(() -> Repository.parse("alpine:3.19"))
        .isInstanceOf(InvalidReferenceException.class)
        .hasMessageContaining("no tag or digest");
    assertThat(Repository.tryParse("alpine:3.19")).isEmpty();
    assertThat(Repository.tryParse("localhost:5000/a"))
        .map(Repository::name)
        .hasValue("localhost:5000/a");
  }

  @Test
  void of_singleComponentOnDockerHub_throwsNotCanonical() {
    assertThatThrownBy(() -> Repository.of(Registry.DOCKER_HUB, "alpine"))
        .satisfies(
            e ->
                assertThat(((InvalidReferenceException) e).reason())
                    .isEqualTo(Reason.NAME_NOT_CANONICAL));
    assertThat(Repository.of(Registry.parse("localhost"), "alpine").name())
        .isEqualTo("localhost/alpine");
  }

  @Test
  void of_invalidPath_throwsWithReason() {
    Registry registry = Registry.parse("localhost:5000");
    assertThatThrownBy(() -> Repository.of(registry, ""))
        .satisfies(
            e -> assertThat(((InvalidReferenceException) e).reason()).isEqualTo(Reason.NAME_EMPTY));
    assertThatThrownBy(() -> Repository.of(registry, "Foo"))
        .hasMessage("repository name must be lowercase: \"Foo\"");
    assertThatThrownBy(() -> Repository.of(registry, "a".repeat(256)))
        .satisfies(
            e ->
                assertThat(((InvalidReferenceException) e).reason())
                    .isEqualTo(Reason.NAME_TOO_LONG));
    assertThatThrownBy(() -> Repository.of(registry, "a//b"))
        .satisfies(
            e ->
                assertThat(((InvalidReferenceException) e).reason())
                    .isEqualTo(Reason.INVALID_FORMAT));
  }

  @Test
  void scope_actions_formatsTokenScope() {
    Repository repository = Repository.parse("zavy86/figlet");

    assertThat(repository.pullScope()).hasToString("repository:zavy86/figlet:pull");
    assertThat(repository.pushScope()).hasToString("repository:zavy86/figlet:pull,push");
    assertThat(repository.scope("delete")).hasToString("repository:zavy86/figlet:delete");
  }

  @Test
  void scope_badAction_throws() {
    Repository repository = Repository.parse("alpine");

    assertThatThrownBy(repository::scope).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> repository.scope("pull,push"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> repository.scope("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void familiarName_variousRegistries() {
    assertThat(Repository.parse("zavy86/figlet").familiarName()).isEqualTo("zavy86/figlet");
    assertThat(Repository.parse("localhost:5000/figlet").familiarName())
        .isEqualTo("localhost:5000/figlet");
    assertThat(Repository.parse("docker.io/library/a/b").familiarName()).isEqualTo("library/a/b");
  }
}
