package dev.registrykit.core.internal.tar;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads a tar stream entry by entry: ustar and old v7 headers, PAX extended headers ({@code x};
 * global {@code g} headers are skipped), GNU long names ({@code L}/{@code K}) and GNU base-256
 * numbers. Names are returned as stored; deciding whether a name is safe is the caller's job
 * ({@link TarPaths}).
 *
 * <p>Any malformed input — a bad checksum, a non-numeric number field, a truncated block or entry,
 * an extended header over {@value #MAX_EXTENDED_HEADER} bytes — raises {@link TarFormatException};
 * no other exception escapes for bad bytes. Not thread-safe.
 */
public final class TarReader implements Closeable {
  /** The largest PAX or GNU long-name header accepted, in bytes. */
  public static final int MAX_EXTENDED_HEADER = 1024 * 1024;

  private static final int BLOCK = TarWriter.BLOCK;

  private final InputStream in;
  private final byte[] block = new byte[BLOCK];
  private long position;
  private long remaining;
  private long padding;
  private long storedSize;
  private boolean ended;
  private @Nullable EntryStream current;

  /** Reads from {@code in}, which should be buffered for small reads to be cheap. */
  public TarReader(InputStream in) {
    this.in = Objects.requireNonNull(in, "in");
  }

  /**
   * Advances to the next entry, skipping whatever is left of the current one.
   *
   * @return the next entry, or empty at the end of the archive
   * @throws TarFormatException when the archive is malformed
   */
  public Optional<TarEntry> next() throws IOException {
    if (ended) {
      return Optional.empty();
    }
    skipRest();
    Map<String, String> pax = new HashMap<>();
    @Nullable String gnuLongName = null;
    @Nullable String gnuLongLink = null;
    while (true) {
      long headerOffset = position;
      if (!readBlock(true)) {
        ended = true;
        return Optional.empty();
      }
      if (isZero(block)) {
        // One zero block ends the archive; the second is not required (GNU tar accepts its absence
        // too).
        ended = true;
        return Optional.empty();
      }
      verifyChecksum(headerOffset);
      byte type = block[156];
      long size = number(124, 12, "size", headerOffset);
      if (type == 'x' || type == 'g' || type == 'L' || type == 'K') {
        if (size > MAX_EXTENDED_HEADER) {
          throw new TarFormatException(
              "extended header of "
                  + size
                  + " bytes at offset "
                  + headerOffset
                  + " exceeds the limit of "
                  + MAX_EXTENDED_HEADER);
        }
        byte[] content = readContent((int) size, headerOffset);
        if (type == 'x') {
          pax.putAll(parsePax(content, headerOffset));
        } else if (type == 'L') {
          gnuLongName = cString(content, 0, content.length);
        } else if (type == 'K') {
          gnuLongLink = cString(content, 0, content.length);
        }
        continue;
      }
      TarEntry entry = entry(headerOffset, type, size, pax, gnuLongName, gnuLongLink);
      // Directories and links may still carry stored bytes; they are skipped, never exposed.
      remaining = storedSize;
      padding = (BLOCK - (remaining % BLOCK)) % BLOCK;
      current = new EntryStream();
      return Optional.of(entry);
    }
  }

  /**
   * The current entry's content; reading it past its size returns end-of-stream. Closing it does
   * nothing.
   */
  public InputStream content() {
    if (current == null) {
      throw new IllegalStateException("no current entry; call next() first");
    }
    return current;
  }

  /**
   * The offset in the stream where the current entry's content starts (for random access to plain
   * files).
   */
  public long contentOffset() {
    return position;
  }

  /** Closes the underlying stream. */
  @Override
  public void close() throws IOException {
    in.close();
  }

  private TarEntry entry(
      long headerOffset,
      byte type,
      long headerSize,
      Map<String, String> pax,
      @Nullable String gnuLongName,
      @Nullable String gnuLongLink)
      throws TarFormatException {
    String name = cString(block, 0, 100);
    boolean ustar =
        block[257] == 'u'
            && block[258] == 's'
            && block[259] == 't'
            && block[260] == 'a'
            && block[261] == 'r';
    // POSIX ustar ("ustar\0") has a prefix field; GNU ("ustar  ") uses those bytes for atime/ctime.
    if (ustar && block[262] == 0) {
      String prefix = cString(block, 345, 155);
      if (!prefix.isEmpty()) {
        name = prefix + "/" + name;
      }
    }
    if (gnuLongName != null) {
      name = gnuLongName;
    }
    String linkName = gnuLongLink != null ? gnuLongLink : cString(block, 157, 100);
    String userName = ustar ? cString(block, 265, 32) : "";
    String groupName = ustar ? cString(block, 297, 32) : "";
    long mode = number(100, 8, "mode", headerOffset);
    long uid = number(108, 8, "uid", headerOffset);
    long gid = number(116, 8, "gid", headerOffset);
    long mtime = number(136, 12, "mtime", headerOffset);
    long size = headerSize;
    name = pax.getOrDefault("path", name);
    linkName = pax.getOrDefault("linkpath", linkName);
    userName = pax.getOrDefault("uname", userName);
    groupName = pax.getOrDefault("gname", groupName);
    size = paxNumber(pax, "size", size, headerOffset);
    uid = paxNumber(pax, "uid", uid, headerOffset);
    gid = paxNumber(pax, "gid", gid, headerOffset);
    if (pax.containsKey("mtime")) {
      String value = pax.get("mtime");
      int dot = value.indexOf('.');
      mtime =
          paxNumber(
              Map.of("mtime", dot < 0 ? value : value.substring(0, dot)),
              "mtime",
              mtime,
              headerOffset);
    }
    TarEntry.Type entryType;
    switch (type) {
      case '0':
      case 0:
      case '7':
        entryType = name.endsWith("/") && size == 0 ? TarEntry.Type.DIRECTORY : TarEntry.Type.FILE;
        break;
      case '1':
        entryType = TarEntry.Type.HARDLINK;
        break;
      case '2':
        entryType = TarEntry.Type.SYMLINK;
        break;
      case '5':
        entryType = TarEntry.Type.DIRECTORY;
        break;
      default:
        entryType = TarEntry.Type.OTHER;
    }
    if (name.isEmpty()) {
      throw new TarFormatException("entry at offset " + headerOffset + " has an empty name");
    }
    // Directories and links have no content in the entry model; their stored bytes are skipped.
    long entrySize = entryType == TarEntry.Type.FILE || entryType == TarEntry.Type.OTHER ? size : 0;
    storedSize = size;
    return new TarEntry(
        name,
        entryType,
        (int) (mode & 07777),
        uid,
        gid,
        userName,
        groupName,
        mtime,
        entrySize,
        linkName);
  }

  private static long paxNumber(
      Map<String, String> pax, String key, long fallback, long headerOffset)
      throws TarFormatException {
    String value = pax.get(key);
    if (value == null) {
      return fallback;
    }
    if (value.isEmpty() || value.length() > 18) {
      throw new TarFormatException(
          "PAX "
              + key
              + " \""
              + abbreviate(value)
              + "\" before offset "
              + headerOffset
              + " is not a number");
    }
    long n = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        throw new TarFormatException(
            "PAX "
                + key
                + " \""
                + abbreviate(value)
                + "\" before offset "
                + headerOffset
                + " is not a number");
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  private static Map<String, String> parsePax(byte[] content, long headerOffset)
      throws TarFormatException {
    Map<String, String> records = new HashMap<>();
    int i = 0;
    while (i < content.length) {
      if (content[i] == 0) {
        break; // some writers pad the record area with NULs
      }
      int space = i;
      long length = 0;
      while (space < content.length
          && content[space] >= '0'
          && content[space] <= '9'
          && space - i < 8) {
        length = length * 10 + (content[space] - '0');
        space++;
      }
      if (space == i
          || space >= content.length
          || content[space] != ' '
          || length <= space - i + 1
          || i + length > content.length) {
        throw new TarFormatException(
            "malformed PAX record at offset " + i + " of the extended header at " + headerOffset);
      }
      int end = (int) (i + length);
      if (content[end - 1] != '\n') {
        throw new TarFormatException(
            "PAX record at offset "
                + i
                + " of the extended header at "
                + headerOffset
                + " does not end with a newline");
      }
      String record = new String(content, space + 1, end - 1 - (space + 1), StandardCharsets.UTF_8);
      int equals = record.indexOf('=');
      if (equals <= 0) {
        throw new TarFormatException(
            "PAX record at offset "
                + i
                + " of the extended header at "
                + headerOffset
                + " has no key");
      }
      records.put(record.substring(0, equals), record.substring(equals + 1));
      i = end;
    }
    return records;
  }

  private byte[] readContent(int size, long headerOffset) throws IOException {
    byte[] content = new byte[size];
    int n = in.readNBytes(content, 0, size);
    position += n;
    if (n != size) {
      throw new TarFormatException(
          "archive truncated in the extended header at offset " + headerOffset);
    }
    skipExactly((BLOCK - (size % BLOCK)) % BLOCK, headerOffset);
    return content;
  }

  private void skipRest() throws IOException {
    if (current != null) {
      current = null;
      skipExactly(remaining, position);
      remaining = 0;
      skipExactly(padding, position);
      padding = 0;
    }
  }

  private void skipExactly(long count, long offset) throws IOException {
    // skip() lets a file-backed stream seek over content instead of reading it: indexing a
    // multi-gigabyte archive then touches only its headers. It may skip nothing (at the end, or a
    // stream that cannot skip); one read then tells which.
    long left = count;
    while (left > 0) {
      long skipped = in.skip(left);
      if (skipped <= 0) {
        if (in.read() < 0) {
          throw new TarFormatException(
              "archive truncated: " + left + " bytes missing after offset " + offset);
        }
        skipped = 1;
      }
      left -= skipped;
      position += skipped;
    }
  }

  /** Reads one block; false at a clean end of stream when {@code endAllowed}. */
  private boolean readBlock(boolean endAllowed) throws IOException {
    int n = in.readNBytes(block, 0, BLOCK);
    position += n;
    if (n == 0 && endAllowed) {
      return false;
    }
    if (n != BLOCK) {
      throw new TarFormatException(
          "archive truncated: partial header block of " + n + " bytes at offset " + (position - n));
    }
    return true;
  }

  private void verifyChecksum(long headerOffset) throws TarFormatException {
    long stored;
    try {
      stored = number(148, 8, "checksum", headerOffset);
    } catch (TarFormatException e) {
      throw looksGzipped(headerOffset) ? gzipped() : e;
    }
    long unsigned = 0;
    long signed = 0;
    for (int i = 0; i < BLOCK; i++) {
      int b = (i >= 148 && i < 156) ? ' ' : block[i];
      unsigned += b & 0xff;
      signed += (byte) b;
    }
    // Some old writers summed signed bytes; POSIX says unsigned. Accept both, as GNU tar does.
    if (stored != unsigned && stored != signed) {
      throw looksGzipped(headerOffset)
          ? gzipped()
          : new TarFormatException(
              "header checksum mismatch at offset " + headerOffset + " (not a tar archive?)");
    }
  }

  private boolean looksGzipped(long headerOffset) {
    return headerOffset == 0 && (block[0] & 0xff) == 0x1f && (block[1] & 0xff) == 0x8b;
  }

  private static TarFormatException gzipped() {
    return new TarFormatException(
        "gzip-compressed data, not a tar archive: decompress it first (e.g. gunzip)");
  }

  /** An octal field (NUL/space terminated, leading spaces allowed) or a GNU base-256 number. */
  private long number(int offset, int length, String field, long headerOffset)
      throws TarFormatException {
    if ((block[offset] & 0x80) != 0) {
      if ((block[offset] & 0x40) != 0) {
        throw new TarFormatException(
            "negative " + field + " in the header at offset " + headerOffset);
      }
      long value = block[offset] & 0x3f;
      for (int i = offset + 1; i < offset + length; i++) {
        if (value > (Long.MAX_VALUE >> 9)) {
          throw new TarFormatException(
              field + " too large in the header at offset " + headerOffset);
        }
        value = (value << 8) | (block[i] & 0xff);
      }
      return value;
    }
    int i = offset;
    int end = offset + length;
    while (i < end && block[i] == ' ') {
      i++;
    }
    long value = 0;
    int digits = 0;
    for (; i < end; i++) {
      byte b = block[i];
      if (b == 0 || b == ' ') {
        break;
      }
      if (b < '0' || b > '7') {
        throw new TarFormatException(
            "invalid " + field + " field in the header at offset " + headerOffset);
      }
      value = (value << 3) | (b - '0');
      digits++;
    }
    for (; i < end; i++) {
      if (block[i] != 0 && block[i] != ' ') {
        throw new TarFormatException(
            "invalid " + field + " field in the header at offset " + headerOffset);
      }
    }
    return digits == 0 ? 0 : value;
  }

  private static String cString(byte[] bytes, int offset, int length) {
    int end = offset;
    while (end < offset + length && bytes[end] != 0) {
      end++;
    }
    return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static boolean isZero(byte[] bytes) {
    for (byte b : bytes) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }

  /** A bounded view of the current entry's content. */
  private final class EntryStream extends InputStream {
    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      Objects.checkFromIndexSize(offset, length, buffer.length);
      if (current != this || remaining == 0) {
        return -1;
      }
      if (length == 0) {
        return 0;
      }
      int n = in.read(buffer, offset, (int) Math.min(length, remaining));
      if (n < 0) {
        throw new TarFormatException(
            "archive truncated: entry content ends "
                + remaining
                + " bytes early at offset "
                + position);
      }
      remaining -= n;
      position += n;
      return n;
    }

    @Override
    public int available() {
      return 0;
    }

    @Override
    public void close() {
      // The entry's bytes belong to the archive stream; next() skips what is left.
    }
  }
}
