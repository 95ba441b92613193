package dev.registrykit.core.archive;

import dev.registrykit.core.build.BuiltLayer;
import dev.registrykit.core.build.LayerBuilder;
import dev.registrykit.core.build.LayerCompression;
import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.digest.DigestMismatchException;
import dev.registrykit.core.digest.DigestingOutputStream;
import dev.registrykit.core.digest.SizedDigest;
import dev.registrykit.core.digest.VerifyingInputStream;
import dev.registrykit.core.image.Image;
import dev.registrykit.core.image.Images;
import dev.registrykit.core.image.Layer;
import dev.registrykit.core.internal.AtomicFiles;
import dev.registrykit.core.internal.LayoutPaths;
import dev.registrykit.core.internal.json.JsonText;
import dev.registrykit.core.internal.json.JsonValue;
import dev.registrykit.core.internal.json.JsonValue.JsonArray;
import dev.registrykit.core.internal.json.JsonValue.JsonNull;
import dev.registrykit.core.internal.json.JsonValue.JsonObject;
import dev.registrykit.core.internal.json.JsonValue.JsonString;
import dev.registrykit.core.internal.tar.TarEntry;
import dev.registrykit.core.internal.tar.TarFileIndex;
import dev.registrykit.core.internal.tar.TarFormatException;
import dev.registrykit.core.internal.tar.TarPaths;
import dev.registrykit.core.internal.tar.TarWriter;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.manifest.ImageConfig;
import dev.registrykit.core.manifest.ImageManifest;
import dev.registrykit.core.manifest.IndexManifest;
import dev.registrykit.core.manifest.InvalidManifestException;
import dev.registrykit.core.manifest.ManifestCodec;
import dev.registrykit.core.manifest.MediaType;
import dev.registrykit.core.manifest.RawManifest;
import dev.registrykit.core.reference.ImageReference;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/**
 * A {@code docker save} archive, read in place: the images listed in its {@code manifest.json},
 * each with its {@code RepoTags}; and {@link #write} to produce one that {@code docker load}
 * accepts.
 *
 * <p>The images are lazy {@link Image}s: configs are read (at most {@link #MAX_JSON_SIZE} bytes)
 * and checked when the archive is opened, layers are streamed from the tar file when opened and
 * verified against their digests. An image keeps the manifest a Docker 25+ archive saved with it in
 * {@code index.json} (so its manifest digest is Docker's); otherwise, as for classic archives, an
 * OCI image manifest is synthesized (see the package documentation for the media type choice) and
 * only the image ID and diff IDs are Docker's.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * DockerArchive archive = DockerArchive.open(Path.of("figlet.tar"));   // docker save figlet > figlet.tar
 * Image figlet = archive.image("figlet:latest");
 * DockerArchive.write(Path.of("out.tar"), TaggedImage.of(figlet, "figlet:latest", "zavy86/figlet:latest"));
 * }</pre>
 */
public final class DockerArchive {
  /** The largest {@code manifest.json} or config accepted, in bytes: {@value}. */
  public static final int MAX_JSON_SIZE = ManifestCodec.MAX_MANIFEST_SIZE;

  /** The most entries an archive may have: a bound on memory for hostile archives. */
  static final int MAX_ENTRIES = 1_000_000;

  private final Path file;
  private final List<TaggedImage> images;

  private DockerArchive(Path file, List<TaggedImage> images) {
    this.file = file;
    this.images = List.copyOf(images);
  }

  /**
   * Opens and checks an archive: every entry name must stay inside the archive, links may only
   * point at regular files inside it, {@code manifest.json} and the configs must be well-formed,
   * within size and present, and each config must list as many diff IDs as its entry lists layers.
   *
   * @throws InvalidArchiveException when the archive is malformed, unsafe or incomplete
   * @throws DigestMismatchException when a config's content does not match the digest its name
   *     states
   * @throws IOException when the file cannot be read
   */
  public static DockerArchive open(Path file) throws IOException {
    Objects.requireNonNull(file, "file");
    TarFileIndex index;
    try {
      index = TarFileIndex.of(file, MAX_ENTRIES);
    } catch (TarFormatException e) {
      throw new InvalidArchiveException(
          InvalidArchiveException.Reason.MALFORMED,
          "not a valid tar file: " + file + ": " + e.getMessage());
    }
    Map<String, TarFileIndex.Entry> files = files(index);
    TarFileIndex.Entry manifestEntry = files.get("manifest.json");
    if (manifestEntry == null) {
      throw new InvalidArchiveException(
          InvalidArchiveException.Reason.MISSING_FILE,
          "no manifest.json in " + file + " (not a docker save archive)");
    }
    JsonValue manifest =
        parseJson(readJson(index, manifestEntry, "manifest.json"), "manifest.json");
    if (!(manifest instanceof JsonArray entries)) {
      throw malformed("manifest.json of " + file + " is not a JSON array");
    }
    Map<Digest, RawManifest> originals = originalManifests(index, files);
    List<TaggedImage> images = new ArrayList<>();
    for (JsonValue entry : entries.elements()) {
      images.add(readImage(index, files, entry, originals));
    }
    return new DockerArchive(file, images);
  }

