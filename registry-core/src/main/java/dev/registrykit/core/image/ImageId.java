package dev.registrykit.core.image;

import dev.registrykit.core.digest.Digest;
import java.util.Objects;

/**
 * The ID of an image as {@code docker image ls} and {@code docker inspect} show it: the digest of
 * its config blob.
 *
 * <p>Not the manifest digest: the same image pushed as an OCI manifest and as a Docker manifest has
 * two manifest digests but one ID. Immutable and thread-safe.
 *
 * @param configDigest the digest of the image config blob
 */
public record ImageId(Digest configDigest) implements Comparable<ImageId> {
  /** Validates the component. */
  public ImageId {
    Objects.requireNonNull(configDigest, "configDigest");
  }

  /** The ID for a config digest. */
  public static ImageId of(Digest configDigest) {
    return new ImageId(configDigest);
  }

  /**
   * Parses {@code sha256:<64 hex>}.
   *
   * @throws dev.registrykit.core.digest.InvalidDigestException when it is not a digest
   */
  public static ImageId parse(String s) {
    return new ImageId(Digest.parse(s));
  }

  /**
   * The first 12 hex characters, as the {@code IMAGE ID} column of {@code docker image ls} shows.
   */
  public String shortForm() {
    return configDigest.hex().substring(0, 12);
  }

  /**
   * Whether {@code prefix} abbreviates this ID as Docker accepts it: a prefix of the hex,
   * optionally with the {@code sha256:} algorithm prefix. Empty prefixes match nothing.
   */
  public boolean matchesPrefix(String prefix) {
    String algo = configDigest.algorithm().prefix() + ":";
    String hex = prefix.startsWith(algo) ? prefix.substring(algo.length()) : prefix;
    return !hex.isEmpty() && configDigest.hex().startsWith(hex);
  }

  /** The full form, {@code sha256:<hex>}. */
  @Override
  public String toString() {
    return configDigest.toString();
  }

  @Override
  public int compareTo(ImageId other) {
    return configDigest.compareTo(other.configDigest);
  }
}
