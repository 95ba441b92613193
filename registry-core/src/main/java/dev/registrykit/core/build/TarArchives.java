package dev.registrykit.core.build;

import dev.registrykit.core.internal.tar.TarEntry;
import dev.registrykit.core.internal.tar.TarWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * Single-file tar archives for test images and generated layers, written by the same writer as
 * {@link LayerBuilder}: a regular file with mode {@code 0644}, owner 0:0 and modification time 0,
 * so the bytes (and digests) depend on the name and content only.
 *
 * <p>For content too large to hold, write {@link #fileHeader(String, long)}, then the content, then
 * {@link #trailer(long)}.
 */
public final class TarArchives {
  private static final int BLOCK = 512;

  private TarArchives() {}

  /**
   * An uncompressed tar archive holding one regular file.
   *
   * @param name the file's path in the archive
   * @param content its bytes
   * @return the archive, ending in the two zero blocks
   */
  public static byte[] singleFile(String name, byte[] content) {
    Objects.requireNonNull(content, "content");
    ByteArrayOutputStream out = new ByteArrayOutputStream(3 * BLOCK + content.length);
    try (TarWriter tar = new TarWriter(out)) {
      tar.writeEntry(entry(name, content.length), new ByteArrayInputStream(content));
      tar.finish();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return out.toByteArray();
  }

  /**
   * The header of a one-file archive whose content of {@code size} bytes the caller writes next:
   * one 512-byte block for a short ASCII name, more when a PAX header is needed.
   *
   * @param name the file's path in the archive
   * @param size the content's size
   * @return the header bytes
   */
  public static byte[] fileHeader(String name, long size) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(BLOCK);
    try {
      new TarWriter(out).putEntry(entry(name, size));
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return out.toByteArray();
  }

  /**
   * What follows {@code size} bytes of content to end a one-file archive: the padding to a 512-byte
   * block and the two zero blocks.
   *
   * @param size the content's size
   * @return zero bytes
   */
  public static byte[] trailer(long size) {
    int padding = (int) ((BLOCK - size % BLOCK) % BLOCK);
    return new byte[padding + 2 * BLOCK];
  }

  private static TarEntry entry(String name, long size) {
    return TarEntry.file(Objects.requireNonNull(name, "name"), size, 0644, 0);
  }
}