  /** The images in {@code manifest.json} order, each with its tags. */
  public List<TaggedImage> images() {
    return images;
  }

  /**
   * The only image in the archive.
   *
   * @throws InvalidArchiveException with {@link InvalidArchiveException.Reason#NOT_FOUND} when the
   *     archive holds none or several
   */
  public Image image() throws InvalidArchiveException {
    if (images.size() != 1) {
      throw new InvalidArchiveException(
          InvalidArchiveException.Reason.NOT_FOUND,
          file + " holds " + images.size() + " images; name one by its tag");
    }
    return images.get(0).image();
  }

  /**
   * The image tagged {@code repoTag}, compared after Docker normalization ({@code figlet}, {@code
   * figlet:latest} and {@code docker.io/library/figlet:latest} are the same tag).
   *
   * @throws InvalidArchiveException with {@link InvalidArchiveException.Reason#NOT_FOUND} when no
   *     image has that tag
   */
  public Image image(String repoTag) throws InvalidArchiveException {
    Optional<ImageReference> wanted =
        ImageReference.tryParse(repoTag).map(ImageReference::withDefaultTag);
    for (TaggedImage tagged : images) {
      for (String tag : tagged.repoTags()) {
        if (tag.equals(repoTag)
            || (wanted.isPresent()
                && ImageReference.tryParse(tag)
                    .map(ImageReference::withDefaultTag)
                    .equals(wanted))) {
          return tagged.image();
        }
      }
    }
    throw new InvalidArchiveException(
        InvalidArchiveException.Reason.NOT_FOUND, "no image tagged \"" + repoTag + "\" in " + file);
  }

  /**
   * Writes {@code images} as a {@code docker load}-able archive (also an OCI image layout), through
   * a temporary file moved into place, so {@code file} is either complete or untouched. Blobs
   * shared by several images are stored once. The output is deterministic.
   *
   * <p>Every layer is stored as {@code docker save} stores it, an uncompressed tar named by its
   * diff ID, so that any {@code docker load} or {@code podman load} reads it: gzip and zstd layers
   * are decompressed on the way (through a temporary file beside {@code file}, one layer at a time)
   * and checked against the diff IDs of the image config. An image with compressed layers is
   * therefore saved under an OCI manifest listing the uncompressed layers (its image ID, the config
   * digest, does not change; its manifest digest does, as with {@code docker save}).
   *
   * @throws IllegalArgumentException when a tag is not a valid reference or carries a digest
   * @throws dev.registrykit.core.compress.MissingCodecException when a layer is zstd and zstd-jni
   *     is missing
   * @return the digest and size of the archive file as written
   * @throws IOException when an image's content cannot be read or does not match its digests
   */
  public static SizedDigest write(Path file, List<TaggedImage> images) throws IOException {
    Objects.requireNonNull(file, "file");
    SizedDigest[] written = new SizedDigest[1];
    AtomicFiles.write(
        file,
        temp -> {
          DigestingOutputStream archive = DigestingOutputStream.sha256(Files.newOutputStream(temp));
          try (TarWriter tar = new TarWriter(new BufferedOutputStream(archive, 64 * 1024))) {
            writeArchive(
                tar, images, Objects.requireNonNull(temp.toAbsolutePath().getParent(), "temp dir"));
          }
          written[0] = archive.result();
        });
    return written[0];
  }

  /** Writes one image with {@code repoTags}; see {@link #write(Path, List)}. */
  public static SizedDigest write(Path file, TaggedImage... images) throws IOException {
    return write(file, List.of(images));
  }

  @Override
  public String toString() {
    return "DockerArchive[" + file + ", " + images.size() + " images]";
  }

  // --- reading -------------------------------------------------------------------------------

