package dev.registrykit.core.reference;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.digest.InvalidDigestException;
import dev.registrykit.core.reference.InvalidReferenceException.Reason;
import java.util.Objects;
import java.util.Optional;

/**
 * Docker's normalizing parser (distribution/reference {@code ParseNormalizedNamed}, then {@code
 * Parse} of the normalized string), done in one pass with the {@link ReferenceGrammar} scanners.
 *
 * <p>Steps, in distribution's order: reject a bare image ID; split off the registry (the text
 * before the first {@code /} is a registry only when it contains {@code .} or {@code :}, is {@code
 * localhost}, or has an uppercase letter; {@code index.docker.io} becomes {@code docker.io}); add
 * {@code library/} to one-component Docker Hub paths; reject uppercase in the path; then check
 * registry, path, tag and digest against the grammar.
 *
 * @see <a href="https://github.com/distribution/reference/blob/main/normalize.go">normalize.go</a>
 */
final class ReferenceParser {
  private static final String DOCKER_HUB = Registry.DOCKER_HUB.name();

  static ImageReference parse(String s) {
    Objects.requireNonNull(s, "reference");
    int length = s.length();
    if (length == 0) {
      throw ReferenceErrors.of(Reason.NAME_EMPTY, "reference must not be empty", s);
    }
    if (ReferenceGrammar.isIdentifier(s)) {
      throw ReferenceErrors.of(
          Reason.NAME_IS_IMAGE_ID,
          "a 64-character hex string is an image ID, not a repository name",
          s);
    }

    // splitDockerDomain: the registry, if any, ends at the first slash.
    int slash = s.indexOf('/');
    Registry registry = Registry.DOCKER_HUB;
    int registryEnd = -1;
    int pathStart = 0;
    if (slash >= 0) {
      if (isRegion(s, slash, Registry.LEGACY_DOCKER_HUB) || isRegion(s, slash, DOCKER_HUB)) {
        pathStart = slash + 1;
      } else if (looksLikeRegistry(s, slash)) {
        registryEnd = slash;
        pathStart = slash + 1;
      }
    }
    boolean official = registryEnd < 0 && s.indexOf('/', pathStart) < 0;

    // The repository path runs to the tag's ':' or the digest's '@'.
    int nameEnd = pathStart;
    while (nameEnd < length) {
      char c = s.charAt(nameEnd);
      if (c == ':' || c == '@') {
        break;
      }
      nameEnd++;
    }
    if (ReferenceGrammar.indexOfUppercase(s, pathStart, nameEnd) != ReferenceGrammar.OK) {
      throw ReferenceErrors.of(
          Reason.NAME_UPPERCASE,
          "repository name must be lowercase",
          s.substring(pathStart, nameEnd));
    }
    if (registryEnd >= 0) {
      int error = ReferenceGrammar.scanDomainAndPort(s, 0, registryEnd);
      if (error != ReferenceGrammar.OK) {
        throw ReferenceErrors.at(Reason.REGISTRY_INVALID, "invalid registry host", s, error);
      }
      registry = Registry.parse(s.substring(0, registryEnd));
    }
    int pathLength =
        nameEnd - pathStart + (official ? Repository.OFFICIAL_REPOSITORY_PREFIX.length() : 0);
    if (pathLength > ReferenceGrammar.NAME_TOTAL_LENGTH_MAX) {
      // Checked before scanning: the limit is on the path, never on the registry host.
      throw new InvalidReferenceException(
          Reason.NAME_TOO_LONG,
          "repository name must not be longer than "
              + ReferenceGrammar.NAME_TOTAL_LENGTH_MAX
              + " characters, found "
              + pathLength
              + ": "
              + ReferenceErrors.quote(s.substring(pathStart, nameEnd)));
    }
    Repository.checkPath(s, s.substring(pathStart, nameEnd), pathStart, nameEnd);
    String rawPath = s.substring(pathStart, nameEnd);
    Repository repository =
        new Repository(
            registry, official ? Repository.OFFICIAL_REPOSITORY_PREFIX + rawPath : rawPath);

    Optional<Tag> tag = Optional.empty();
    int i = nameEnd;
    if (i < length && s.charAt(i) == ':') {
      int tagEnd = s.indexOf('@', i + 1);
      if (tagEnd < 0) {
        tagEnd = length;
      }
      int error = ReferenceGrammar.scanTag(s, i + 1, tagEnd);
      if (error != ReferenceGrammar.OK) {
        throw Tag.invalid(s, i + 1, tagEnd, error);
      }
      tag = Optional.of(new Tag(s.substring(i + 1, tagEnd)));
      i = tagEnd;
    }
    Optional<Digest> digest = Optional.empty();
    if (i < length) {
      // Only '@' can end the name or the tag here.
      digest = Optional.of(parseDigest(s, i + 1));
    }
    return new ImageReference(repository, tag, digest);
  }

  private static Digest parseDigest(String s, int from) {
    try {
      return Digest.parse(s.substring(from));
    } catch (InvalidDigestException e) {
      throw new InvalidReferenceException(
          Reason.DIGEST_INVALID,
          "invalid digest after '@' at position " + (from - 1) + ": " + e.getMessage());
    }
  }

  /** Whether {@code s[0, end)} is exactly {@code literal}. */
  private static boolean isRegion(String s, int end, String literal) {
    return end == literal.length() && s.startsWith(literal);
  }

  /**
   * splitDockerDomain's test for the first component: a registry when it contains {@code .} or
   * {@code :}, is {@code localhost}, or has an uppercase letter (namespaces are lowercase, so
   * uppercase can only be a host).
   */
  private static boolean looksLikeRegistry(String s, int end) {
    if (isRegion(s, end, "localhost")) {
      return true;
    }
    for (int i = 0; i < end; i++) {
      char c = s.charAt(i);
      if (c == '.' || c == ':' || (c >= 'A' && c <= 'Z')) {
        return true;
      }
    }
    return false;
  }

  private ReferenceParser() {}
}
