package dev.registrykit.core.internal.tar;

import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The entries of an uncompressed tar file with the offset of each entry's content, so that any
 * entry can later be read directly from the file without extracting anything (the way {@code docker
 * load} and OCI-layout tars are read here). One sequential pass builds the index; content is
 * skipped, not read.
 *
 * <p>Immutable and thread-safe; every {@link #open} uses its own file channel.
 */
public final class TarFileIndex {
  /**
   * One entry and where its content starts in the file.
   *
   * @param header the entry's header (name as stored)
   * @param offset the file offset of the first content byte
   */
  public record Entry(TarEntry header, long offset) {
    /** Validates the components. */
    public Entry {
      Objects.requireNonNull(header, "header");
    }
  }

  private final Path file;
  private final List<Entry> entries;

  private TarFileIndex(Path file, List<Entry> entries) {
    this.file = file;
    this.entries = List.copyOf(entries);
  }

  /**
   * Indexes {@code file}.
   *
   * @param maxEntries the most entries accepted (a bound on memory for hostile archives)
   * @throws TarFormatException when the file is not a well-formed tar or has too many entries
   * @throws IOException when it cannot be read
   */
  public static TarFileIndex of(Path file, int maxEntries) throws IOException {
    List<Entry> entries = new ArrayList<>();
    // FileInputStream seeks on skip(), so only headers are read, whatever the content's size.
    try (InputStream in = new BufferedInputStream(new FileInputStream(file.toFile()), 64 * 1024);
        TarReader reader = new TarReader(in)) {
      for (var entry = reader.next(); entry.isPresent(); entry = reader.next()) {
        if (entries.size() >= maxEntries) {
          throw new TarFormatException("archive has more than " + maxEntries + " entries");
        }
        entries.add(new Entry(entry.get(), reader.contentOffset()));
      }
    }
    // A seek may pass the end of the file without complaint: check that every entry's content is
    // really there.
    long fileSize = java.nio.file.Files.size(file);
    for (Entry entry : entries) {
      if (entry.offset() + entry.header().size() > fileSize) {
        throw new TarFormatException(
            "archive truncated: entry "
                + entry.header().name()
                + " needs "
                + (entry.offset() + entry.header().size())
                + " bytes, the file has "
                + fileSize);
      }
    }
    return new TarFileIndex(file, entries);
  }

  /** The tar file. */
  public Path file() {
    return file;
  }

  /** The entries in archive order. */
  public List<Entry> entries() {
    return entries;
  }

  /**
   * A new stream over one regular file entry's content; the caller closes it.
   *
   * @throws TarFormatException when the file ends before the entry's content does
   */
  public InputStream open(Entry entry) throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    return new InputStream() {
      private long position = entry.offset();
      private final long end = entry.offset() + entry.header().size();

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] buffer, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, buffer.length);
        if (position >= end) {
          return -1;
        }
        if (len == 0) {
          return 0;
        }
        int n =
            channel.read(
                ByteBuffer.wrap(buffer, off, (int) Math.min(len, end - position)), position);
        if (n < 0) {
          throw new TarFormatException(
              "tar file " + file + " ends inside the entry " + entry.header().name());
        }
        position += n;
        return n;
      }

      @Override
      public void close() throws IOException {
        channel.close();
      }
    };
  }
}
