package dev.registrykit.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the bytes of a blob to push come from: something that can be opened, and opened again, to
 * stream the content. Opening twice must yield the same bytes; the client reopens to resume a
 * failed upload from the offset the registry reports.
 *
 * <p>Implementations must be safe to open from any thread.
 */
@FunctionalInterface
public interface BlobContent {
  /**
   * Opens the content from its first byte.
   *
   * @throws IOException when the source cannot be read
   */
  InputStream open() throws IOException;

  /**
   * Opens the content at {@code offset}; the default skips from the start, sources that can seek
   * should override it.
   *
   * @throws IOException when the source cannot be read or is shorter than {@code offset}
   */
  default InputStream open(long offset) throws IOException {
    InputStream in = open();
    try {
      in.skipNBytes(offset);
      return in;
    } catch (IOException e) {
      in.close();
      throw e;
    }
  }

  /** Content read from {@code file}, seeking directly to resume offsets. */
  static BlobContent ofFile(Path file) {
    Objects.requireNonNull(file, "file");
    return new BlobContent() {
      @Override
      public InputStream open() throws IOException {
        return Files.newInputStream(file);
      }

      @Override
      public InputStream open(long offset) throws IOException {
        var channel = Files.newByteChannel(file);
        try {
          channel.position(offset);
          return java.nio.channels.Channels.newInputStream(channel);
        } catch (IOException e) {
          channel.close();
          throw e;
        }
      }
    };
  }

  /** Content held in memory; the array is copied. */
  static BlobContent ofBytes(byte[] content) {
    byte[] copy = content.clone();
    return () -> new java.io.ByteArrayInputStream(copy);
  }
}
