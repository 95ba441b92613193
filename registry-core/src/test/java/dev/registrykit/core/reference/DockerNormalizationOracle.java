package dev.registrykit.core.reference;

import dev.registrykit.core.digest.Digest;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deliberately naive re-statement of distribution/reference's {@code ParseNormalizedNamed}: the
 * same steps in the same order, matching with the {@link ReferenceGrammar} specification regexes
 * (backtracking, so bounded inputs only). The scanner-based parser is checked against it.
 *
 * <p>Digests are validated with {@link Digest#tryParse}, as the library supports sha256 and sha512
 * only (go-digest also knows sha384).
 */
final class DockerNormalizationOracle {
  private static final Pattern REFERENCE = ReferenceGrammar.compile(ReferenceGrammar.REFERENCE);
  private static final Pattern ANCHORED_NAME =
      ReferenceGrammar.compile(ReferenceGrammar.ANCHORED_NAME);
  private static final Pattern IDENTIFIER =
      ReferenceGrammar.compile(ReferenceGrammar.ANCHORED_IDENTIFIER);

  /**
   * The oracle's verdict on an accepted input; {@code domain} is empty when distribution finds
   * none.
   */
  record Parsed(String domain, String path, String tag, String digest) {
    static Parsed of(ImageReference ref) {
      return new Parsed(
          ref.registry().name(),
          ref.repository().path(),
          ref.tag().map(Tag::value).orElse(null),
          ref.digest().map(Digest::toString).orElse(null));
    }
  }

  static Optional<Parsed> parseNormalizedNamed(String s) {
    if (s.length() > 1_000) {
      throw new IllegalArgumentException("the oracle backtracks: bounded inputs only");
    }
    if (IDENTIFIER.matcher(s).matches()) {
      return Optional.empty();
    }
    String domain;
    String remainder;
    int slash = s.indexOf('/');
    if (slash < 0) {
      domain = "docker.io";
      remainder = "library/" + s;
    } else {
      String maybeDomain = s.substring(0, slash);
      String rest = s.substring(slash + 1);
      if (maybeDomain.equals("localhost")) {
        domain = maybeDomain;
        remainder = rest;
      } else if (maybeDomain.equals("index.docker.io")) {
        domain = "docker.io";
        remainder = rest;
      } else if (maybeDomain.contains(".") || maybeDomain.contains(":")) {
        domain = maybeDomain;
        remainder = rest;
      } else if (!maybeDomain.toLowerCase(Locale.ROOT).equals(maybeDomain)) {
        domain = maybeDomain;
        remainder = rest;
      } else {
        domain = "docker.io";
        remainder = s;
      }
      if (domain.equals("docker.io") && !remainder.contains("/")) {
        remainder = "library/" + remainder;
      }
    }
    int tagSeparator = remainder.indexOf(':');
    String remoteName = tagSeparator < 0 ? remainder : remainder.substring(0, tagSeparator);
    if (!remoteName.toLowerCase(Locale.ROOT).equals(remoteName)) {
      return Optional.empty();
    }
    // Parse(domain + "/" + remainder)
    Matcher reference = REFERENCE.matcher(domain + "/" + remainder);
    if (!reference.matches()) {
      return Optional.empty();
    }
    Matcher name = ANCHORED_NAME.matcher(reference.group(1));
    if (!name.matches()) {
      throw new AssertionError("a matched name must split: " + reference.group(1));
    }
    String parsedDomain = name.group(1) == null ? "" : name.group(1);
    String path = name.group(2);
    if (path.length() > ReferenceGrammar.NAME_TOTAL_LENGTH_MAX) {
      return Optional.empty();
    }
    String digest = reference.group(3);
    if (digest != null && Digest.tryParse(digest).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Parsed(parsedDomain, path, reference.group(2), digest));
  }

  private DockerNormalizationOracle() {}
}
