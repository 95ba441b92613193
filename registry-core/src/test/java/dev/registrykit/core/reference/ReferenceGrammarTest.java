package dev.registrykit.core.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Each scanner accepts exactly what its specification regex (from the named pieces) accepts. */
class ReferenceGrammarTest {
  private static final String ALPHABET = "aZ09-._:/[]@%é\n";

  private interface Scanner {
    int scan(String s, int from, int to);
  }

  private static void assertScannerMatchesSpecification(
      String production, Scanner scanner, String expression) {
    Pattern pattern = ReferenceGrammar.compile(ReferenceGrammar.anchored(expression));
    long seed = ReferenceGenerators.seed();
    Random random = new Random(seed);
    for (int i = 0; i < 20_000; i++) {
      int length = random.nextInt(14);
      StringBuilder b = new StringBuilder();
      for (int j = 0; j < length; j++) {
        b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
      }
      String s = b.toString();
      boolean scanned = scanner.scan(s, 0, s.length()) == ReferenceGrammar.OK;
      assertThat(scanned)
          .as("%s on %s (seed %d)", production, ReferenceErrors.quote(s), seed)
          .isEqualTo(pattern.matcher(s).matches());
    }
  }

  @Test
  void scanDomainAndPort_agreesWithSpecification() {
    assertScannerMatchesSpecification(
        "domainAndPort", ReferenceGrammar::scanDomainAndPort, ReferenceGrammar.DOMAIN_AND_PORT);
  }

  @Test
  void scanRemoteName_agreesWithSpecification() {
    assertScannerMatchesSpecification(
        "remoteName", ReferenceGrammar::scanRemoteName, ReferenceGrammar.REMOTE_NAME);
  }

  @Test
  void scanTag_agreesWithSpecification() {
    assertScannerMatchesSpecification("tag", ReferenceGrammar::scanTag, ReferenceGrammar.TAG);
  }

  @Test
  void scanTag_lengthLimit_agreesWithSpecification() {
    Pattern tag = ReferenceGrammar.compile(ReferenceGrammar.anchored(ReferenceGrammar.TAG));
    for (int length = 120; length < 135; length++) {
      String s = "t".repeat(length);
      assertThat(ReferenceGrammar.scanTag(s, 0, length) == ReferenceGrammar.OK)
          .isEqualTo(tag.matcher(s).matches());
    }
  }

  @Test
  void anchored_rejectsTrailingNewline() {
    Pattern pattern = ReferenceGrammar.compile(ReferenceGrammar.REFERENCE);

    assertThat(pattern.matcher("alpine").matches()).isTrue();
    assertThat(pattern.matcher("alpine\n").find()).isFalse();
  }

  @Test
  void composites_areBuiltFromNamedPieces() {
    assertThat(ReferenceGrammar.REMOTE_NAME).startsWith(ReferenceGrammar.PATH_COMPONENT);
    assertThat(ReferenceGrammar.DOMAIN_AND_PORT)
        .isEqualTo(ReferenceGrammar.HOST + ReferenceGrammar.OPTIONAL_PORT);
    assertThat(ReferenceGrammar.optional("a", "b")).isEqualTo("(?:ab)?");
    assertThat(ReferenceGrammar.anyTimes("a")).isEqualTo("(?:a)*");
    assertThat(ReferenceGrammar.capture("a")).isEqualTo("(a)");
    assertThat(ReferenceGrammar.anchored("a")).isEqualTo("\\Aa\\z");
  }

  @Test
  void isIdentifier_only64LowercaseHex() {
    assertThat(ReferenceGrammar.isIdentifier("a".repeat(64))).isTrue();
    assertThat(ReferenceGrammar.isIdentifier("a".repeat(63))).isFalse();
    assertThat(ReferenceGrammar.isIdentifier("A".repeat(64))).isFalse();
    assertThat(ReferenceGrammar.isIdentifier("g".repeat(64))).isFalse();
  }
}
