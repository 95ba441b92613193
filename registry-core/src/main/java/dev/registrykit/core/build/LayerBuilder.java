package dev.registrykit.core.build;

import dev.registrykit.core.compress.Codecs;
import dev.registrykit.core.compress.Zstd;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.digest.DigestAlgorithm;
import dev.registrykit.core.digest.DigestingOutputStream;
import dev.registrykit.core.image.Layer;
import dev.registrykit.core.internal.tar.TarEntry;
import dev.registrykit.core.internal.tar.TarPaths;
import dev.registrykit.core.internal.tar.TarWriter;
import dev.registrykit.core.manifest.MediaType;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Builds a reproducible layer (a tar, optionally gzip- or zstd-compressed) from files and
 * directories on disk.
 *
 * <p>Reproducibility rules, all configurable: entries are sorted by path; missing parent
 * directories are added; every entry has the same modification time ({@link Instant#EPOCH} by
 * default) and owner (uid/gid 0, empty names); modes come from rules, not from the disk (regular
 * files {@code 0644}, files executable by their owner on disk {@code 0755}, directories {@code
 * 0755}), with per-path overrides; symbolic links are recorded as links, never followed. Long or
 * non-ASCII names use PAX headers. Hence the same names, contents and executable bits give the same
 * layer digest, whatever the files' timestamps, owners or listing order.
 *
 * <p>File contents are read when the layer is written, streamed, never held in memory; the blob
 * digest, its size and the diff ID are computed in that same pass. Adding the same target path
 * twice keeps the later source.
 *
 * <p>Mutable and not thread-safe: configure, then call {@link #writeTo(Path)} or {@link
 * #writeTo(OutputStream)} (repeatable; each call reads the files again).
 *
 * <pre>{@code
 * BuiltLayer layer = LayerBuilder.builder()
 *     .addDirectory(Path.of("target/classes"), "/app/classes")
 *     .addFile(Path.of("run.sh"), "/app/run.sh")
 *     .compression(LayerCompression.gzip(6))
 *     .writeTo(Path.of("target/layer.tar.gz"));
 * }</pre>
 */
public final class LayerBuilder {
  private static final int BUFFER = 64 * 1024;

  /** What becomes of one target path; a sealed set of three kinds. */
  private interface Source {}

  private static final class FileSource implements Source {
    final Path path;

    FileSource(Path path) {
      this.path = path;
    }
  }

  private static final class LinkSource implements Source {
    final String target;

    LinkSource(String target) {
      this.target = target;
    }
  }

  private static final class DirectorySource implements Source {}

  private static final DirectorySource DIRECTORY = new DirectorySource();

  private final TreeMap<String, Source> entries = new TreeMap<>();
  private final Map<String, Integer> modeOverrides = new HashMap<>();
  private Instant modificationTime = Instant.EPOCH;
  private long uid;
  private long gid;
  private String userName = "";
  private String groupName = "";
  private int fileMode = 0644;
  private int executableMode = 0755;
  private int directoryMode = 0755;
  private LayerCompression compression = LayerCompression.GZIP;

  private LayerBuilder() {}

  /** A builder with the default rules and gzip level 6. */
  public static LayerBuilder builder() {
    return new LayerBuilder();
  }

  /**
   * Adds a regular file (or a symbolic link, recorded as a link) at {@code targetPath}.
   *
   * @param source the file on disk; its content is read when the layer is written
   * @param targetPath the path in the layer, absolute or relative to the root ({@code /app/a.jar})
   * @throws IllegalArgumentException when the target path escapes the root or names it, or the
   *     source is a directory
   * @throws IOException when the source cannot be inspected
   */
  public LayerBuilder addFile(Path source, String targetPath) throws IOException {
    Objects.requireNonNull(source, "source");
    String target = target(targetPath);
    BasicFileAttributes attributes =
        Files.readAttributes(source, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (attributes.isDirectory()) {
      throw new IllegalArgumentException("source is a directory; use addDirectory: " + source);
    }
    put(target, sourceOf(source, attributes));
    return this;
  }

  /**
   * Adds a directory tree: {@code source} itself becomes {@code targetPath} and everything under it
   * follows, recursively. Symbolic links inside are recorded as links and not followed.
   *
   * @param targetPath the path in the layer; {@code /} puts the directory's content at the root
   * @throws IllegalArgumentException when the target path escapes the root, or the source is not a
   *     directory
   * @throws IOException when the tree cannot be listed
   */
  public LayerBuilder addDirectory(Path source, String targetPath) throws IOException {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(targetPath, "targetPath");
    String root = isRoot(targetPath) ? "" : target(targetPath);
    if (!Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
      throw new IllegalArgumentException("source is not a directory: " + source);
    }
    Files.walkFileTree(
        source,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            String target = join(root, source.relativize(dir));
            if (!target.isEmpty()) {
              put(target, DIRECTORY);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            if (attrs.isRegularFile() || attrs.isSymbolicLink()) {
              put(join(root, source.relativize(file)), sourceOf(file, attrs));
            }
            // Sockets, FIFOs and devices have no place in a layer built from a build's output.
            return FileVisitResult.CONTINUE;
          }
        });
    return this;
  }

  /** Adds an empty directory at {@code targetPath} (parents are added anyway). */
  public LayerBuilder addEmptyDirectory(String targetPath) {
    put(target(targetPath), DIRECTORY);
    return this;
  }

  /**
   * Adds a symbolic link at {@code targetPath} pointing at {@code linkTarget} (stored as given).
   */
  public LayerBuilder addSymlink(String targetPath, String linkTarget) {
    Objects.requireNonNull(linkTarget, "linkTarget");
    put(target(targetPath), new LinkSource(linkTarget));
    return this;
  }

  /** The modification time of every entry (default the epoch); sub-second parts are dropped. */
  public LayerBuilder modificationTime(Instant time) {
    this.modificationTime = Objects.requireNonNull(time, "time");
    return this;
  }

  /** The numeric owner of every entry (default 0, 0). */
  public LayerBuilder owner(long newUid, long newGid) {
    if (newUid < 0 || newGid < 0) {
      throw new IllegalArgumentException("uid and gid must not be negative");
    }
    this.uid = newUid;
    this.gid = newGid;
    return this;
  }

  /** The owner names of every entry (default empty; {@code "root"} is common). */
  public LayerBuilder ownerNames(String newUserName, String newGroupName) {
    this.userName = Objects.requireNonNull(newUserName, "userName");
    this.groupName = Objects.requireNonNull(newGroupName, "groupName");
    return this;
  }

  /** The mode of regular files not executable on disk (default {@code 0644}). */
  public LayerBuilder fileMode(int mode) {
    this.fileMode = checkMode(mode);
    return this;
  }

  /** The mode of files executable by their owner on disk (default {@code 0755}). */
  public LayerBuilder executableMode(int mode) {
    this.executableMode = checkMode(mode);
    return this;
  }

  /** The mode of directories (default {@code 0755}). */
  public LayerBuilder directoryMode(int mode) {
    this.directoryMode = checkMode(mode);
    return this;
  }

  /** Overrides the mode of one target path (file, directory or link), whatever the rules say. */
  public LayerBuilder mode(String targetPath, int mode) {
    modeOverrides.put(target(targetPath), checkMode(mode));
    return this;
  }

  /** The compression (default gzip level 6). */
  public LayerBuilder compression(LayerCompression newCompression) {
    this.compression = Objects.requireNonNull(newCompression, "compression");
    return this;
  }

  /**
   * Writes the layer to {@code file} (created or replaced); deletes it again if writing fails.
   *
   * @throws IOException when a source cannot be read or the file cannot be written
   */
  public BuiltLayer writeTo(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    boolean done = false;
    try (OutputStream out =
        Files.newOutputStream(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      BuiltLayer layer = write(out, Optional.of(file));
      done = true;
      return layer;
    } finally {
      if (!done) {
        Files.deleteIfExists(file);
      }
    }
  }

  /**
   * Writes the layer to {@code out}, which is flushed but not closed. The result has no file.
   *
   * @throws IOException when a source cannot be read or {@code out} fails
   */
  public BuiltLayer writeTo(OutputStream out) throws IOException {
    Objects.requireNonNull(out, "out");
    BuiltLayer layer =
        write(
            new FilterOutputStream(out) {
              @Override
              public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
              }

              @Override
              public void close() throws IOException {
                flush(); // the caller owns the stream
              }
            },
            Optional.empty());
    return layer;
  }

  /**
   * A digest of everything the layer's bytes depend on except file contents: every target path and
   * its kind, each source file's size, modification time (to the file system's precision) and
   * executable bit, link targets, and the rules (time, owner, modes, compression). Host paths are
   * not part of it. Two builders with the same fingerprint write the same layer unless a file's
   * content changed while keeping its size and modification time, which is what build caches
   * (Jib's, make's) also assume; a layer cache keys layers by it.
   *
   * @throws IOException when a source file cannot be inspected
   */
  public Digest inputFingerprint() throws IOException {
    DigestingOutputStream digest = DigestingOutputStream.discarding(DigestAlgorithm.SHA256);
    try (DataOutputStream out = new DataOutputStream(digest)) {
      out.writeUTF("layer-inputs/1");
      out.writeLong(modificationTime.getEpochSecond());
      out.writeLong(uid);
      out.writeLong(gid);
      out.writeUTF(userName);
      out.writeUTF(groupName);
      out.writeInt(fileMode);
      out.writeInt(executableMode);
      out.writeInt(directoryMode);
      out.writeUTF(compression.algorithm().name());
      out.writeInt(compression.level());
      for (Map.Entry<String, Integer> override : new TreeMap<>(modeOverrides).entrySet()) {
        out.writeUTF("mode " + override.getKey());
        out.writeInt(override.getValue());
      }
      for (Map.Entry<String, Source> entry : withParents().entrySet()) {
        out.writeUTF(entry.getKey());
        Source source = entry.getValue();
        if (source instanceof DirectorySource) {
          out.writeUTF("d");
        } else if (source instanceof LinkSource) {
          out.writeUTF("l " + ((LinkSource) source).target);
        } else {
          Path path = ((FileSource) source).path;
          BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
          out.writeUTF("f");
          out.writeLong(attributes.size());
          out.writeUTF(attributes.lastModifiedTime().toInstant().toString());
          out.writeBoolean(isExecutable(path));
        }
      }
    }
    return digest.result().digest();
  }

  private BuiltLayer write(OutputStream destination, Optional<Path> file) throws IOException {
    // One pass: tar -> [diffId hash] -> compressor -> [blob hash] -> destination.
    Written written = Written.open(destination, compression);
    try (OutputStream tarSink = new BufferedOutputStream(written.tar(), BUFFER)) {
      TarWriter tar = new TarWriter(tarSink);
      for (Map.Entry<String, Source> entry : withParents().entrySet()) {
        writeEntry(tar, entry.getKey(), entry.getValue());
      }
      tar.finish();
    }
    return written.result(compression, file);
  }

  /**
   * Writes {@code source}'s uncompressed tar again under another compression into {@code file}
   * (created or replaced; deleted again if anything fails): gzip to zstd, zstd to gzip, either to
   * none or back. The tar bytes are unchanged, so the diff ID is the source's; the source is read
   * once and verified against its digest to the end.
   *
   * @throws dev.registrykit.core.digest.DigestMismatchException when the source's content does not
   *     match its digest
   * @throws dev.registrykit.core.compress.MissingCodecException when zstd is involved and zstd-jni
   *     is missing
   * @throws IOException when the source cannot be read or the file cannot be written
   */
  public static BuiltLayer recompress(Layer source, LayerCompression compression, Path file)
      throws IOException {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(compression, "compression");
    Objects.requireNonNull(file, "file");
    MediaType type = source.mediaType();
    if (type.isZstd() || compression.isZstd()) {
      Zstd.requireAvailable("recompress a layer from " + type + " to " + compression.mediaType());
    }
    boolean done = false;
    try (OutputStream out =
            Files.newOutputStream(
                file,
                StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        InputStream raw = source.open()) {
      Written written = Written.open(out, compression);
      try (InputStream tar = Codecs.decompress(nonClosing(raw), type);
          OutputStream sink = written.tar()) {
        tar.transferTo(sink);
      }
      // A decompressor may stop before the end of its input; reading the rest is what lets a
      // verifying source check its digest and size.
      raw.transferTo(OutputStream.nullOutputStream());
      BuiltLayer layer = written.result(compression, Optional.of(file));
      done = true;
      return layer;
    } finally {
      if (!done) {
        Files.deleteIfExists(file);
      }
    }
  }

  private static InputStream nonClosing(InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public void close() {
        // the caller still drains and closes it
      }
    };
  }

  /** The digesting chain of one layer being written: tar in, compressed blob out. */
  private static final class Written {
    private final DigestingOutputStream blob;
    private final DigestingOutputStream tar;
    private final OutputStream tarIn;

    private Written(DigestingOutputStream blob, DigestingOutputStream tar, OutputStream tarIn) {
      this.blob = blob;
      this.tar = tar;
      this.tarIn = tarIn;
    }

    static Written open(OutputStream destination, LayerCompression compression) throws IOException {
      DigestingOutputStream blob = DigestingOutputStream.sha256(destination);
      OutputStream compressor = Compressors.compressing(blob, compression);
      if (compressor == blob) {
        return new Written(blob, blob, blob);
      }
      DigestingOutputStream tar = DigestingOutputStream.sha256(compressor);
      return new Written(blob, tar, tar);
    }

    /** Where the tar goes; closing it finishes the compressed stream and closes the destination. */
    OutputStream tar() {
      return tarIn;
    }

    BuiltLayer result(LayerCompression compression, Optional<Path> file) {
      return new BuiltLayer(
          blob.result().digest(),
          blob.size(),
          tar.result().digest(),
          compression.mediaType(),
          file);
    }
  }

  private void writeEntry(TarWriter tar, String path, Source source) throws IOException {
    long mtime = modificationTime.getEpochSecond();
    Integer override = modeOverrides.get(path);
    if (source instanceof DirectorySource) {
      int mode = override != null ? override : directoryMode;
      tar.writeEntry(
          TarEntry.directory(path, mode, mtime).withOwner(uid, gid, userName, groupName));
    } else if (source instanceof LinkSource) {
      int mode = override != null ? override : 0777;
      TarEntry link =
          new TarEntry(
              path,
              TarEntry.Type.SYMLINK,
              mode,
              uid,
              gid,
              userName,
              groupName,
              mtime,
              0,
              ((LinkSource) source).target);
      tar.writeEntry(link);
    } else {
      Path sourcePath = ((FileSource) source).path;
      int mode = override != null ? override : isExecutable(sourcePath) ? executableMode : fileMode;
      try (InputStream in = Files.newInputStream(sourcePath)) {
        long size = Files.size(sourcePath);
        tar.writeEntry(
            TarEntry.file(path, size, mode, mtime).withOwner(uid, gid, userName, groupName), in);
      }
    }
  }

  private TreeMap<String, Source> withParents() {
    TreeMap<String, Source> all = new TreeMap<>(entries);
    for (String path : entries.keySet()) {
      for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
        String parent = path.substring(0, slash);
        Source existing = all.get(parent);
        if (existing == null) {
          all.put(parent, DIRECTORY);
        } else if (!(existing instanceof DirectorySource)) {
          throw new IllegalStateException(
              "\"" + parent + "\" is both a file or link and the parent of \"" + path + "\"");
        }
      }
    }
    return all;
  }

  private void put(String target, Source source) {
    if (source instanceof DirectorySource && entries.containsKey(target)) {
      return; // an explicit directory never replaces what is already there
    }
    entries.put(target, source);
  }

  private static Source sourceOf(Path path, BasicFileAttributes attributes) throws IOException {
    if (attributes.isSymbolicLink()) {
      // Separators normalized so a layer built on Windows links the same way.
      return new LinkSource(Files.readSymbolicLink(path).toString().replace('\\', '/'));
    }
    if (!attributes.isRegularFile()) {
      throw new IllegalArgumentException("not a regular file or symbolic link: " + path);
    }
    return new FileSource(path);
  }

  private static boolean isExecutable(Path path) throws IOException {
    PosixFileAttributeView posix = Files.getFileAttributeView(path, PosixFileAttributeView.class);
    if (posix != null) {
      return posix.readAttributes().permissions().contains(PosixFilePermission.OWNER_EXECUTE);
    }
    return Files.isExecutable(path);
  }

  private static boolean isRoot(String targetPath) {
    return targetPath.replace("/", "").replace(".", "").isEmpty() && !targetPath.contains("..");
  }

  private static String target(String targetPath) {
    Objects.requireNonNull(targetPath, "targetPath");
    String relative = targetPath;
    while (relative.startsWith("/")) {
      relative = relative.substring(1);
    }
    String original = targetPath;
    return TarPaths.safeRelative(relative)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "target path must name something below the root, without \"..\": \""
                        + original
                        + "\""));
  }

  private static String join(String root, Path relative) {
    StringBuilder sb = new StringBuilder(root);
    for (Path part : relative) {
      String name = part.toString();
      if (name.isEmpty()) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append('/');
      }
      sb.append(name);
    }
    return sb.toString();
  }

  private static int checkMode(int mode) {
    if (mode < 0 || mode > 07777) {
      throw new IllegalArgumentException(
          "mode must be between 0 and 07777 (octal): " + Integer.toOctalString(mode));
    }
    return mode;
  }
}
