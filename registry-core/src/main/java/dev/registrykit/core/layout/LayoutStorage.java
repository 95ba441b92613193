package dev.registrykit.core.layout;

import dev.registrykit.core.internal.tar.TarEntry;
import dev.registrykit.core.internal.tar.TarFileIndex;
import dev.registrykit.core.internal.tar.TarFormatException;
import dev.registrykit.core.internal.tar.TarPaths;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Where a layout's files live: a directory, or a tar file read in place. Thread-safe. */
abstract class LayoutStorage {
  /** The most entries a layout tar may have: a bound on memory for hostile archives. */
  static final int MAX_TAR_ENTRIES = 1_000_000;

  /** The size of the regular file at {@code relative}, empty when absent. */
  abstract OptionalLong size(String relative) throws IOException;

  /**
   * Opens the regular file at {@code relative}; {@link InvalidLayoutException.Reason#MISSING_BLOB}
   * when absent.
   */
  abstract InputStream open(String relative) throws IOException;

  /** The directory, for a writable layout. */
  abstract Optional<Path> directory();

  static LayoutStorage directory(Path root) {
    return new DirectoryStorage(root);
  }

  static LayoutStorage tar(Path file) throws IOException {
    TarFileIndex index;
    try {
      index = TarFileIndex.of(file, MAX_TAR_ENTRIES);
    } catch (TarFormatException e) {
      throw new InvalidLayoutException(
          InvalidLayoutException.Reason.MALFORMED,
          "not a valid tar file: " + file + ": " + e.getMessage());
    }
    Map<String, TarFileIndex.Entry> files = new HashMap<>();
    for (TarFileIndex.Entry entry : index.entries()) {
      TarEntry header = entry.header();
      Optional<String> name =
          TarPaths.entryName(
              header,
              n ->
                  new InvalidLayoutException(
                      InvalidLayoutException.Reason.UNSAFE_PATH,
                      "layout tar entry escapes the layout: \"" + n + "\""));
      if (name.isEmpty()) {
        continue; // "./" itself
      }
      if (header.type() == TarEntry.Type.SYMLINK
          || header.type() == TarEntry.Type.HARDLINK
          || header.type() == TarEntry.Type.OTHER) {
        throw new InvalidLayoutException(
            InvalidLayoutException.Reason.LINK,
            "layout tar entry \"" + header.name() + "\" is a link or special file");
      }
      if (header.type() == TarEntry.Type.FILE && files.put(name.get(), entry) != null) {
        throw new InvalidLayoutException(
            InvalidLayoutException.Reason.MALFORMED,
            "layout tar has two entries named \"" + name.get() + "\"");
      }
    }
    return new TarStorage(index, files);
  }

  private static final class DirectoryStorage extends LayoutStorage {
    private final Path root;

    DirectoryStorage(Path root) {
      this.root = root;
    }

    @Override
    OptionalLong size(String relative) throws IOException {
      Path path = resolve(relative);
      try {
        BasicFileAttributes attributes =
            Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (attributes.isSymbolicLink() || !attributes.isRegularFile()) {
          throw new InvalidLayoutException(
              InvalidLayoutException.Reason.LINK,
              "layout file is a link or not a regular file: " + path);
        }
        return OptionalLong.of(attributes.size());
      } catch (NoSuchFileException e) {
        return OptionalLong.empty();
      }
    }

    @Override
    InputStream open(String relative) throws IOException {
      if (size(relative).isEmpty()) {
        throw new InvalidLayoutException(
            InvalidLayoutException.Reason.MISSING_BLOB,
            "missing from the layout: " + resolve(relative));
      }
      return Files.newInputStream(resolve(relative), LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    Optional<Path> directory() {
      return Optional.of(root);
    }

    private Path resolve(String relative) throws IOException {
      Path path = root;
      for (String part : relative.split("/")) {
        path = path.resolve(part);
        // A linked "blobs" or "blobs/sha256" directory could point anywhere: refuse it like a
        // linked blob.
        if (!path.getFileName().toString().equals(part) || Files.isSymbolicLink(path)) {
          throw new InvalidLayoutException(
              InvalidLayoutException.Reason.LINK, "layout path is a link: " + path);
        }
      }
      return path;
    }
  }

  private static final class TarStorage extends LayoutStorage {
    private final TarFileIndex index;
    private final Map<String, TarFileIndex.Entry> files;

    TarStorage(TarFileIndex index, Map<String, TarFileIndex.Entry> files) {
      this.index = index;
      this.files = Map.copyOf(files);
    }

    @Override
    OptionalLong size(String relative) {
      TarFileIndex.Entry entry = files.get(relative);
      return entry == null ? OptionalLong.empty() : OptionalLong.of(entry.header().size());
    }

    @Override
    InputStream open(String relative) throws IOException {
      TarFileIndex.Entry entry = files.get(relative);
      if (entry == null) {
        throw new InvalidLayoutException(
            InvalidLayoutException.Reason.MISSING_BLOB,
            "missing from the layout tar " + index.file() + ": " + relative);
      }
      return index.open(entry);
    }

    @Override
    Optional<Path> directory() {
      return Optional.empty();
    }
  }
}
