package dev.registrykit.core.layout;

import dev.registrykit.core.build.LayerBuilder;
import dev.registrykit.core.build.LayerCompression;
import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.digest.DigestMismatchException;
import dev.registrykit.core.digest.VerifyingInputStream;
import dev.registrykit.core.image.Image;
import dev.registrykit.core.image.ImageIndex;
import dev.registrykit.core.image.Layer;
import dev.registrykit.core.internal.AtomicFiles;
import dev.registrykit.core.internal.LayoutPaths;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.manifest.ImageConfig;
import dev.registrykit.core.manifest.IndexManifest;
import dev.registrykit.core.manifest.InvalidManifestException;
import dev.registrykit.core.manifest.ManifestCodec;
import dev.registrykit.core.manifest.MediaType;
import dev.registrykit.core.manifest.RawManifest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An OCI image layout: a directory (readable and writable) or a tar of one (read-only, read in
 * place).
 *
 * <p>Reading: {@link #image(String)} and {@link #imageIndex(String)} take a reference name (the
 * {@code org.opencontainers.image.ref.name} annotation of an {@code index.json} entry) or a digest,
 * and return lazy implementations whose blobs are verified against their descriptors as they are
 * read. JSON documents over {@link #MAX_JSON_SIZE} are refused before being read.
 *
 * <p>Writing: {@link #write(Image, String)} and {@link #write(ImageIndex, String)} store every blob
 * once — a blob already present is verified and kept, a new one is written to a temporary file,
 * verified, and moved into place atomically — then update {@code index.json}, moving the reference
 * name if another entry had it.
 *
 * <p>Thread-safe within one instance; concurrent writers in other processes are not coordinated.
 *
 * <pre>{@code
 * OciLayout layout = OciLayout.create(Path.of("target/oci"));
 * layout.write(image, "latest");
 * Image again = OciLayout.open(Path.of("target/oci")).image("latest");
 * }</pre>
 *
 * @see <a
 *     href="https://github.com/opencontainers/image-spec/blob/main/image-layout.md">image-layout.md</a>
 */
public final class OciLayout {
  /** The annotation naming an {@code index.json} entry, e.g. a tag. */
  public static final String REF_NAME = "org.opencontainers.image.ref.name";

  /** The largest index, manifest or config accepted, in bytes: {@value}. */
  public static final int MAX_JSON_SIZE = ManifestCodec.MAX_MANIFEST_SIZE;

  private static final String LAYOUT_FILE = "oci-layout";
  private static final String INDEX_FILE = "index.json";
  private static final String LAYOUT_CONTENT = "{\"imageLayoutVersion\":\"1.0.0\"}";
  private static final int MAX_LAYOUT_FILE = 64 * 1024;

  /**
   * The copy buffer of {@link #writeBlob}: one per blob being written, so parallel pulls stay
   * small.
   */
  private static final int COPY_BUFFER = 256 * 1024;

  private final LayoutStorage storage;
  private final String description;

  private OciLayout(LayoutStorage storage, String description) {
    this.storage = storage;
    this.description = description;
  }

  /**
   * Opens an existing layout: a directory, or a {@code .tar} of one (any regular file is read as a
   * tar).
   *
   * @throws InvalidLayoutException when it is not a layout ({@code oci-layout} or {@code
   *     index.json} missing or wrong) or, for a tar, when an entry is unsafe
   * @throws IOException when it cannot be read
   */
  public static OciLayout open(Path path) throws IOException {
    Objects.requireNonNull(path, "path");
    LayoutStorage storage =
        Files.isDirectory(path) ? LayoutStorage.directory(path) : LayoutStorage.tar(path);
    OciLayout layout = new OciLayout(storage, path.toString());
    layout.checkLayoutFile();
    layout.index();
    return layout;
  }

  /**
   * Opens the layout directory {@code dir} for writing, creating it (with an empty index) when it
   * does not exist or is empty.
   *
   * @throws InvalidLayoutException when {@code dir} has content but is not a layout
   * @throws IOException when it cannot be created
   */
  public static OciLayout create(Path dir) throws IOException {
    Objects.requireNonNull(dir, "dir");
    Files.createDirectories(dir);
    boolean empty;
    try (var listing = Files.list(dir)) {
      empty = listing.findAny().isEmpty();
    }
    if (empty) {
      Files.createDirectories(dir.resolve("blobs"));
      writeAtomically(dir, LAYOUT_FILE, Bytes.ofUtf8(LAYOUT_CONTENT));
      writeAtomically(dir, INDEX_FILE, ManifestCodec.encode(IndexManifest.oci(List.of())).bytes());
    }
    return open(dir);
  }

  /**
   * The parsed {@code index.json}.
   *
   * @throws InvalidLayoutException when it is missing, oversized or not an index
   */
  public IndexManifest index() throws IOException {
    try {
      return ManifestCodec.parseIndex(rawIndex());
    } catch (InvalidManifestException e) {
      throw new InvalidLayoutException(
          InvalidLayoutException.Reason.MALFORMED,
          "index.json of " + description + " is not an image index: " + e.getMessage());
    }
  }

  /** The reference names in {@code index.json}, in order. */
  public List<String> refNames() throws IOException {
    List<String> names = new ArrayList<>();
    for (Descriptor d : index().manifests()) {
      String name = d.annotations().get(REF_NAME);
      if (name != null) {
        names.add(name);
      }
    }
    return List.copyOf(names);
  }

  /**
   * The {@code index.json} entry with reference name {@code refOrDigest}, or with that digest.
   *
   * @throws InvalidLayoutException with {@link InvalidLayoutException.Reason#NOT_FOUND} when there
   *     is none
   */
  public Descriptor resolve(String refOrDigest) throws IOException {
    Objects.requireNonNull(refOrDigest, "refOrDigest");
    Optional<Digest> digest = Digest.tryParse(refOrDigest);
    for (Descriptor d : index().manifests()) {
      if (digest.isPresent()
          ? d.digest().equals(digest.get())
          : refOrDigest.equals(d.annotations().get(REF_NAME))) {
        return d;
      }
    }
    throw new InvalidLayoutException(
        InvalidLayoutException.Reason.NOT_FOUND,
        "no manifest named \"" + refOrDigest + "\" in " + description);
  }

  /**
   * The image named {@code refOrDigest} (see {@link #resolve}); lazy.
   *
   * @throws InvalidLayoutException when there is none, or it is an index
   */
  public Image image(String refOrDigest) throws IOException {
    return image(resolve(refOrDigest));
  }

  /** The image that {@code descriptor} points at in this layout; lazy, nothing is read yet. */
  public Image image(Descriptor descriptor) throws IOException {
    if (descriptor.mediaType().isIndex()) {
      throw new InvalidLayoutException(
          InvalidLayoutException.Reason.NOT_FOUND,
          descriptor.digest() + " in " + description + " is an index, not an image");
    }
    return new LayoutImage(this, descriptor);
  }

  /**
   * The index named {@code refOrDigest} (see {@link #resolve}); lazy.
   *
   * @throws InvalidLayoutException when there is none, or it is an image
   */
  public ImageIndex imageIndex(String refOrDigest) throws IOException {
    return imageIndex(resolve(refOrDigest));
  }

  /** The index that {@code descriptor} points at in this layout; lazy. */
  public ImageIndex imageIndex(Descriptor descriptor) throws IOException {
    if (!descriptor.mediaType().isIndex()) {
      throw new InvalidLayoutException(
          InvalidLayoutException.Reason.NOT_FOUND,
          descriptor.digest() + " in " + description + " is not an index");
    }
    return new LayoutIndex(this, descriptor);
  }

  /**
   * A verifying stream over the blob {@code descriptor} points at; reading it to the end fails with
   * {@link DigestMismatchException} unless digest and size match.
   *
   * @throws InvalidLayoutException with {@link InvalidLayoutException.Reason#MISSING_BLOB} when
   *     absent
   */
  public InputStream openBlob(Descriptor descriptor) throws IOException {
    return VerifyingInputStream.of(
        storage.open(LayoutPaths.blob(descriptor.digest())),
        descriptor.digest(),
        descriptor.size());
  }

  /** Whether the blob {@code digest} is present (its content is not checked). */
  public boolean hasBlob(Digest digest) throws IOException {
    return storage.size(LayoutPaths.blob(digest)).isPresent();
  }

  /**
   * Writes {@code image} (layers, config, manifest) and names it {@code refName} in {@code
   * index.json}.
   *
   * @return the {@code index.json} entry
   * @throws IOException when a blob cannot be read or verified, or the layout is a read-only tar
   */
  public Descriptor write(Image image, String refName) throws IOException {
    Objects.requireNonNull(refName, "refName");
    return addToIndex(writeImageContent(image), Optional.of(refName));
  }

  /** Writes {@code image} and adds it to {@code index.json} without a name. */
  public Descriptor write(Image image) throws IOException {
    return addToIndex(writeImageContent(image), Optional.empty());
  }

  /**
   * Writes {@code index}, every image and nested index in it, and names it {@code refName}.
   *
   * @return the {@code index.json} entry
   * @throws IOException when a blob cannot be read or verified, or an entry is neither an image nor
   *     an index
   */
  public Descriptor write(ImageIndex index, String refName) throws IOException {
    Objects.requireNonNull(refName, "refName");
    return addToIndex(writeIndexContent(index), Optional.of(refName));
  }

  /**
   * Writes this layout directory as a tar file: sorted entries, fixed times and owners, so equal
   * layouts give equal tars. Readable again with {@link #open(Path)} and by {@code skopeo} ({@code
   * oci-archive:}).
   *
   * @throws IllegalStateException when this layout is itself a tar
   */
  public void writeTar(Path tarFile) throws IOException {
    Path dir = directory();
    LayerBuilder.builder()
        .addDirectory(dir, "/")
        .compression(LayerCompression.NONE)
        .writeTo(tarFile);
  }

  @Override
  public String toString() {
    return "OciLayout[" + description + "]";
  }

  // --- reading -------------------------------------------------------------------------------

  RawManifest rawIndex() throws IOException {
    OptionalLong size = storage.size(INDEX_FILE);
    if (size.isEmpty()) {
      throw new InvalidLayoutException(
          InvalidLayoutException.Reason.NOT_A_LAYOUT, "no index.json in " + description);
    }
    if (size.getAsLong() > MAX_JSON_SIZE) {
      throw new InvalidLayoutException(
          InvalidLayoutException.Reason.OVERSIZED_JSON,
          "index.json of "
              + description
              + " has "
              + size.getAsLong()
              + " bytes, more than the limit of "
              + MAX_JSON_SIZE);
    }
    Bytes bytes;
    try (InputStream in = storage.open(INDEX_FILE)) {
      bytes = Bytes.readFrom(limited(in, MAX_JSON_SIZE, "index.json"));
    }
    return new RawManifest(bytes, MediaType.OCI_IMAGE_INDEX);
  }

  /** Reads a JSON blob after checking its declared size against the cap; verified. */
  Bytes readJson(Descriptor descriptor, String what) throws IOException {
    if (descriptor.size() > MAX_JSON_SIZE) {
      throw new InvalidLayoutException(
          InvalidLayoutException.Reason.OVERSIZED_JSON,
          what
              + " "
              + descriptor.digest()
              + " in "
              + description
              + " has "
              + descriptor.size()
              + " bytes, more than the limit of "
              + MAX_JSON_SIZE);
    }
    try (InputStream in = openBlob(descriptor)) {
      return Bytes.readFrom(in);
    }
  }

  String description() {
    return description;
  }

  private void checkLayoutFile() throws IOException {
    OptionalLong size = storage.size(LAYOUT_FILE);
    if (size.isEmpty()) {
      throw new InvalidLayoutException(
          InvalidLayoutException.Reason.NOT_A_LAYOUT, "no oci-layout file in " + description);
    }
    String content;
    try (InputStream in = storage.open(LAYOUT_FILE)) {
      content =
          new String(
              limited(in, MAX_LAYOUT_FILE, "oci-layout").readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!content.replaceAll("\\s", "").contains("\"imageLayoutVersion\":\"1.")) {
      throw new InvalidLayoutException(
          InvalidLayoutException.Reason.NOT_A_LAYOUT,
          "oci-layout of " + description + " does not declare imageLayoutVersion 1.x");
    }
  }

  private static InputStream limited(InputStream in, int max, String what) throws IOException {
    byte[] bytes = in.readNBytes(max + 1);
    if (bytes.length > max) {
      throw new InvalidLayoutException(
          InvalidLayoutException.Reason.OVERSIZED_JSON,
          what + " is larger than the limit of " + max + " bytes");
    }
    return new java.io.ByteArrayInputStream(bytes);
  }

  // --- writing -------------------------------------------------------------------------------

  private Descriptor writeImageContent(Image image) throws IOException {
    RawManifest raw = image.rawManifest();
    for (Layer layer : image.layers()) {
      writeBlob(layer.descriptor(), layer::open);
    }
    Descriptor configDescriptor = image.manifest().config();
    Bytes config = image.rawConfig();
    writeBlob(configDescriptor, config::openStream);
    writeBlob(raw.descriptor(), raw.bytes()::openStream);
    Descriptor entry = raw.descriptor();
    try {
      ImageConfig parsed = ManifestCodec.parseConfig(config);
      if (!parsed.os().isEmpty() && !parsed.architecture().isEmpty()) {
        entry = entry.withPlatform(parsed.platform());
      }
    } catch (InvalidManifestException notAnImageConfig) {
      // Artifacts have other configs; their entries simply carry no platform.
    }
    return entry;
  }

  private Descriptor writeIndexContent(ImageIndex index) throws IOException {
    RawManifest raw = index.rawManifest();
    for (Descriptor child : index.manifest().manifests()) {
      if (child.mediaType().isIndex()) {
        writeIndexContent(index.index(child.digest()));
      } else if (child.mediaType().isImageManifest()) {
        writeImageContent(index.image(child.digest()));
      } else {
        throw new IOException(
            "cannot write index entry "
                + child.digest()
                + " of media type "
                + child.mediaType()
                + ": neither an image nor an index");
      }
    }
    writeBlob(raw.descriptor(), raw.bytes()::openStream);
    return raw.descriptor();
  }

  /** The content of a blob being written, opened only when the layout does not hold it yet. */
  @FunctionalInterface
  public interface BlobSource {
    /** Opens the blob's content; the layout reads it to the end and closes it. */
    InputStream open() throws IOException;
  }

  /**
   * Stores one blob: streams it from {@code content} into a temporary file beside its target and
   * moves it into place only once its size and digest are verified, so a failure never leaves a
   * wrong blob under a digest. For writers that fetch blobs themselves, e.g. a parallel pull; safe
   * to call concurrently for different blobs.
   *
   * @return false, without opening {@code content}, when the layout already holds the blob intact
   * @throws IOException when the content cannot be read or does not match {@code descriptor}
   */
  public boolean writeBlob(Descriptor descriptor, BlobSource content) throws IOException {
    Path dir = directory();
    String relative = LayoutPaths.blob(descriptor.digest());
    if (storage.size(relative).isPresent() && isIntact(descriptor)) {
      return false;
    }
    Path target = dir.resolve(relative);
    Files.createDirectories(target.getParent());
    AtomicFiles.write(
        target,
        temp -> {
          try (InputStream in = verified(content.open(), descriptor);
              FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            copy(in, out, descriptor.size());
          }
        });
    return true;
  }

  /**
   * Copies {@code in} to {@code out} to its end through one buffer of up to {@link #COPY_BUFFER}
   * bytes. Large reads let the HTTP client read straight from the socket into the buffer and the
   * file take few large writes: {@link InputStream#transferTo}'s 8 KiB steps cost markedly more CPU
   * per byte (benchmarks/docs/client.md, "Figures the code relies on"), and CPU is what a pull
   * competes for on a small machine. Not fsynced, as skopeo does not: the layout is a cache of
   * content-addressed blobs, each checked again when read.
   */
  private static void copy(InputStream in, FileChannel out, long expectedSize) throws IOException {
    // The expected size only sizes the buffer (small blobs need no 256 KiB); reading goes on to
    // the end either way, so the verifying stream sees a wrong size as a mismatch.
    byte[] buffer = new byte[(int) Math.max(1, Math.min(COPY_BUFFER, expectedSize + 1))];
    ByteBuffer wrapped = ByteBuffer.wrap(buffer);
    for (int n; (n = in.read(buffer)) != -1; ) {
      wrapped.clear().limit(n);
      while (wrapped.hasRemaining()) {
        out.write(wrapped);
      }
    }
  }

  private static InputStream verified(InputStream source, Descriptor descriptor) {
    // A source that already verifies this very digest and size (a registry client's blob stream)
    // is not hashed a second time.
    boolean alreadyVerified =
        source instanceof VerifyingInputStream
            && ((VerifyingInputStream) source).verifies(descriptor.digest(), descriptor.size());
    return alreadyVerified
        ? source
        : VerifyingInputStream.of(source, descriptor.digest(), descriptor.size());
  }

  /** Whether the stored blob matches its descriptor; a damaged one is then overwritten. */
  private boolean isIntact(Descriptor descriptor) throws IOException {
    try (InputStream in = openBlob(descriptor)) {
      in.transferTo(OutputStream.nullOutputStream());
      return true;
    } catch (DigestMismatchException e) {
      return false;
    }
  }

  /**
   * Adds a manifest (or index) whose blobs are already written to {@code index.json}, named {@code
   * refName} when present; an entry of the same name (or the same unnamed digest) is replaced.
   *
   * @return the {@code index.json} entry
   */
  public synchronized Descriptor addToIndex(Descriptor entry, Optional<String> refName)
      throws IOException {
    Path dir = directory();
    IndexManifest index = index();
    List<Descriptor> manifests = new ArrayList<>();
    for (Descriptor d : index.manifests()) {
      String name = d.annotations().get(REF_NAME);
      boolean sameName = refName.isPresent() && refName.get().equals(name);
      boolean sameUnnamed = refName.isEmpty() && name == null && d.digest().equals(entry.digest());
      if (!sameName && !sameUnnamed) {
        manifests.add(d);
      }
    }
    Descriptor named = refName.isPresent() ? entry.withAnnotation(REF_NAME, refName.get()) : entry;
    manifests.add(named);
    writeAtomically(dir, INDEX_FILE, ManifestCodec.encode(index.withManifests(manifests)).bytes());
    return named;
  }

  private Path directory() {
    return storage
        .directory()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "the layout " + description + " is a tar file and read-only"));
  }

  private static void writeAtomically(Path dir, String name, Bytes content) throws IOException {
    AtomicFiles.write(
        dir.resolve(name),
        temp -> {
          try (OutputStream out = Files.newOutputStream(temp)) {
            content.writeTo(out);
          }
        });
  }
}
