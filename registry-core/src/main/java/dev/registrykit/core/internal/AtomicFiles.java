package dev.registrykit.core.internal;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes files so that readers see either the old content or the complete new one. */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Fills a temporary file. */
  @FunctionalInterface
  public interface Content {
    /**
     * Writes the content to {@code temp}, an empty file beside the target.
     *
     * @throws IOException when the content cannot be produced; the target is then left untouched
     */
    void writeTo(Path temp) throws IOException;
  }

  /**
   * Writes {@code target} through a temporary file in its directory, moved into place (replacing
   * any existing file) only once {@code content} has written it completely; the temporary file is
   * deleted whatever happens.
   *
   * @throws IOException when writing or moving fails; {@code target} is then unchanged
   */
  public static void write(Path target, Content content) throws IOException {
    Path temp = Files.createTempFile(target.toAbsolutePath().getParent(), ".tmp-", "");
    try {
      content.writeTo(temp);
      move(temp, target);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Moves {@code from} to {@code to}, replacing it; atomically where the file system supports it
   * (both in one directory, as {@link #write} arranges), else as a plain move.
   */
  public static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
