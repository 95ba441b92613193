package dev.registrykit.testkit.internal.storage;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.digest.DigestAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import okio.Buffer;
import okio.BufferedSink;
import okio.ByteString;
import org.jspecify.annotations.Nullable;

/**
 * Immutable blob or manifest content held as a list of okio {@link ByteString}s, so that what the
 * HTTP layer received is stored, digested and served without being copied.
 *
 * <p>A request body that mockwebserver buffered is an okio segmented byte string: its 8 KiB
 * segments are shared, never copied, by {@link #of(ByteString)}, {@link #slice}, {@link #concat},
 * {@link #digest}, {@link #writeTo(OutputStream)} and {@link #writeTo(BufferedSink)} (the last one
 * hands the segments themselves to the socket). So a pushed blob costs about its size in memory,
 * once, however it is stored, mounted or pulled.
 *
 * <p>Immutable and thread-safe. Its SHA-256 digest is computed once, on first use.
 */
public final class BlobContent {
  private static final BlobContent EMPTY = new BlobContent(List.of(), 0);
  /** How much of a part is handed to a sink at once, so a slow socket is fed incrementally. */
  private static final int WRITE_WINDOW = 256 * 1024;

  private final List<ByteString> parts;
  private final long size;
  private volatile @Nullable Digest sha256;

  private BlobContent(List<ByteString> parts, long size) {
    this.parts = parts;
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
    // A snapshot of a buffer is a segmented byte string, so slices of it share its segments.
    return new BlobContent(List.of(new Buffer().write(bytes).snapshot()), bytes.length);
  }

  /**
   * Content that shares {@code bytes} (okio byte strings are immutable; nothing is copied).
   *
   * @param bytes the content, e.g. a request body mockwebserver buffered
   * @return the content
   */
  public static BlobContent of(ByteString bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.size() == 0) {
      return EMPTY;
    }
    return new BlobContent(List.of(bytes), bytes.size());
  }

  private static BlobContent ofParts(List<ByteString> parts) {
    List<ByteString> kept = new ArrayList<>(parts.size());
    long total = 0;
    for (ByteString part : parts) {
      if (part.size() > 0) {
        kept.add(part);
        total += part.size();
      }
    }
    return total == 0 ? EMPTY : new BlobContent(List.copyOf(kept), total);
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
   * The SHA-256 digest of the content, computed once.
   *
   * @return the digest
   */
  public Digest sha256() {
    return digest(DigestAlgorithm.SHA256);
  }

  /**
   * The digest of the content with {@code algorithm}, computed in one streaming pass over the
   * stored segments (the SHA-256 digest is remembered).
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
    OutputStream digesting =
        new OutputStream() {
          @Override
          public void write(int b) {
            md.update((byte) b);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            md.update(b, off, len);
          }
        };
    try {
      writeTo(digesting);
    } catch (IOException e) {
      throw new IllegalStateException("digesting in memory cannot fail", e);
    }
    Digest digest = Digest.fromHash(algorithm, md.digest());
    if (algorithm == DigestAlgorithm.SHA256) {
      sha256 = digest;
    }
    return digest;
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
    Buffer all = new Buffer();
    for (ByteString part : parts) {
      all.write(part);
    }
    return all.readByteArray();
  }

  /**
   * A view of {@code length} bytes starting at {@code offset}, sharing the segments.
   *
   * @param offset the first byte, {@code 0 <= offset <= size}
   * @param length the number of bytes, {@code offset + length <= size}
   * @return the slice
   */
  public BlobContent slice(long offset, long length) {
    if (offset < 0 || length < 0 || offset > size - length) {
      throw new IndexOutOfBoundsException("slice " + offset + "+" + length + " of " + size);
    }
    if (offset == 0 && length == size) {
      return this;
    }
    List<ByteString> kept = new ArrayList<>();
    long skip = offset;
    long want = length;
    for (ByteString part : parts) {
      if (want == 0) {
        break;
      }
      int n = part.size();
      if (skip >= n) {
        skip -= n;
        continue;
      }
      int begin = (int) skip;
      int end = (int) Math.min(n, begin + want);
      kept.add(part.substring(begin, end));
      want -= end - begin;
      skip = 0;
    }
    return ofParts(kept);
  }

  /**
   * This content followed by {@code other}, sharing both's segments.
   *
   * @param other the content to append
   * @return the concatenation
   */
  public BlobContent concat(BlobContent other) {
    List<ByteString> all = new ArrayList<>(parts);
    all.addAll(other.parts);
    return ofParts(all);
  }

  /** The concatenation of {@code contents}, sharing their segments. */
  static BlobContent concat(List<BlobContent> contents) {
    List<ByteString> all = new ArrayList<>();
    for (BlobContent content : contents) {
      all.addAll(content.parts);
    }
    return ofParts(all);
  }

  /**
   * Writes the content to {@code out}, segment by segment (no intermediate copy).
   *
   * @param out the destination; not closed
   * @throws IOException if writing fails
   */
  public void writeTo(OutputStream out) throws IOException {
    for (ByteString part : parts) {
      part.write(out);
    }
  }

  /**
   * Writes the content to {@code sink} by sharing the stored segments with it: okio then writes
   * them to its destination (a socket) straight from the stored arrays. The sink is fed {@value
   * #WRITE_WINDOW} bytes at a time and flushed as segments complete, so throttled or failing sinks
   * see the body progressively.
   *
   * @param sink the destination; not closed
   * @throws IOException if writing fails
   */
  public void writeTo(BufferedSink sink) throws IOException {
    for (ByteString part : parts) {
      int n = part.size();
      for (int at = 0; at < n; at += WRITE_WINDOW) {
        sink.write(part, at, Math.min(WRITE_WINDOW, n - at));
      }
    }
  }

  /**
   * A stream over the content.
   *
   * @return a new stream
   */
  public InputStream openStream() {
    Buffer all = new Buffer();
    for (ByteString part : parts) {
      all.write(part);
    }
    return all.inputStream();
  }

  /** Debugging aid: the size only, never the bytes. */
  @Override
  public String toString() {
    return "BlobContent[" + size + " bytes]";
  }
}
