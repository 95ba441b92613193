package dev.registrykit.testkit.storage;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.digest.DigestAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Immutable blob or manifest content held as a list of read-only segments, so that the chunks an
 * upload received are stored without being copied into one array.
 *
 * <p>Immutable and thread-safe. Its SHA-256 digest is computed once, on first use.
 */
public final class BlobContent {
  private static final BlobContent EMPTY = new BlobContent(List.of(), 0);

  private final List<ByteBuffer> segments;
  private final long size;
  private volatile @Nullable Digest sha256;

  private BlobContent(List<ByteBuffer> segments, long size) {
    this.segments = segments;
    this.size = size;
  }

  /**
   * Content of a copy of {@code bytes}.
   *
   * @param bytes the content; copied
   * @return the content
   */
  public static BlobContent of(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length == 0) {
      return EMPTY;
    }
    return new BlobContent(List.of(ByteBuffer.wrap(bytes.clone()).asReadOnlyBuffer()), bytes.length);
  }

  /**
   * Content made of segments, in order. Each buffer's remaining bytes are used; the buffers must not
   * be modified afterwards (they are duplicated read-only, not copied).
   *
   * @param segments the parts, in order
   * @return the content
   */
  public static BlobContent ofSegments(List<ByteBuffer> segments) {
    List<ByteBuffer> parts = new ArrayList<>(segments.size());
    long total = 0;
    for (ByteBuffer segment : segments) {
      if (segment.remaining() > 0) {
        parts.add(segment.asReadOnlyBuffer());
        total += segment.remaining();
      }
    }
    if (total == 0) {
      return EMPTY;
    }
    return new BlobContent(List.copyOf(parts), total);
  }

  /**
   * The empty content.
   *
   * @return the empty content
   */
  public static BlobContent empty() {
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
   * The segments as read-only buffers positioned at their start; callers may consume them.
   *
   * @return fresh read-only views of the segments
   */
  public List<ByteBuffer> segments() {
    List<ByteBuffer> views = new ArrayList<>(segments.size());
    for (ByteBuffer segment : segments) {
      views.add(segment.duplicate());
    }
    return views;
  }

  /**
   * The SHA-256 digest of the content, computed once.
   *
   * @return the digest
   */
  public Digest sha256() {
    Digest d = sha256;
    if (d == null) {
      d = digest(DigestAlgorithm.SHA256);
      sha256 = d;
    }
    return d;
  }

  /**
   * The digest of the content with {@code algorithm}.
   *
   * @param algorithm the algorithm
   * @return the digest
   */
  public Digest digest(DigestAlgorithm algorithm) {
    if (algorithm == DigestAlgorithm.SHA256 && sha256 != null) {
      return sha256;
    }
    MessageDigest md = algorithm.newMessageDigest();
    for (ByteBuffer segment : segments) {
      md.update(segment.duplicate());
    }
    return Digest.fromHash(algorithm, md.digest());
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
    byte[] out = new byte[(int) size];
    int at = 0;
    for (ByteBuffer segment : segments) {
      ByteBuffer view = segment.duplicate();
      int n = view.remaining();
      view.get(out, at, n);
      at += n;
    }
    return out;
  }

  /**
   * A view of {@code length} bytes starting at {@code offset}, sharing the segments.
   *
   * @param offset the first byte, {@code 0 <= offset <= size}
   * @param length the number of bytes, {@code offset + length <= size}
   * @return the slice
   */
  public BlobContent slice(long offset, long length) {
    if (offset < 0 || length < 0 || offset + length > size) {
      throw new IndexOutOfBoundsException("slice " + offset + "+" + length + " of " + size);
    }
    List<ByteBuffer> parts = new ArrayList<>();
    long skip = offset;
    long want = length;
    for (ByteBuffer segment : segments) {
      if (want == 0) {
        break;
      }
      int n = segment.remaining();
      if (skip >= n) {
        skip -= n;
        continue;
      }
      ByteBuffer view = segment.duplicate();
      view.position(view.position() + (int) skip);
      int take = (int) Math.min(view.remaining(), want);
      view.limit(view.position() + take);
      parts.add(view);
      want -= take;
      skip = 0;
    }
    return ofSegments(parts);
  }

  /**
   * This content followed by {@code other}, sharing both's segments.
   *
   * @param other the content to append
   * @return the concatenation
   */
  public BlobContent concat(BlobContent other) {
    List<ByteBuffer> parts = new ArrayList<>(segments);
    parts.addAll(other.segments);
    return ofSegments(parts);
  }

  /**
   * Writes the content to {@code out}.
   *
   * @param out the destination; not closed
   * @throws IOException if writing fails
   */
  public void writeTo(OutputStream out) throws IOException {
    WritableByteChannel channel = Channels.newChannel(out);
    for (ByteBuffer segment : segments) {
      ByteBuffer view = segment.duplicate();
      while (view.hasRemaining()) {
        channel.write(view);
      }
    }
  }

  /**
   * A stream over the content.
   *
   * @return a new stream
   */
  public InputStream openStream() {
    List<ByteBuffer> views = segments();
    return new InputStream() {
      private int index;

      @Override
      public int read() {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (len == 0) {
          return 0;
        }
        while (index < views.size() && !views.get(index).hasRemaining()) {
          index++;
        }
        if (index >= views.size()) {
          return -1;
        }
        ByteBuffer current = views.get(index);
        int n = Math.min(len, current.remaining());
        current.get(b, off, n);
        return n;
      }
    };
  }

  /** Debugging aid: size and digest prefix only, never the bytes. */
  @Override
  public String toString() {
    return "BlobContent[" + size + " bytes]";
  }
}
