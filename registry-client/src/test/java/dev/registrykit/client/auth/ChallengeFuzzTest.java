package dev.registrykit.client.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.registrykit.core.reference.Scope;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Fuzzes the {@code WWW-Authenticate} parser and the scope parser: any input parses without an
 * exception (registries and proxies in between send anything), and what was parsed prints back to a
 * header that parses to the same value. The seed corpus under {@code ChallengeFuzzTestInputs/} runs
 * in every build; {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class ChallengeFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void parse_arbitraryHeader_neverThrowsAndRoundTrips(byte[] input) {
    String header = new String(input, StandardCharsets.UTF_8);
    List<Challenge> challenges = Challenge.parse(header);
    for (Challenge c : challenges) {
      assertThat(c.scheme()).isNotEmpty();
      if (c.token68().isEmpty()) {
        assertThat(Challenge.parse(c.toString())).containsExactly(c);
      }
    }
  }

  @FuzzTest(maxDuration = "30s")
  void scopeTryParse_arbitraryText_roundTripsWhenValid(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    Scope.tryParse(text)
        .ifPresent(scope -> assertThat(Scope.parse(scope.toString())).isEqualTo(scope));
    List<Scope> scopes = Scope.parseList(text);
    assertThat(Scope.merge(scopes)).isEqualTo(scopes);
  }
}
