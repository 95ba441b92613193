package dev.registrykit.core.digest;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * Hashes and counts the bytes written through it, so content is digested in the same pass that
 * writes it (e.g. a layer being compressed to a file). Not thread-safe.
 */
public final class DigestingOutputStream extends FilterOutputStream {
  private final DigestAlgorithm algorithm;
  private final MessageDigest messageDigest;
  private long size;

  /** Wraps {@code out}, hashing with {@code algorithm}. */
  public DigestingOutputStream(OutputStream out, DigestAlgorithm algorithm) {
    super(Objects.requireNonNull(out, "out"));
    this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    this.messageDigest = algorithm.newMessageDigest();
  }

  /** Wraps {@code out}, hashing with SHA-256. */
  public static DigestingOutputStream sha256(OutputStream out) {
    return new DigestingOutputStream(out, DigestAlgorithm.SHA256);
  }

  /** An output stream that discards the bytes and only hashes them. */
  public static DigestingOutputStream discarding(DigestAlgorithm algorithm) {
    return new DigestingOutputStream(OutputStream.nullOutputStream(), algorithm);
  }

  @Override
  public void write(int b) throws IOException {
    out.write(b);
    messageDigest.update((byte) b);
    size++;
  }

  @Override
  public void write(byte[] buffer, int offset, int length) throws IOException {
    out.write(buffer, offset, length);
    messageDigest.update(buffer, offset, length);
    size += length;
  }

  /** The number of bytes written so far. */
  public long size() {
    return size;
  }

  /** The digest and size of everything written so far. */
  public SizedDigest result() {
    try {
      MessageDigest copy = (MessageDigest) messageDigest.clone();
      return new SizedDigest(Digest.fromHash(algorithm, copy.digest()), size);
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the JDK's SHA digests are cloneable", e);
    }
  }
}
