package dev.registrykit.core.digest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The digest algorithms registered by the OCI image spec.
 *
 * @see <a
 *     href="https://github.com/opencontainers/image-spec/blob/main/descriptor.md#registered-algorithms">registered
 *     algorithms</a>
 */
public enum DigestAlgorithm {
  /** SHA-256, the algorithm every registry must support; 64 lowercase hex characters. */
  SHA256("sha256", "SHA-256", 64),
  /** SHA-512; 128 lowercase hex characters. */
  SHA512("sha512", "SHA-512", 128);

  private final String prefix;
  private final String jcaName;
  private final int hexLength;

  DigestAlgorithm(String prefix, String jcaName, int hexLength) {
    this.prefix = prefix;
    this.jcaName = jcaName;
    this.hexLength = hexLength;
  }

  /** The name used on the wire before the colon, e.g. {@code sha256}. */
  public String prefix() {
    return prefix;
  }

  /** The number of hex characters in the encoded part. */
  public int hexLength() {
    return hexLength;
  }

  /**
   * A fresh {@link MessageDigest} for this algorithm; not thread-safe, like every MessageDigest.
   */
  public MessageDigest newMessageDigest() {
    try {
      return MessageDigest.getInstance(jcaName);
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-256 and SHA-512 (MessageDigest javadoc).
      throw new IllegalStateException(jcaName + " is missing from this JVM", e);
    }
  }

  /** The algorithm whose wire prefix is {@code prefix}, if it is one of ours. */
  public static Optional<DigestAlgorithm> fromPrefix(String prefix) {
    for (DigestAlgorithm algorithm : values()) {
      if (algorithm.prefix.equals(prefix)) {
        return Optional.of(algorithm);
      }
    }
    return Optional.empty();
  }

  /** Returns the wire prefix, e.g. {@code sha256}. */
  @Override
  public String toString() {
    return prefix;
  }
}
