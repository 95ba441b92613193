package dev.registrykit.core.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScopeTest {
  @Test
  void parse_repositoryScope_roundTrips() {
    Scope scope = Scope.parse("repository:library/alpine:push,pull");
    assertThat(scope.resourceType()).isEqualTo("repository");
    assertThat(scope.resourceName()).isEqualTo("library/alpine");
    assertThat(scope.actions()).containsExactly("pull", "push");
    assertThat(scope.toString()).isEqualTo("repository:library/alpine:pull,push");
    assertThat(Scope.parse(scope.toString())).isEqualTo(scope);
  }

  @Test
  void parse_nameWithPortAndTypeWithClass_splitsAtFirstAndLastColon() {
    Scope scope = Scope.parse("repository(plugin):localhost:5000/foo:pull");
    assertThat(scope.resourceType()).isEqualTo("repository(plugin)");
    assertThat(scope.resourceName()).isEqualTo("localhost:5000/foo");
    assertThat(Scope.catalog().toString()).isEqualTo("registry:catalog:*");
  }

  @Test
  void parse_malformed_throws() {
    for (String bad :
        List.of(
            "",
            "repository",
            "repository:foo",
            ":foo:pull",
            "repository:foo:",
            "repository:foo:pull,,push",
            "a b:c:d")) {
      assertThatThrownBy(() -> Scope.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(Scope.tryParse(bad)).as(bad).isEmpty();
    }
  }

  @Test
  void merge_sameResource_unitesActions() {
    List<Scope> merged =
        Scope.merge(
            List.of(
                Scope.repository("b", "pull"),
                Scope.repository("a", "push"),
                Scope.repository("a", "pull")));
    assertThat(merged)
        .extracting(Scope::toString)
        .containsExactly("repository:a:pull,push", "repository:b:pull");
  }

  @Test
  void covers_supersetOrWildcard_isTrue() {
    assertThat(Scope.repository("a", "pull", "push").covers(Scope.repository("a", "pull")))
        .isTrue();
    assertThat(Scope.repository("a", "pull").covers(Scope.repository("a", "push"))).isFalse();
    assertThat(Scope.repository("a", "*").covers(Scope.repository("a", "delete"))).isTrue();
    assertThat(Scope.repository("a", "pull").covers(Scope.repository("b", "pull"))).isFalse();
    assertThat(
            Scope.coversAll(
                List.of(Scope.repository("a", "pull", "push"), Scope.repository("b", "pull")),
                List.of(Scope.repository("b", "pull"), Scope.repository("a", "push"))))
        .isTrue();
  }

  @Test
  void parseList_spaceSeparated_skipsJunk() {
    assertThat(Scope.parseList("repository:a:pull  junk repository:b:pull,push"))
        .containsExactly(
            Scope.repository("a", "pull"), new Scope("repository", "b", Set.of("push", "pull")));
  }
}
