package dev.registrykit.core.digest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Passes content through while hashing it, and fails with {@link DigestMismatchException} as soon
 * as the content is provably wrong: more bytes than the expected size, or at end of stream a
 * different size or digest. A caller that reads to the end has therefore read verified content; a
 * caller that stops early has verified nothing.
 *
 * <p>Not thread-safe; mark/reset are not supported.
 */
public final class VerifyingInputStream extends FilterInputStream {
  private final Digest expected;
  private final long expectedSize;
  private final MessageDigest messageDigest;
  private long size;
  private boolean verified;
  private @Nullable DigestMismatchException failure;

  private VerifyingInputStream(InputStream in, Digest expected, long expectedSize) {
    super(Objects.requireNonNull(in, "in"));
    this.expected = Objects.requireNonNull(expected, "expected");
    this.expectedSize = expectedSize;
    this.messageDigest = expected.newMessageDigest();
  }

  /** Verifies {@code in} against {@code expected} and an exact {@code expectedSize} in bytes. */
  public static VerifyingInputStream of(InputStream in, Digest expected, long expectedSize) {
    if (expectedSize < 0) {
      throw new IllegalArgumentException("expected size must not be negative: " + expectedSize);
    }
    return new VerifyingInputStream(in, expected, expectedSize);
  }

  /** Verifies {@code in} against {@code expected}, whatever its size. */
  public static VerifyingInputStream of(InputStream in, Digest expected) {
    return new VerifyingInputStream(in, expected, -1);
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b < 0) {
      verifyAtEnd();
    } else {
      messageDigest.update((byte) b);
      size++;
      checkNotOversized();
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int toRead = length;
    if (expectedSize >= 0 && length > 0) {
      // Never read more than one byte past the expected size: that byte proves the content is
      // oversized, and a misbehaving peer cannot push a whole buffer of extra data through us.
      long allowed = Math.max(1, expectedSize - size + 1);
      toRead = (int) Math.min(length, allowed);
    }
    int n = in.read(buffer, offset, toRead);
    if (n < 0) {
      verifyAtEnd();
    } else if (n > 0) {
      messageDigest.update(buffer, offset, n);
      size += n;
      checkNotOversized();
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
    throw new IOException("mark/reset is not supported by a verifying stream");
  }

  /**
   * Whether this stream already checks exactly {@code digest} and {@code size}, so a consumer that
   * must verify the same content can use it as it is instead of hashing every byte twice.
   */
  public boolean verifies(Digest digest, long size) {
    return expected.equals(digest) && expectedSize == size;
  }

  /**
   * Hands the check over: returns the stream this one reads, unread, for a consumer that passes the
   * content to someone who verifies this very digest and size independently — a registry checks an
   * uploaded blob against the digest of its closing request and refuses a mismatch with {@code
   * DIGEST_INVALID} — so hashing it here as well would only repeat the work. This stream must not
   * be read afterwards; closing either closes both.
   *
   * @throws IllegalStateException when bytes were already read through this stream
   */
  public InputStream unverified() {
    if (size > 0 || verified || failure != null) {
      throw new IllegalStateException(
          "the verifying stream was already read; its source cannot be handed over");
    }
    return in;
  }

  /** Whether the end of the stream was reached and the content matched. */
  public boolean isVerified() {
    return verified;
  }

  /** Bytes read so far. */
  public long size() {
    return size;
  }

  private void checkNotOversized() throws DigestMismatchException {
    if (expectedSize >= 0 && size > expectedSize) {
      failure = new DigestMismatchException(expected, Optional.empty(), expectedSize, size);
      throw failure;
    }
  }

  private void verifyAtEnd() throws DigestMismatchException {
    if (verified) {
      return;
    }
    if (failure != null) {
      throw failure;
    }
    Digest actual = Digest.fromHash(expected.algorithm(), messageDigest.digest());
    if ((expectedSize >= 0 && size != expectedSize) || !actual.equals(expected)) {
      failure = new DigestMismatchException(expected, Optional.of(actual), expectedSize, size);
      throw failure;
    }
    verified = true;
  }
}
