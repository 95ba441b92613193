package dev.registrykit.client.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.core.reference.Scope;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChallengeTest {
  static Stream<Arguments> cases() {
    Map<String, String> hub =
        Map.of(
            "realm",
            "https://auth.docker.io/token",
            "service",
            "registry.docker.io",
            "scope",
            "repository:library/alpine:pull");
    return Stream.of(
        Arguments.of(
            "Docker Hub order",
            "Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\",scope=\"repository:library/alpine:pull\"",
            List.of(Challenge.of("Bearer", hub))),
        Arguments.of(
            "any parameter order, spaces around = and after commas",
            "Bearer scope=\"repository:library/alpine:pull\" , service = \"registry.docker.io\",  realm=\"https://auth.docker.io/token\"",
            List.of(Challenge.of("Bearer", hub))),
        Arguments.of(
            "scope missing (Artifactory)",
            "Bearer realm=\"https://a.example/token\",service=\"a\"",
            List.of(
                Challenge.of(
                    "Bearer", Map.of("realm", "https://a.example/token", "service", "a")))),
        Arguments.of(
            "service missing (nvcr.io)",
            "Bearer realm=\"https://nvcr.io/proxy_auth\",scope=\"repository:x:pull\"",
            List.of(
                Challenge.of(
                    "Bearer",
                    Map.of("realm", "https://nvcr.io/proxy_auth", "scope", "repository:x:pull")))),
        Arguments.of("Basic without realm", "Basic", List.of(Challenge.of("Basic", Map.of()))),
        Arguments.of(
            "upper-case scheme and unquoted token value (Nexus)",
            "BASIC realm=Sonatype_Nexus_Repository_Manager",
            List.of(Challenge.of("BASIC", Map.of("realm", "Sonatype_Nexus_Repository_Manager")))),
        Arguments.of(
            "escapes in quoted strings",
            "Basic realm=\"say \\\"hi\\\" \\\\ there\"",
            List.of(Challenge.of("Basic", Map.of("realm", "say \"hi\" \\ there")))),
        Arguments.of(
            "comma inside a quoted string",
            "Bearer realm=\"https://x/token\",scope=\"repository:a:pull,push\"",
            List.of(
                Challenge.of(
                    "Bearer",
                    Map.of("realm", "https://x/token", "scope", "repository:a:pull,push")))),
        Arguments.of(
            "several challenges in one header, unknown scheme kept for the caller to ignore",
            "Negotiate, Basic realm=\"harbor\", Bearer realm=\"https://h/service/token\",service=\"harbor-registry\"",
            List.of(
                Challenge.of("Negotiate", Map.of()),
                Challenge.of("Basic", Map.of("realm", "harbor")),
                Challenge.of(
                    "Bearer",
                    Map.of("realm", "https://h/service/token", "service", "harbor-registry")))),
        Arguments.of(
            "token68 with padding, then another challenge",
            "Negotiate YIIFyQYGKwYBBQUCoII==, Basic realm=\"r\"",
            List.of(
                new Challenge("Negotiate", Map.of(), Optional.of("YIIFyQYGKwYBBQUCoII==")),
                Challenge.of("Basic", Map.of("realm", "r")))),
        Arguments.of(
            "parameter names are case-insensitive; first occurrence wins",
            "Bearer Realm=\"a\", REALM=\"b\"",
            List.of(Challenge.of("Bearer", Map.of("realm", "a")))),
        Arguments.of(
            "insufficient_scope error",
            "Bearer realm=\"https://r/token\",service=\"s\",scope=\"repository:a:pull,push\",error=\"insufficient_scope\"",
            List.of(
                Challenge.of(
                    "Bearer",
                    Map.of(
                        "realm",
                        "https://r/token",
                        "service",
                        "s",
                        "scope",
                        "repository:a:pull,push",
                        "error",
                        "insufficient_scope")))),
        Arguments.of("empty header", "", List.of()),
        Arguments.of(
            "unterminated quoted string loses only that challenge",
            "Basic realm=\"r\", Bearer realm=\"unterminated",
            List.of(Challenge.of("Basic", Map.of("realm", "r")))),
        Arguments.of(
            "garbage between challenges is skipped",
            "Basic realm=\"r\" \"junk\", Bearer realm=\"x\"",
            List.of(Challenge.of("Bearer", Map.of("realm", "x")))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void parse_table(String description, String header, List<Challenge> expected) {
    assertThat(Challenge.parse(header)).as(description).isEqualTo(expected);
  }

  @Test
  void parseAll_severalHeaderFields_keepsOrder() {
    List<Challenge> all = Challenge.parseAll(List.of("Basic realm=\"a\"", "Bearer realm=\"b\""));
    assertThat(all).extracting(Challenge::scheme).containsExactly("Basic", "Bearer");
  }

  @Test
  void accessors_readParametersCaseInsensitively() {
    Challenge c =
        Challenge.parse(
                "bearer realm=\"https://r/t\",service=\"s\",scope=\"repository:a:pull repository:b:push\",error=\"insufficient_scope\"")
            .get(0);
    assertThat(c.isBearer()).isTrue();
    assertThat(c.isBasic()).isFalse();
    assertThat(c.realm()).contains("https://r/t");
    assertThat(c.service()).contains("s");
    assertThat(c.error()).contains("insufficient_scope");
    assertThat(c.scopes())
        .containsExactly(Scope.repository("a", "pull"), Scope.repository("b", "push"));
    assertThat(c.parameter("SERVICE")).contains("s");
  }

  @Test
  void toString_roundTripsThroughParse_andRedactsToken68() {
    Challenge c = Challenge.of("Bearer", Map.of("realm", "https://r/\"t\"", "service", "s"));
    assertThat(Challenge.parse(c.toString())).containsExactly(c);
    assertThat(new Challenge("Negotiate", Map.of(), Optional.of("c2VjcmV0")).toString())
        .doesNotContain("c2VjcmV0");
  }
}
