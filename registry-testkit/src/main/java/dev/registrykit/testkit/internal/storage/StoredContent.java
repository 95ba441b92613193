package dev.registrykit.testkit.internal.storage;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.digest.DigestAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Immutable blob or manifest content held as a list of byte buffers: the chunks an upload arrived
 * in (heap arrays), or the mapped regions of a blob file on disk. Slicing, concatenating, digesting
 * and sending share the buffers, never copy them, so a pushed blob costs its size once, however it
 * is stored, mounted or pulled.
 *
 * <p>Immutable and thread-safe: the buffers are never written after construction and every reader
 * works on its own duplicate. Its SHA-256 digest is computed once, on first use (or given by the
 * upload that digested the bytes as they arrived).
 */
public final class StoredContent {
  private static final StoredContent EMPTY = new StoredContent(List.of(), 0, null);

  /** The scratch size for copying buffers that expose no array (mapped files). */
  private static final int COPY_WINDOW = 64 * 1024;

  private final List<ByteBuffer> parts;
  private final long size;
  private volatile @Nullable Digest sha256;

  private StoredContent(List<ByteBuffer> parts, long size, @Nullable Digest sha256) {
    this.parts = parts;
    this.size = size;
    this.sha256 = sha256;
  }

  /**
   * Content of a copy of {@code bytes}.
   *
   * @param bytes the content; copied
   * @return the content
   */
  public static StoredContent of(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    return bytes.length == 0
        ? EMPTY
        : new StoredContent(List.of(ByteBuffer.wrap(bytes.clone())), bytes.length, null);
  }

  /**
   * Content that takes over {@code buffers}: the caller never writes to them again.
   *
   * @param buffers the content, in order, each from its position to its limit
   * @param sha256 the SHA-256 digest of the whole content when the caller computed it, or null
   * @return the content
   */
  static StoredContent adopt(List<ByteBuffer> buffers, @Nullable Digest sha256) {
    List<ByteBuffer> kept = new ArrayList<>(buffers.size());
    long total = 0;
    for (ByteBuffer buffer : buffers) {
      if (buffer.hasRemaining()) {
        kept.add(buffer.slice());
        total += buffer.remaining();
      }
    }
    return total == 0
        ? EMPTY
        : new StoredContent(Collections.unmodifiableList(kept), total, sha256);
  }

  /**
   * The empty content.
   *
   * @return the empty content
   */
  public static StoredContent empty() {
    return EMPTY;
  }

  /**
   * The size in bytes.
   *
   * @return the size
   */
  public long size() {
    return size;
  }

  /**
   * The SHA-256 digest of the content, computed once.
   *
   * @return the digest
   */
  public Digest sha256() {
    return digest(DigestAlgorithm.SHA256);
  }

  /**
   * The digest of the content with {@code algorithm}, computed in one pass over the buffers (the
   * SHA-256 digest is remembered).
   *
   * @param algorithm the algorithm
   * @return the digest
   */
  public Digest digest(DigestAlgorithm algorithm) {
    Digest cached = sha256;
    if (algorithm == DigestAlgorithm.SHA256 && cached != null) {
      return cached;
    }
    MessageDigest md = algorithm.newMessageDigest();
    for (ByteBuffer part : buffers()) {
      md.update(part);
    }
    Digest digest = Digest.fromHash(algorithm, md.digest());
    if (algorithm == DigestAlgorithm.SHA256) {
      sha256 = digest;
    }
    return digest;
  }

  /**
   * Read-only views of the buffers, in order, each positioned at its first byte: what a server
   * hands to the socket without copying.
   *
   * @return new views
   */
  public List<ByteBuffer> buffers() {
    List<ByteBuffer> views = new ArrayList<>(parts.size());
    for (ByteBuffer part : parts) {
      views.add(part.asReadOnlyBuffer());
    }
    return views;
  }

  /**
   * A copy of the content as one array.
   *
   * @return a new array
   * @throws IllegalStateException if the content is larger than an array can hold
   */
  public byte[] toByteArray() {
    if (size > Integer.MAX_VALUE - 16) {
      throw new IllegalStateException("content too large for an array: " + size + " bytes");
    }
    ByteBuffer all = ByteBuffer.allocate((int) size);
    for (ByteBuffer part : parts) {
      all.put(part.duplicate());
    }
    return all.array();
  }

  /**
   * A view of {@code length} bytes starting at {@code offset}, sharing the buffers.
   *
   * @param offset the first byte, {@code 0 <= offset <= size}
   * @param length the number of bytes, {@code offset + length <= size}
   * @return the slice
   */
  public StoredContent slice(long offset, long length) {
    if (offset < 0 || length < 0 || offset > size - length) {
      throw new IndexOutOfBoundsException("slice " + offset + "+" + length + " of " + size);
    }
    if (offset == 0 && length == size) {
      return this;
    }
    List<ByteBuffer> kept = new ArrayList<>();
    long skip = offset;
    long want = length;
    for (ByteBuffer part : parts) {
      if (want == 0) {
        break;
      }
      int n = part.remaining();
      if (skip >= n) {
        skip -= n;
        continue;
      }
      int begin = (int) skip;
      int end = (int) Math.min(n, begin + want);
      ByteBuffer view = part.duplicate();
      view.position(part.position() + begin).limit(part.position() + end);
      kept.add(view);
      want -= end - begin;
      skip = 0;
    }
    return adopt(kept, null);
  }

  /**
   * This content followed by {@code other}, sharing both's buffers.
   *
   * @param other the content to append
   * @return the concatenation
   */
  public StoredContent concat(StoredContent other) {
    return concat(List.of(this, other));
  }

  /** The concatenation of {@code contents}, sharing their buffers. */
  static StoredContent concat(List<StoredContent> contents) {
    List<ByteBuffer> all = new ArrayList<>();
    for (StoredContent content : contents) {
      all.addAll(content.parts);
    }
    return adopt(all, null);
  }

  /**
   * Writes the content to {@code out}, buffer by buffer.
   *
   * @param out the destination; not closed
   * @throws IOException if writing fails
   */
  public void writeTo(OutputStream out) throws IOException {
    byte[] scratch = null;
    for (ByteBuffer part : parts) {
      if (part.hasArray()) {
        out.write(part.array(), part.arrayOffset() + part.position(), part.remaining());
        continue;
      }
      if (scratch == null) {
        scratch = new byte[COPY_WINDOW];
      }
      ByteBuffer view = part.duplicate();
      while (view.hasRemaining()) {
        int n = Math.min(scratch.length, view.remaining());
        view.get(scratch, 0, n);
        out.write(scratch, 0, n);
      }
    }
  }

  /**
   * A stream over the content.
   *
   * @return a new stream
   */
  public InputStream openStream() {
    List<InputStream> streams = new ArrayList<>(parts.size());
    for (ByteBuffer part : parts) {
      streams.add(new BufferInputStream(part.duplicate()));
    }
    return new SequenceInputStream(Collections.enumeration(streams));
  }

  /** Debugging aid: the size only, never the bytes. */
  @Override
  public String toString() {
    return "StoredContent[" + size + " bytes]";
  }

  /** Reads one buffer. */
  private static final class BufferInputStream extends InputStream {
    private final ByteBuffer buffer;

    BufferInputStream(ByteBuffer buffer) {
      this.buffer = buffer;
    }

    @Override
    public int read() {
      return buffer.hasRemaining() ? buffer.get() & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      if (!buffer.hasRemaining()) {
        return -1;
      }
      int n = Math.min(len, buffer.remaining());
      buffer.get(b, off, n);
      return n;
    }
  }
}
