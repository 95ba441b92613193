package dev.registrykit.core.digest;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A content digest such as {@code sha256:4c1d…}: an algorithm and its lowercase hex encoding.
 *
 * <p>Immutable and thread-safe. {@link #toString()} is the wire form and the inverse of {@link
 * #parse(String)}.
 *
 * @param algorithm the hash algorithm
 * @param hex the encoded hash, lowercase hex of exactly {@link DigestAlgorithm#hexLength()}
 *     characters
 */
public record Digest(DigestAlgorithm algorithm, String hex) implements Comparable<Digest> {
  private static final HexFormat HEX = HexFormat.of();
  private static final int MAX_QUOTED_INPUT = 80;

  /** Validates the encoded part against the algorithm. */
  public Digest {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(hex, "hex");
    String problem = hexProblem(algorithm, hex);
    if (problem != null) {
      throw new InvalidDigestException(
          problem + ": \"" + quote(algorithm.prefix() + ":" + hex) + "\"");
    }
  }

  /**
   * Parses {@code sha256:<64 lowercase hex>} or {@code sha512:<128 lowercase hex>}.
   *
   * @throws InvalidDigestException naming the reason and the input when {@code s} is anything else
   */
  public static Digest parse(String s) {
    Objects.requireNonNull(s, "digest");
    int colon = s.indexOf(':');
    if (colon < 0) {
      throw new InvalidDigestException(
          "digest has no algorithm prefix (expected \"sha256:<hex>\"): \"" + quote(s) + "\"");
    }
    String prefix = s.substring(0, colon);
    DigestAlgorithm algorithm =
        DigestAlgorithm.fromPrefix(prefix)
            .orElseThrow(
                () ->
                    new InvalidDigestException(
                        "unsupported digest algorithm \""
                            + quote(prefix)
                            + "\" (sha256 and sha512 are supported): \""
                            + quote(s)
                            + "\""));
    return new Digest(algorithm, s.substring(colon + 1));
  }

  /** Like {@link #parse(String)}, but returns empty instead of throwing: for untrusted input. */
  public static Optional<Digest> tryParse(@Nullable String s) {
    if (s == null) {
      return Optional.empty();
    }
    int colon = s.indexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    Optional<DigestAlgorithm> algorithm = DigestAlgorithm.fromPrefix(s.substring(0, colon));
    if (algorithm.isEmpty() || hexProblem(algorithm.get(), s.substring(colon + 1)) != null) {
      return Optional.empty();
    }
    return Optional.of(new Digest(algorithm.get(), s.substring(colon + 1)));
  }

  /** The SHA-256 digest of {@code content}. */
  public static Digest sha256(byte[] content) {
    return of(DigestAlgorithm.SHA256, content);
  }

  /** The digest of {@code content} with {@code algorithm}. */
  public static Digest of(DigestAlgorithm algorithm, byte[] content) {
    Objects.requireNonNull(content, "content");
    return fromHash(algorithm, algorithm.newMessageDigest().digest(content));
  }

  /** The digest of everything {@code in} yields, read to its end; the stream is not closed. */
  public static SizedDigest compute(DigestAlgorithm algorithm, InputStream in) throws IOException {
    MessageDigest md = algorithm.newMessageDigest();
    byte[] buffer = new byte[64 * 1024];
    long size = 0;
    for (int n; (n = in.read(buffer)) != -1; ) {
      md.update(buffer, 0, n);
      size += n;
    }
    return new SizedDigest(fromHash(algorithm, md.digest()), size);
  }

  /** Wraps a finished hash, e.g. from {@link MessageDigest#digest()}. */
  public static Digest fromHash(DigestAlgorithm algorithm, byte[] hash) {
    return new Digest(algorithm, HEX.formatHex(hash));
  }

  /** A fresh {@link MessageDigest} of this digest's algorithm, for verifying content against it. */
  public MessageDigest newMessageDigest() {
    return algorithm.newMessageDigest();
  }

  /** Whether {@code hash} (raw bytes from a {@link MessageDigest}) is this digest. */
  public boolean matches(byte[] hash) {
    return MessageDigest.isEqual(HEX.parseHex(hex), hash);
  }

  /** The first 12 hex characters, as {@code docker image ls} shows IDs. */
  public String shortHex() {
    return hex.substring(0, 12);
  }

  /** The wire form, {@code algorithm:hex}. */
  @Override
  public String toString() {
    return algorithm.prefix() + ":" + hex;
  }

  @Override
  public int compareTo(Digest other) {
    int byAlgorithm = algorithm.compareTo(other.algorithm);
    return byAlgorithm != 0 ? byAlgorithm : hex.compareTo(other.hex);
  }

  private static @Nullable String hexProblem(DigestAlgorithm algorithm, String hex) {
    if (hex.length() != algorithm.hexLength()) {
      return algorithm.prefix()
          + " digest must have "
          + algorithm.hexLength()
          + " hex characters, found "
          + hex.length();
    }
    for (int i = 0; i < hex.length(); i++) {
      char c = hex.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return "digest must be lowercase hex, found '"
            + quote(String.valueOf(c))
            + "' at position "
            + (algorithm.prefix().length() + 1 + i);
      }
    }
    return null;
  }

  /** Shortens long input and escapes control characters, so messages stay one readable line. */
  private static String quote(String s) {
    String shown = s.length() <= MAX_QUOTED_INPUT ? s : s.substring(0, MAX_QUOTED_INPUT);
    StringBuilder b = new StringBuilder(shown.length() + 16);
    for (int i = 0; i < shown.length(); i++) {
      char c = shown.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return s.length() <= MAX_QUOTED_INPUT ? b.toString() : b + "…(" + s.length() + " chars)";
  }
}
