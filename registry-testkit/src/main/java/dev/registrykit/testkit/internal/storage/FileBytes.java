package dev.registrykit.testkit.internal.storage;

import dev.registrykit.core.digest.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * An upload's bytes in a file of the storage directory, written as they arrive through one reused
 * buffer; the content is the file mapped into memory (outside the heap), so images larger than the
 * heap fit.
 */
final class FileBytes implements SessionBytes {
  /** The write buffer, and the most a mapping of the content spans. */
  private static final int BUFFER = 256 * 1024;

  private static final long MAX_MAPPING = 1L << 30;

  private final Path file;
  private final FileChannel channel;
  private long committed;
  private long pending;

  FileBytes(Path file) {
    this.file = file;
    try {
      this.channel =
          FileChannel.open(
              file,
              StandardOpenOption.CREATE_NEW,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create upload file " + file, e);
    }
  }

  @Override
  public long read(InputStream body, long expectedLength, MessageDigest digest) throws IOException {
    byte[] buffer = new byte[BUFFER];
    boolean done = false;
    try {
      channel.position(committed);
      for (int n = body.readNBytes(buffer, 0, buffer.length);
          n > 0;
          n = body.readNBytes(buffer, 0, buffer.length)) {
        digest.update(buffer, 0, n);
        ByteBuffer out = ByteBuffer.wrap(buffer, 0, n);
        while (out.hasRemaining()) {
          channel.write(out);
        }
        pending += n;
        if (n < buffer.length) {
          break;
        }
      }
      done = true;
      return pending;
    } finally {
      if (!done) {
        abort();
      }
    }
  }

  @Override
  public void commit() {
    committed += pending;
    pending = 0;
  }

  @Override
  public void abort() {
    pending = 0;
    try {
      channel.truncate(committed);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot truncate upload file " + file, e);
    }
  }

  @Override
  public StoredContent content(Digest sha256) throws IOException {
    List<ByteBuffer> regions = new ArrayList<>();
    for (long at = 0; at < committed; at += MAX_MAPPING) {
      regions.add(
          channel.map(FileChannel.MapMode.READ_ONLY, at, Math.min(MAX_MAPPING, committed - at)));
    }
    return StoredContent.adopt(regions, sha256);
  }

  @Override
  public void release() {
    try {
      channel.close();
      // Mappings taken by content() stay valid after the file is gone (POSIX semantics).
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete upload file " + file, e);
    }
  }
}
