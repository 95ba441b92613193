package dev.registrykit.core.internal.tar;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Writes a POSIX tar stream: one ustar header per entry, preceded by a PAX extended header when a
 * value does not fit ustar (names or link targets over 100 bytes or not ASCII, sizes of 8 GiB or
 * more, large ids, long user or group names). The output is a pure function of the entries written:
 * PAX headers carry no timestamps of their own, so the same entries always give the same bytes.
 *
 * <p>Usage: {@link #putEntry} then exactly {@link TarEntry#size()} bytes through {@link #write}, or
 * {@link #writeEntry} for both; {@link #finish()} writes the two zero blocks that end the archive.
 * Not thread-safe. Never closes the underlying stream except in {@link #close()}.
 *
 * @see <a
 *     href="https://pubs.opengroup.org/onlinepubs/9699919799/utilities/pax.html#tag_20_92_13_06">ustar
 *     header block</a>
 */
public final class TarWriter implements Closeable {
  static final int BLOCK = 512;
  private static final long MAX_OCTAL_SIZE = 077777777777L;
  private static final long MAX_OCTAL_ID = 07777777L;
  private static final byte[] ZEROS = new byte[BLOCK * 2];
  private static final int COPY_BUFFER = 64 * 1024;

  private final OutputStream out;
  private long remaining;
  private long written;
  private boolean inEntry;
  private boolean finished;
  // One copy buffer for every entry: a layer of thousands of files would otherwise allocate (and
  // the collector reclaim) 64 KiB per file.
  private byte @Nullable [] copyBuffer;

  /** Writes to {@code out}; buffering is the caller's choice. */
  public TarWriter(OutputStream out) {
    this.out = Objects.requireNonNull(out, "out");
  }

  /**
   * Writes a whole entry: its header and then {@code content}, which must hold exactly its size.
   */
  public void writeEntry(TarEntry entry, InputStream content) throws IOException {
    putEntry(entry);
    byte[] buffer = copyBuffer;
    if (buffer == null) {
      buffer = new byte[COPY_BUFFER];
      copyBuffer = buffer;
    }
    long left = entry.size();
    while (left > 0) {
      int n = content.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new IOException(
            "content of "
                + entry.name()
                + " ended "
                + left
                + " bytes early (did it change while reading?)");
      }
      write(buffer, 0, n);
      left -= n;
    }
    closeEntry();
  }

  /** Writes an entry without content (directory, link) or with empty content. */
  public void writeEntry(TarEntry entry) throws IOException {
    if (entry.size() != 0) {
      throw new IllegalArgumentException(
          "entry has content; use writeEntry(entry, content): " + entry.name());
    }
    putEntry(entry);
    closeEntry();
  }

  /** Starts an entry: writes its header(s); the content follows through {@link #write}. */
  public void putEntry(TarEntry entry) throws IOException {
    if (finished) {
      throw new IllegalStateException("archive already finished");
    }
    if (inEntry) {
      closeEntry();
    }
    Map<String, String> pax = paxRecords(entry);
    if (!pax.isEmpty()) {
      byte[] paxContent = encodePax(pax);
      String paxName = paxName(entry.name());
      byte[] header =
          header(paxName, 'x', 0644, 0, 0, "", "", entry.modificationTime(), paxContent.length, "");
      writeRaw(header, 0, BLOCK);
      writeRaw(paxContent, 0, paxContent.length);
      pad(paxContent.length);
    }
    byte[] header =
        header(
            ascii(entry.name(), 100),
            typeFlag(entry.type()),
            entry.mode(),
            Math.min(entry.uid(), MAX_OCTAL_ID),
            Math.min(entry.gid(), MAX_OCTAL_ID),
            ascii(entry.userName(), 32),
            ascii(entry.groupName(), 32),
            Math.max(0, Math.min(entry.modificationTime(), MAX_OCTAL_SIZE)),
            entry.size() > MAX_OCTAL_SIZE ? 0 : entry.size(),
            ascii(entry.linkName(), 100));
    writeRaw(header, 0, BLOCK);
    remaining = entry.size();
    written = 0;
    inEntry = true;
  }

  /** Writes content of the current entry. */
  public void write(byte[] buffer, int offset, int length) throws IOException {
    if (!inEntry || length > remaining) {
      throw new IllegalStateException("more content than the entry's declared size");
    }
    out.write(buffer, offset, length);
    remaining -= length;
    written += length;
  }

  /** Ends the current entry, padding it to a block boundary. */
  public void closeEntry() throws IOException {
    if (!inEntry) {
      return;
    }
    if (remaining != 0) {
      throw new IllegalStateException(
          "entry content is " + remaining + " bytes short of its declared size");
    }
    pad(written);
    inEntry = false;
  }

  /** Ends the archive with two zero blocks; the underlying stream stays open. */
  public void finish() throws IOException {
    if (finished) {
      return;
    }
    closeEntry();
    out.write(ZEROS);
    finished = true;
  }

  /** Finishes the archive and closes the underlying stream. */
  @Override
  public void close() throws IOException {
    try {
      finish();
    } finally {
      out.close();
    }
  }

  private void writeRaw(byte[] bytes, int offset, int length) throws IOException {
    out.write(bytes, offset, length);
  }

  private void pad(long contentLength) throws IOException {
    int rest = (int) (contentLength % BLOCK);
    if (rest != 0) {
      out.write(ZEROS, 0, BLOCK - rest);
    }
  }

  private static Map<String, String> paxRecords(TarEntry entry) {
    // Sorted insertion order keeps PAX headers byte-identical across runs.
    Map<String, String> pax = new LinkedHashMap<>();
    if (!fitsAscii(entry.groupName(), 32)) {
      pax.put("gname", entry.groupName());
    }
    if (entry.gid() > MAX_OCTAL_ID) {
      pax.put("gid", Long.toString(entry.gid()));
    }
    if (!fitsAscii(entry.linkName(), 100)) {
      pax.put("linkpath", entry.linkName());
    }
    if (entry.modificationTime() < 0 || entry.modificationTime() > MAX_OCTAL_SIZE) {
      pax.put("mtime", Long.toString(entry.modificationTime()));
    }
    if (!fitsAscii(entry.name(), 100)) {
      pax.put("path", entry.name());
    }
    if (entry.size() > MAX_OCTAL_SIZE) {
      pax.put("size", Long.toString(entry.size()));
    }
    if (entry.uid() > MAX_OCTAL_ID) {
      pax.put("uid", Long.toString(entry.uid()));
    }
    if (!fitsAscii(entry.userName(), 32)) {
      pax.put("uname", entry.userName());
    }
    return pax;
  }

  static byte[] encodePax(Map<String, String> records) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> record : records.entrySet()) {
      // "%d %s=%s\n" where %d counts the whole record, its own digits included.
      String body = " " + record.getKey() + "=" + record.getValue() + "\n";
      int bodyLength = body.getBytes(StandardCharsets.UTF_8).length;
      int length = bodyLength + 1;
      while (length != bodyLength + Integer.toString(length).length()) {
        length = bodyLength + Integer.toString(length).length();
      }
      sb.append(length).append(body);
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String paxName(String name) {
    String trimmed = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    String base = trimmed.substring(trimmed.lastIndexOf('/') + 1);
    return ascii("PaxHeaders.0/" + base, 100);
  }

  private static boolean fitsAscii(String s, int max) {
    if (s.length() > max) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == 0 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }

  /**
   * The ustar field value: the string when it fits, otherwise an ASCII approximation (PAX has the
   * truth).
   */
  private static String ascii(String s, int max) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length() && sb.length() < max; i++) {
      char c = s.charAt(i);
      sb.append(c == 0 || c > 0x7e ? '_' : c);
    }
    return sb.toString();
  }

  private static char typeFlag(TarEntry.Type type) {
    switch (type) {
      case FILE:
        return '0';
      case HARDLINK:
        return '1';
      case SYMLINK:
        return '2';
      case DIRECTORY:
        return '5';
      default:
        throw new IllegalArgumentException("cannot write entries of type " + type);
    }
  }

  private static byte[] header(
      String name,
      char type,
      int mode,
      long uid,
      long gid,
      String userName,
      String groupName,
      long mtime,
      long size,
      String linkName) {
    byte[] h = new byte[BLOCK];
    putString(h, 0, 100, name);
    putOctal(h, 100, 8, mode & 07777);
    putOctal(h, 108, 8, uid);
    putOctal(h, 116, 8, gid);
    putOctal(h, 124, 12, size);
    putOctal(h, 136, 12, mtime);
    Arrays.fill(h, 148, 156, (byte) ' ');
    h[156] = (byte) type;
    putString(h, 157, 100, linkName);
    putString(h, 257, 6, "ustar");
    h[263] = '0';
    h[264] = '0';
    putString(h, 265, 32, userName);
    putString(h, 297, 32, groupName);
    putOctal(h, 329, 8, 0);
    putOctal(h, 337, 8, 0);
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    // Six octal digits, NUL, space: the layout GNU tar and Go's archive/tar write.
    String checksum = String.format("%06o", sum);
    putString(h, 148, 6, checksum);
    h[154] = 0;
    h[155] = ' ';
    return h;
  }

  private static void putString(byte[] h, int offset, int length, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, h, offset, Math.min(bytes.length, length));
  }

  private static void putOctal(byte[] h, int offset, int length, long value) {
    String octal = Long.toOctalString(value);
    String padded = "0".repeat(Math.max(0, length - 1 - octal.length())) + octal;
    putString(h, offset, length - 1, padded);
    h[offset + length - 1] = 0;
  }
}
