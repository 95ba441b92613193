package dev.registrykit.core.digest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An immutable sequence of bytes: manifest and config bodies, small blobs, test content.
 *
 * <p>Records must not hold {@code byte[]} (arrays are mutable and compare by identity), so values
 * that carry content hold a {@code Bytes} instead. Equality is by content. The SHA-256 digest is
 * computed on first use and cached, so passing a {@code Bytes} around and asking its digest
 * repeatedly costs one hash.
 *
 * <p>Immutable and thread-safe: every factory copies its input and every accessor returns a copy or
 * a read-only view.
 */
public final class Bytes {
  private static final Bytes EMPTY = new Bytes(new byte[0]);
  private static final int TO_STRING_PREVIEW = 16;

  private final byte[] content;
  // Benign race: two threads may both compute the same digest; the result is identical.
  private volatile @Nullable Digest sha256;

  private Bytes(byte[] content) {
    this.content = content;
  }

  /** The empty byte sequence. */
  public static Bytes empty() {
    return EMPTY;
  }

  /** A copy of {@code content}; later changes to the array do not affect the result. */
  public static Bytes of(byte[] content) {
    Objects.requireNonNull(content, "content");
    return content.length == 0 ? EMPTY : new Bytes(content.clone());
  }

  /** A copy of {@code length} bytes of {@code content} starting at {@code offset}. */
  public static Bytes of(byte[] content, int offset, int length) {
    Objects.requireNonNull(content, "content");
    Objects.checkFromIndexSize(offset, length, content.length);
    return length == 0 ? EMPTY : new Bytes(Arrays.copyOfRange(content, offset, offset + length));
  }

  /** The UTF-8 encoding of {@code text}. */
  public static Bytes ofUtf8(String text) {
    Objects.requireNonNull(text, "text");
    return text.isEmpty() ? EMPTY : new Bytes(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads {@code in} to its end; the stream is not closed.
   *
   * @throws IOException when reading fails
   */
  public static Bytes readFrom(InputStream in) throws IOException {
    byte[] all = in.readAllBytes();
    return all.length == 0 ? EMPTY : new Bytes(all);
  }

  /** The number of bytes. */
  public int size() {
    return content.length;
  }

  /** Whether there are no bytes. */
  public boolean isEmpty() {
    return content.length == 0;
  }

  /**
   * The byte at {@code index}.
   *
   * @throws IndexOutOfBoundsException when {@code index} is outside {@code [0, size())}
   */
  public byte byteAt(int index) {
    return content[Objects.checkIndex(index, content.length)];
  }

  /** A fresh copy of the bytes. */
  public byte[] toByteArray() {
    return content.clone();
  }

  /** A read-only view of the bytes, positioned at 0. */
  public ByteBuffer asReadOnlyBuffer() {
    return ByteBuffer.wrap(content).asReadOnlyBuffer();
  }

  /** A new stream over the bytes; each call starts at the beginning. */
  public InputStream openStream() {
    return new ByteArrayInputStream(content);
  }

  /**
   * Writes all bytes to {@code out}; {@code out} is neither flushed nor closed.
   *
   * @throws IOException when writing fails
   */
  public void writeTo(OutputStream out) throws IOException {
    out.write(content);
  }

  /** The bytes decoded as UTF-8 (malformed sequences become U+FFFD). */
  public String utf8() {
    return new String(content, StandardCharsets.UTF_8);
  }

  /** The SHA-256 digest of the bytes, computed once and cached. */
  public Digest sha256() {
    Digest d = sha256;
    if (d == null) {
      d = Digest.sha256(content);
      sha256 = d;
    }
    return d;
  }

  /**
   * The digest of the bytes with {@code algorithm} (SHA-256 is cached, others are computed per
   * call).
   */
  public Digest digest(DigestAlgorithm algorithm) {
    return algorithm == DigestAlgorithm.SHA256 ? sha256() : Digest.of(algorithm, content);
  }

  /** The SHA-256 digest and the size together. */
  public SizedDigest sizedDigest() {
    return new SizedDigest(sha256(), content.length);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Bytes && Arrays.equals(content, ((Bytes) o).content);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(content);
  }

  /** A short description with the size and the first bytes in hex; never the whole content. */
  @Override
  public String toString() {
    int n = Math.min(content.length, TO_STRING_PREVIEW);
    String preview = HexFormat.of().formatHex(content, 0, n);
    return "Bytes[size="
        + content.length
        + ", hex="
        + preview
        + (n < content.length ? "…" : "")
        + "]";
  }
}
