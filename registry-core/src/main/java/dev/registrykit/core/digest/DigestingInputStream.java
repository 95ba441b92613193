package dev.registrykit.core.digest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * Hashes and counts the bytes as the caller reads them, so content is digested in the same pass
 * that copies it. {@link #result()} gives the digest of everything read so far.
 *
 * <p>Not thread-safe. {@code mark}/{@code reset} are not supported (a reset would hash bytes
 * twice).
 */
public final class DigestingInputStream extends FilterInputStream {
  private final DigestAlgorithm algorithm;
  private final MessageDigest messageDigest;
  private long size;

  /** Wraps {@code in}, hashing with {@code algorithm}. */
  public DigestingInputStream(InputStream in, DigestAlgorithm algorithm) {
    super(Objects.requireNonNull(in, "in"));
    this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    this.messageDigest = algorithm.newMessageDigest();
  }

  /** Wraps {@code in}, hashing with SHA-256. */
  public static DigestingInputStream sha256(InputStream in) {
    return new DigestingInputStream(in, DigestAlgorithm.SHA256);
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) {
      messageDigest.update((byte) b);
      size++;
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = in.read(buffer, offset, length);
    if (n > 0) {
      messageDigest.update(buffer, offset, n);
      size += n;
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    return SkipByReading.skip(this, n);
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public synchronized void mark(int readlimit) {
    // Not supported: see markSupported().
  }

  @Override
  public synchronized void reset() throws IOException {
    throw new IOException("mark/reset is not supported by a digesting stream");
  }

  /** The number of bytes read so far. */
  public long size() {
    return size;
  }

  /** The digest and size of everything read so far; reading on continues the same hash. */
  public SizedDigest result() {
    try {
      MessageDigest copy = (MessageDigest) messageDigest.clone();
      return new SizedDigest(Digest.fromHash(algorithm, copy.digest()), size);
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the JDK's SHA digests are cloneable", e);
    }
  }
}