  /**
   * The regular files of the archive by normalized name. Links are resolved inside the archive, by
   * name only (nothing is ever extracted): {@code docker save} and {@code skopeo} write {@code
   * <id>/layer.tar} as a symbolic link to a shared layer file. A link whose target is absolute,
   * leaves the archive, is missing or is itself a link is rejected.
   */
  private static Map<String, TarFileIndex.Entry> files(TarFileIndex index)
      throws InvalidArchiveException {
    Map<String, TarFileIndex.Entry> files = new HashMap<>();
    Map<String, String> links = new TreeMap<>();
    for (TarFileIndex.Entry entry : index.entries()) {
      TarEntry header = entry.header();
      Optional<String> name =
          TarPaths.entryName(
              header,
              n ->
                  new InvalidArchiveException(
                      InvalidArchiveException.Reason.UNSAFE_PATH,
                      "archive entry escapes the archive: \"" + n + "\""));
      if (name.isEmpty()) {
        continue; // "./" itself
      }
      if (header.type() == TarEntry.Type.OTHER) {
        throw new InvalidArchiveException(
            InvalidArchiveException.Reason.LINK,
            "archive entry \"" + header.name() + "\" is a device or special file");
      }
      if (header.type() == TarEntry.Type.SYMLINK || header.type() == TarEntry.Type.HARDLINK) {
        String target =
            header.type() == TarEntry.Type.HARDLINK
                ? header.linkName()
                : parent(name.get()) + header.linkName();
        if (header.linkName().startsWith("/")
            || links.put(name.get(), target) != null
            || files.containsKey(name.get())) {
          throw new InvalidArchiveException(
              InvalidArchiveException.Reason.LINK,
              "archive entry \""
                  + header.name()
                  + "\" links to \""
                  + header.linkName()
                  + "\", outside the archive or twice");
        }
      } else if (header.type() == TarEntry.Type.FILE
          && (files.put(name.get(), entry) != null || links.containsKey(name.get()))) {
        throw malformed("archive has two entries named \"" + name.get() + "\"");
      }
    }
    for (Map.Entry<String, String> link : links.entrySet()) {
      Optional<String> target = collapse(link.getValue());
      TarFileIndex.Entry resolved = target.isPresent() ? files.get(target.get()) : null;
      if (resolved == null) {
        throw new InvalidArchiveException(
            InvalidArchiveException.Reason.LINK,
            "archive entry \""
                + link.getKey()
                + "\" links outside the archive or to no regular file: \""
                + link.getValue()
                + "\"");
      }
      files.put(link.getKey(), resolved);
    }
    return files;
  }

  private static String parent(String name) {
    int slash = name.lastIndexOf('/');
    return slash < 0 ? "" : name.substring(0, slash + 1);
  }

  /** Resolves {@code .} and {@code ..} lexically; empty when the path climbs above the root. */
  private static Optional<String> collapse(String path) {
    List<String> segments = new ArrayList<>();
    for (String segment : path.split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        if (segments.isEmpty()) {
          return Optional.empty();
        }
        segments.remove(segments.size() - 1);
      } else {
        segments.add(segment);
      }
    }
    return TarPaths.safeRelative(String.join("/", segments));
  }

  /**
   * The image manifests a Docker 25+ archive carries in its {@code index.json}, by config digest,
   * so that its images keep their original manifest digests. Absent or unusable entries are
   * skipped: {@code manifest.json} stays authoritative. A manifest blob that does not match its
   * digest fails.
   */
  private static Map<Digest, RawManifest> originalManifests(
      TarFileIndex index, Map<String, TarFileIndex.Entry> files) throws IOException {
    Map<Digest, RawManifest> originals = new HashMap<>();
    TarFileIndex.Entry indexEntry = files.get("index.json");
    if (indexEntry == null) {
      return originals;
    }
    IndexManifest ociIndex;
    try {
      ociIndex =
          ManifestCodec.parseIndex(
              new RawManifest(
                  readJson(index, indexEntry, "index.json"), MediaType.OCI_IMAGE_INDEX));
    } catch (InvalidManifestException notAnIndex) {
      return originals;
    }
    for (Descriptor d : ociIndex.manifests()) {
      TarFileIndex.Entry blob = files.get(LayoutPaths.blob(d.digest()));
      if (!d.mediaType().isImageManifest() || blob == null || d.size() > MAX_JSON_SIZE) {
        continue;
      }
      Bytes bytes;
      try (InputStream in = VerifyingInputStream.of(index.open(blob), d.digest(), d.size())) {
        bytes = Bytes.readFrom(in);
      }
      try {
        RawManifest raw = new RawManifest(bytes, d.mediaType());
        originals.putIfAbsent(ManifestCodec.parseImageManifest(raw).config().digest(), raw);
      } catch (InvalidManifestException notAnImageManifest) {
        // manifest.json describes the image anyway
      }
    }
    return originals;
  }

  private static TaggedImage readImage(
      TarFileIndex index,
      Map<String, TarFileIndex.Entry> files,
      JsonValue value,
      Map<Digest, RawManifest> originals)
      throws IOException {
    if (!(value instanceof JsonObject entry)) {
      throw malformed("manifest.json entry is not an object");
    }
    String configPath = path(entry.get("Config"), "Config");
    Bytes config = readJson(index, file(files, configPath), configPath);
    Digest configDigest = config.sha256();
    Optional<Digest> named = digestInName(configPath);
    if (named.isPresent() && !named.get().equals(configDigest)) {
      throw new DigestMismatchException(named.get(), Optional.of(configDigest), -1, config.size());
    }
    ImageConfig parsedConfig;
    try {
      parsedConfig = ManifestCodec.parseConfig(config);
    } catch (InvalidManifestException e) {
      throw malformed("config " + configPath + " is not an image config: " + e.getMessage());
    }
    if (!(entry.get("Layers") instanceof JsonArray layersArray)) {
      throw malformed("manifest.json entry for " + configPath + " has no Layers array");
    }
    List<JsonValue> layersNode = layersArray.elements();
    List<String> layerPaths = new ArrayList<>();
    for (int i = 0; i < layersNode.size(); i++) {
      layerPaths.add(path(layersNode.get(i), "Layers[" + i + "]"));
    }
    List<Digest> diffIds = parsedConfig.rootfs().diffIds();
    if (diffIds.size() != layersNode.size()) {
      throw malformed(
          "config "
              + configPath
              + " lists "
              + diffIds.size()
              + " diff IDs but manifest.json lists "
              + layersNode.size()
              + " layers");
    }
    List<ArchiveLayer> layers = new ArrayList<>();
    List<Descriptor> layerDescriptors = new ArrayList<>();
    for (int i = 0; i < diffIds.size(); i++) {
      String layerPath = layerPaths.get(i);
      ArchiveLayer layer =
          ArchiveLayer.of(index, file(files, layerPath), layerPath, diffIds.get(i));
      layers.add(layer);
      layerDescriptors.add(layer.descriptor());
    }
    List<String> repoTags = new ArrayList<>();
    JsonValue tags = entry.get("RepoTags");
    if (tags != null && tags != JsonNull.NULL) {
      if (!(tags instanceof JsonArray tagArray)) {
        throw malformed("RepoTags of " + configPath + " is not an array");
      }
      for (JsonValue tag : tagArray.elements()) {
        if (!(tag instanceof JsonString name)) {
          throw malformed("RepoTags of " + configPath + " holds a non-string");
        }
        repoTags.add(name.value());
      }
    }
    Optional<Image> original = withOriginalManifest(originals.get(configDigest), config, layers);
    if (original.isPresent()) {
      return new TaggedImage(original.get(), repoTags);
    }
    RawManifest manifest =
        ManifestCodec.encode(
            ImageManifest.oci(Descriptor.of(MediaType.OCI_CONFIG, config), layerDescriptors));
    return new TaggedImage(Images.of(manifest, config, List.copyOf(layers)), repoTags);
  }

  /** The image under its saved manifest, when that manifest lists exactly these layers. */
  private static Optional<Image> withOriginalManifest(
      @Nullable RawManifest raw, Bytes config, List<ArchiveLayer> layers) throws IOException {
    if (raw == null) {
      return Optional.empty();
    }
    ImageManifest manifest = ManifestCodec.parseImageManifest(raw);
    if (manifest.layers().size() != layers.size()) {
      return Optional.empty();
    }
    List<Layer> described = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      Optional<ArchiveLayer> layer = layers.get(i).describedBy(manifest.layers().get(i));
      if (layer.isEmpty()) {
        return Optional.empty();
      }
      described.add(layer.get());
    }
    return Optional.of(Images.of(raw, config, described));
  }

  private static String path(@Nullable JsonValue node, String field)
      throws InvalidArchiveException {
    if (!(node instanceof JsonString string)) {
      throw malformed("manifest.json field " + field + " is missing or not a string");
    }
    String value = string.value();
    return TarPaths.safeRelative(value)
        .orElseThrow(
            () ->
                new InvalidArchiveException(
                    InvalidArchiveException.Reason.UNSAFE_PATH,
                    "manifest.json field " + field + " escapes the archive: \"" + value + "\""));
  }

  private static TarFileIndex.Entry file(Map<String, TarFileIndex.Entry> files, String path)
      throws InvalidArchiveException {
    TarFileIndex.Entry entry = files.get(path);
    if (entry == null) {
      throw new InvalidArchiveException(
          InvalidArchiveException.Reason.MISSING_FILE,
          "manifest.json names \"" + path + "\", which the archive lacks");
    }
    return entry;
  }

  /** The digest a path states: {@code blobs/<alg>/<hex>} or {@code <hex>.json}. */
  static Optional<Digest> digestInName(String path) {
    String[] parts = path.split("/");
    if (parts.length == 3 && parts[0].equals("blobs")) {
      return Digest.tryParse(parts[1] + ":" + parts[2]);
    }
    if (parts.length == 1 && parts[0].endsWith(".json")) {
      return Digest.tryParse(
          "sha256:" + parts[0].substring(0, parts[0].length() - ".json".length()));
    }
    return Optional.empty();
  }

  private static Bytes readJson(TarFileIndex index, TarFileIndex.Entry entry, String what)
      throws IOException {
    if (entry.header().size() > MAX_JSON_SIZE) {
      throw new InvalidArchiveException(
          InvalidArchiveException.Reason.OVERSIZED_JSON,
          what
              + " has "
              + entry.header().size()
              + " bytes, more than the limit of "
              + MAX_JSON_SIZE);
    }
    try (InputStream in = index.open(entry)) {
      return Bytes.readFrom(in);
    }
  }

  private static JsonValue parseJson(Bytes bytes, String what) throws InvalidArchiveException {
    if (bytes.size() == 0) {
      throw malformed(what + " is empty");
    }
    try {
      return JsonText.parse(bytes.toByteArray());
    } catch (JacksonException e) {
      throw malformed(what + " is not valid JSON: " + e.getOriginalMessage());
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw malformed(what + " has an unrepresentable number: " + e.getMessage());
    }
  }

  private static InvalidArchiveException malformed(String message) {
    return new InvalidArchiveException(InvalidArchiveException.Reason.MALFORMED, message);
  }

  // --- writing -------------------------------------------------------------------------------

  private static void writeArchive(TarWriter tar, List<TaggedImage> images, Path scratch)
      throws IOException {
    Set<Digest> written = new HashSet<>();
    Map<Digest, Descriptor> storedAs = new HashMap<>();
    writeBytes(tar, "oci-layout", Bytes.ofUtf8("{\"imageLayoutVersion\":\"1.0.0\"}"));
    List<Descriptor> indexEntries = new ArrayList<>();
    List<JsonValue> manifestJson = new ArrayList<>();
    Map<String, Map<String, String>> repositories = new TreeMap<>();
    for (TaggedImage tagged : images) {
      Image image = tagged.image();
      ImageManifest manifest = image.manifest();
      List<Digest> diffIds = image.config().rootfs().diffIds();
      List<JsonValue> repoTags = new ArrayList<>();
      List<JsonValue> layerNames = new ArrayList<>();
      List<Descriptor> stored = new ArrayList<>();
      for (int i = 0; i < image.layers().size(); i++) {
        Descriptor d =
            writeLayer(tar, image.layers().get(i), diffIds.get(i), written, storedAs, scratch);
        stored.add(d);
        layerNames.add(new JsonString(LayoutPaths.blob(d.digest())));
      }
      if (written.add(manifest.config().digest())) {
        writeBlob(tar, manifest.config(), image.rawConfig().openStream());
      }
      RawManifest raw =
          stored.equals(manifest.layers())
              ? image.rawManifest()
              : ManifestCodec.encode(
                  ImageManifest.oci(manifest.config().withMediaType(MediaType.OCI_CONFIG), stored));
      if (written.add(raw.digest())) {
        writeBlob(tar, raw.descriptor(), raw.bytes().openStream());
      }
      if (tagged.repoTags().isEmpty()) {
        indexEntries.add(raw.descriptor());
      }
      for (String tag : tagged.repoTags()) {
        ImageReference reference = ImageReference.parse(tag).withDefaultTag();
        if (reference.digest().isPresent()) {
          throw new IllegalArgumentException("a docker save tag cannot carry a digest: " + tag);
        }
        String tagName = reference.tag().orElseThrow().toString();
        repoTags.add(new JsonString(reference.familiar()));
        repositories
            .computeIfAbsent(reference.withoutTag().familiar(), k -> new TreeMap<>())
            .put(tagName, manifest.config().digest().hex());
        // The annotations Docker 25+ writes, so containerd-based loaders name the image too.
        indexEntries.add(
            raw.descriptor()
                .withAnnotation("io.containerd.image.name", reference.toString())
                .withAnnotation("org.opencontainers.image.ref.name", tagName));
      }
      Map<String, JsonValue> entry = new LinkedHashMap<>();
      entry.put("Config", new JsonString(LayoutPaths.blob(manifest.config().digest())));
      entry.put("RepoTags", new JsonArray(repoTags));
      entry.put("Layers", new JsonArray(layerNames));
      manifestJson.add(new JsonObject(entry));
    }
    writeBytes(tar, "index.json", ManifestCodec.encode(IndexManifest.oci(indexEntries)).bytes());
    writeBytes(tar, "manifest.json", Bytes.of(JsonText.compactBytes(new JsonArray(manifestJson))));
    Map<String, JsonValue> repositoriesJson = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, String>> repository : repositories.entrySet()) {
      Map<String, JsonValue> tags = new LinkedHashMap<>();
      repository.getValue().forEach((tag, id) -> tags.put(tag, new JsonString(id)));
      repositoriesJson.put(repository.getKey(), new JsonObject(tags));
    }
    writeBytes(
        tar, "repositories", Bytes.of(JsonText.compactBytes(new JsonObject(repositoriesJson))));
  }

  /**
   * Stores {@code layer} uncompressed under its diff ID (once per archive) and returns the
   * descriptor of what was stored: the layer's own for an uncompressed one, else an OCI tar layer
   * ({@code storedAs} remembers those by compressed digest, so a shared layer is decompressed
   * once).
   */
  private static Descriptor writeLayer(
      TarWriter tar,
      Layer layer,
      Digest diffId,
      Set<Digest> written,
      Map<Digest, Descriptor> storedAs,
      Path scratch)
      throws IOException {
    Descriptor d = layer.descriptor();
    if (!d.mediaType().isGzip() && !d.mediaType().isZstd()) {
      if (written.add(d.digest())) {
        writeBlob(tar, d, layer.open());
      }
      return d;
    }
    Descriptor known = storedAs.get(d.digest());
    if (known != null) {
      return known;
    }
    Path temp = Files.createTempFile(scratch, ".layer-", ".tar");
    try {
      BuiltLayer tarLayer = LayerBuilder.recompress(layer, LayerCompression.NONE, temp);
      checkDiffId(tarLayer, diffId);
      Descriptor uncompressed = Descriptor.of(MediaType.OCI_LAYER, diffId, tarLayer.size());
      if (written.add(diffId)) {
        // Not verified again: the scratch file's digest was just computed from the bytes written
        // into it (that is its diff ID, checked above), and nothing else writes there.
        try (InputStream in = Files.newInputStream(temp)) {
          tar.writeEntry(TarEntry.file(LayoutPaths.blob(diffId), tarLayer.size(), 0644, 0), in);
        }
      }
      storedAs.put(d.digest(), uncompressed);
      return uncompressed;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void checkDiffId(BuiltLayer tarLayer, Digest diffId)
      throws DigestMismatchException {
    if (!tarLayer.diffId().equals(diffId)) {
      throw new DigestMismatchException(
          diffId, Optional.of(tarLayer.diffId()), -1, tarLayer.size());
    }
  }

  private static void writeBlob(TarWriter tar, Descriptor descriptor, InputStream content)
      throws IOException {
    try (InputStream in =
        VerifyingInputStream.of(content, descriptor.digest(), descriptor.size())) {
      tar.writeEntry(
          TarEntry.file(LayoutPaths.blob(descriptor.digest()), descriptor.size(), 0644, 0), in);
      // Reaching the end is what makes the verifying stream check the digest; an extra byte fails
      // its size check.
      in.read();
    }
  }

  private static void writeBytes(TarWriter tar, String name, Bytes content) throws IOException {
    tar.writeEntry(
        TarEntry.file(name, content.size(), 0644, 0),
        new ByteArrayInputStream(content.toByteArray()));
  }
}
