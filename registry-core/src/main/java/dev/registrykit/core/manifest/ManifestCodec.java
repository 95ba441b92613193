package dev.registrykit.core.manifest;

import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.internal.json.JsonText;
import dev.registrykit.core.manifest.InvalidManifestException.Reason;
import dev.registrykit.core.manifest.JsonSupport.ObjectReader;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JsonGenerator;

/**
 * Reads and writes manifests and image configs.
 *
 * <p><b>Parsing</b> dispatches on the media type: the {@code Content-Type} of the {@link
 * RawManifest}, or, when that is missing or generic ({@code application/json}), the document's
 * {@code mediaType} field, or else its structure ({@code manifests} → index, {@code config} → image
 * manifest). A {@code mediaType} field that contradicts a specific {@code Content-Type} is
 * rejected, as the distribution spec asks of clients. Unknown members are kept in {@link
 * UnknownFields}; unknown media types are kept as they are. Everything wrong is an {@link
 * InvalidManifestException} naming the JSON path; nothing else escapes.
 *
 * <p><b>Encoding</b> is deterministic, compact JSON (no whitespace), with members in the order Go's
 * {@code encoding/json} writes the structs of {@code opencontainers/image-spec/specs-go} (and, for
 * Docker media types, of {@code distribution/distribution}: descriptors as {@code mediaType, size,
 * digest}), the order most registries' and tools' bytes have, maps sorted by key, empty optional
 * members omitted, and unknown members appended after the known ones of the same object. Encoding a
 * parsed value gives equal content, not necessarily equal bytes; that is why {@link RawManifest}
 * keeps the bytes.
 *
 * <p>Stateless and thread-safe.
 *
 * @see <a
 *     href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pulling-manifests">distribution-spec,
 *     pulling manifests</a>
 */
public final class ManifestCodec {
  /** Manifests larger than this (4 MiB, the limit registries apply) are rejected. */
  public static final int MAX_MANIFEST_SIZE = 4 * 1024 * 1024;

  private static final Set<MediaType> GENERIC =
      Set.of(
          MediaType.APPLICATION_JSON,
          MediaType.OCTET_STREAM,
          MediaType.of("text/plain"),
          MediaType.of("binary/octet-stream"));

  private static final Set<String> IMAGE_MANIFEST_FIELDS =
      Set.of(
          "schemaVersion",
          "mediaType",
          "artifactType",
          "config",
          "layers",
          "subject",
          "annotations");
  private static final Set<String> INDEX_FIELDS =
      Set.of("schemaVersion", "mediaType", "artifactType", "manifests", "subject", "annotations");
  private static final Set<String> DESCRIPTOR_FIELDS =
      Set.of(
          "mediaType", "digest", "size", "urls", "annotations", "data", "platform", "artifactType");
  private static final Set<String> PLATFORM_FIELDS =
      Set.of("architecture", "os", "os.version", "os.features", "variant");
  private static final Set<String> IMAGE_CONFIG_FIELDS =
      Set.of(
          "created",
          "author",
          "architecture",
          "os",
          "os.version",
          "os.features",
          "variant",
          "config",
          "rootfs",
          "history");
  private static final Set<String> CONTAINER_CONFIG_FIELDS =
      Set.of(
          "User",
          "ExposedPorts",
          "Env",
          "Entrypoint",
          "Cmd",
          "Volumes",
          "WorkingDir",
          "Labels",
          "StopSignal");
  private static final Set<String> ROOTFS_FIELDS = Set.of("type", "diff_ids");
  private static final Set<String> HISTORY_FIELDS =
      Set.of("created", "created_by", "author", "comment", "empty_layer");

  private ManifestCodec() {}

  // ---------------------------------------------------------------- parsing

  /**
   * Parses a manifest of any kind.
   *
   * @throws InvalidManifestException when the manifest is too large, not JSON, or invalid
   */
  public static Manifest parse(RawManifest raw) throws InvalidManifestException {
    try {
      return readManifest(raw);
    } catch (ManifestProblem p) {
      throw p.checked();
    }
  }

  private static Manifest readManifest(RawManifest raw) {
    Bytes bytes = raw.bytes();
    checkSize(bytes);
    ObjectReader root = ObjectReader.of(JsonSupport.readTree(bytes, "manifest"), "$");
    Optional<MediaType> field = root.optionalMediaType("mediaType");
    MediaType contentType = raw.mediaType();
    boolean generic = isGeneric(contentType);
    if (!generic && field.isPresent() && !field.get().equals(contentType)) {
      throw new ManifestProblem(
          Reason.MEDIA_TYPE_MISMATCH,
          "$.mediaType",
          "is " + field.get() + " but the content type is " + contentType);
    }
    MediaType declared = generic ? field.orElse(null) : contentType;
    boolean index;
    if (declared != null && declared.isIndex()) {
      index = true;
    } else if (declared != null && declared.isImageManifest()) {
      index = false;
    } else if (root.has("manifests")) {
      index = true;
    } else if (root.has("config")) {
      index = false;
    } else {
      throw new ManifestProblem(
          Reason.UNKNOWN_KIND,
          null,
          "cannot tell the manifest kind: media type "
              + (declared == null ? "absent" : declared)
              + " and neither \"manifests\" nor \"config\" is present");
    }
    if (declared != null && declared.isDocker() && field.isEmpty()) {
      // Docker's schema 2 documents always carry mediaType (manifest-v2-2.md); without it the
      // parsed value could not say which format it is.
      throw new ManifestProblem(Reason.MISSING_FIELD, "$.mediaType", "required for " + declared);
    }
    long schemaVersion = root.requiredLong("schemaVersion");
    if (schemaVersion != 2) {
      throw new ManifestProblem(
          Reason.UNSUPPORTED_SCHEMA_VERSION,
          "$.schemaVersion",
          "must be 2, found " + schemaVersion);
    }
    Optional<String> artifactType = root.optionalString("artifactType");
    if (index) {
      List<Descriptor> manifests =
          root.requiredObjectList("manifests").stream().map(ManifestCodec::readDescriptor).toList();
      Optional<Descriptor> subject =
          root.optionalObject("subject").map(ManifestCodec::readDescriptor);
      Map<String, String> annotations = root.stringMap("annotations");
      return build(
          root,
          () ->
              new IndexManifest(
                  2, field, artifactType, manifests, subject, annotations, root.unknownFields()));
    }
    Descriptor config = readDescriptor(root.requiredObject("config"));
    List<Descriptor> layers =
        root.requiredObjectList("layers").stream().map(ManifestCodec::readDescriptor).toList();
    Optional<Descriptor> subject =
        root.optionalObject("subject").map(ManifestCodec::readDescriptor);
    Map<String, String> annotations = root.stringMap("annotations");
    return build(
        root,
        () ->
            new ImageManifest(
                2,
                field,
                artifactType,
                config,
                layers,
                subject,
                annotations,
                root.unknownFields()));
  }

  /**
   * Parses a manifest that must be an image manifest (OCI or Docker v2 schema 2).
   *
   * @throws InvalidManifestException when it is invalid or an index
   */
  public static ImageManifest parseImageManifest(RawManifest raw) throws InvalidManifestException {
    try {
      return readImageManifest(raw);
    } catch (ManifestProblem p) {
      throw p.checked();
    }
  }

  private static ImageManifest readImageManifest(RawManifest raw) {
    Manifest m = readManifest(raw);
    if (!(m instanceof ImageManifest)) {
      throw new ManifestProblem(
          Reason.WRONG_KIND, null, "expected an image manifest, found an index");
    }
    return (ImageManifest) m;
  }

  /**
   * Parses a manifest that must be an index (OCI index or Docker manifest list).
   *
   * @throws InvalidManifestException when it is invalid or an image manifest
   */
  public static IndexManifest parseIndex(RawManifest raw) throws InvalidManifestException {
    try {
      return readIndex(raw);
    } catch (ManifestProblem p) {
      throw p.checked();
    }
  }

  private static IndexManifest readIndex(RawManifest raw) {
    Manifest m = readManifest(raw);
    if (!(m instanceof IndexManifest)) {
      throw new ManifestProblem(
          Reason.WRONG_KIND, null, "expected an index, found an image manifest");
    }
    return (IndexManifest) m;
  }

  /**
   * The media type of manifest bytes that arrived without a usable {@code Content-Type}: the {@code
   * mediaType} field, else {@link MediaType#OCI_IMAGE_INDEX} when there is a {@code manifests}
   * member, else {@link MediaType#OCI_IMAGE_MANIFEST} when there is a {@code config} member.
   *
   * @throws InvalidManifestException when the bytes are too large, not a JSON object, or none of
   *     these apply
   */
  public static MediaType detectMediaType(Bytes bytes) throws InvalidManifestException {
    try {
      return readMediaType(bytes);
    } catch (ManifestProblem p) {
      throw p.checked();
    }
  }

  private static MediaType readMediaType(Bytes bytes) {
    checkSize(bytes);
    ObjectReader root = ObjectReader.of(JsonSupport.readTree(bytes, "manifest"), "$");
    Optional<MediaType> field = root.optionalMediaType("mediaType");
    if (field.isPresent()) {
      return field.get();
    }
    if (root.has("manifests")) {
      return MediaType.OCI_IMAGE_INDEX;
    }
    if (root.has("config")) {
      return MediaType.OCI_IMAGE_MANIFEST;
    }
    throw new ManifestProblem(
        Reason.UNKNOWN_KIND,
        null,
        "no mediaType field and neither \"manifests\" nor \"config\" is present");
  }

  /**
   * Whether {@code type} says nothing about the manifest kind ({@code application/json} and the
   * like).
   */
  public static boolean isGeneric(MediaType type) {
    return GENERIC.contains(type);
  }

  /**
   * Parses an image config (OCI or Docker).
   *
   * @throws InvalidManifestException when it is not JSON or lacks {@code architecture}, {@code os}
   *     or {@code rootfs}
   */
  public static ImageConfig parseConfig(Bytes bytes) throws InvalidManifestException {
    try {
      return readConfig(bytes);
    } catch (ManifestProblem p) {
      throw p.checked();
    }
  }

  private static ImageConfig readConfig(Bytes bytes) {
    ObjectReader root = ObjectReader.of(JsonSupport.readTree(bytes, "image config"), "$");
    Optional<String> created = root.optionalString("created");
    Optional<String> author = root.optionalString("author");
    String architecture = root.requiredString("architecture");
    String os = root.requiredString("os");
    Optional<String> osVersion = root.optionalString("os.version");
    List<String> osFeatures = root.stringList("os.features");
    Optional<String> variant = root.optionalString("variant");
    ContainerConfig config =
        root.optionalObject("config")
            .map(ManifestCodec::readContainerConfig)
            .orElse(ContainerConfig.EMPTY);
    ObjectReader rootfsReader = root.requiredObject("rootfs");
    String type = rootfsReader.requiredString("type");
    List<Digest> diffIds = rootfsReader.digestList("diff_ids");
    RootFs rootfs = new RootFs(type, diffIds, rootfsReader.unknownFields());
    List<History> history =
        root.optionalObjectList("history").stream().map(ManifestCodec::readHistory).toList();
    return build(
        root,
        () ->
            new ImageConfig(
                architecture,
                os,
                variant,
                osVersion,
                osFeatures,
                created,
                author,
                config,
                rootfs,
                history,
                root.unknownFields()));
  }

  private static void checkSize(Bytes bytes) {
    if (bytes.size() > MAX_MANIFEST_SIZE) {
      throw new ManifestProblem(
          Reason.TOO_LARGE,
          null,
          "manifest is " + bytes.size() + " bytes, larger than the limit of " + MAX_MANIFEST_SIZE);
    }
  }

  private static Descriptor readDescriptor(ObjectReader r) {
    MediaType mediaType = r.requiredMediaType("mediaType");
    Digest digest = r.requiredDigest("digest");
    long size = r.requiredLong("size");
    if (size < 0) {
      throw JsonSupport.invalid(r.pathOf("size"), "must not be negative, found " + size);
    }
    List<String> urls = r.stringList("urls");
    Map<String, String> annotations = r.stringMap("annotations");
    Optional<Bytes> data = r.optionalString("data").map(s -> decodeBase64(s, r.pathOf("data")));
    Optional<Platform> platform = r.optionalObject("platform").map(ManifestCodec::readPlatform);
    Optional<String> artifactType = r.optionalString("artifactType");
    return build(
        r,
        () ->
            new Descriptor(
                mediaType,
                digest,
                size,
                urls,
                annotations,
                platform,
                artifactType,
                data,
                r.unknownFields()));
  }

  private static Platform readPlatform(ObjectReader r) {
    String architecture = r.requiredString("architecture");
    String os = r.requiredString("os");
    Optional<String> osVersion = r.optionalString("os.version");
    List<String> osFeatures = r.stringList("os.features");
    Optional<String> variant = r.optionalString("variant");
    return build(
        r, () -> new Platform(os, architecture, variant, osVersion, osFeatures, r.unknownFields()));
  }

  private static ContainerConfig readContainerConfig(ObjectReader r) {
    Optional<String> user = r.optionalString("User");
    Set<String> exposedPorts = r.keySet("ExposedPorts");
    List<String> env = r.stringList("Env");
    Optional<List<String>> entrypoint = r.optionalStringList("Entrypoint");
    Optional<List<String>> cmd = r.optionalStringList("Cmd");
    Set<String> volumes = r.keySet("Volumes");
    Optional<String> workingDir = r.optionalString("WorkingDir");
    Map<String, String> labels = r.stringMap("Labels");
    Optional<String> stopSignal = r.optionalString("StopSignal");
    return build(
        r,
        () ->
            new ContainerConfig(
                user,
                exposedPorts,
                env,
                entrypoint,
                cmd,
                volumes,
                workingDir,
                labels,
                stopSignal,
                r.unknownFields()));
  }

  private static History readHistory(ObjectReader r) {
    Optional<String> created = r.optionalString("created");
    Optional<String> createdBy = r.optionalString("created_by");
    Optional<String> author = r.optionalString("author");
    Optional<String> comment = r.optionalString("comment");
    boolean emptyLayer = r.optionalBoolean("empty_layer");
    return build(
        r, () -> new History(created, createdBy, author, comment, emptyLayer, r.unknownFields()));
  }

  private static Bytes decodeBase64(String s, String path) {
    try {
      return Bytes.of(Base64.getDecoder().decode(s));
    } catch (IllegalArgumentException e) {
      throw JsonSupport.invalid(path, "is not valid base64: " + e.getMessage());
    }
  }

  /** Runs a record constructor, turning its validation failures into errors at {@code r}'s path. */
  private static <T> T build(ObjectReader r, java.util.function.Supplier<T> constructor) {
    try {
      return constructor.get();
    } catch (ManifestProblem e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw JsonSupport.invalid(r.path(), String.valueOf(e.getMessage()));
    }
  }

  // ---------------------------------------------------------------- encoding

  /**
   * Encodes a manifest as compact, deterministic JSON; the media type of the result is {@link
   * Manifest#effectiveMediaType()}.
   *
   * @throws IllegalArgumentException when an unknown member has the name of a known one
   */
  public static RawManifest encode(Manifest manifest) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator g = JsonText.generator(out)) {
      // Field order as the specs' examples (and Go's tools) write it: the common head, the
      // kind-specific descriptors, then the common tail.
      boolean docker = manifest.effectiveMediaType().isDocker();
      g.writeStartObject();
      g.writeNumberProperty("schemaVersion", manifest.schemaVersion());
      writeOptional(g, "mediaType", manifest.mediaType().map(MediaType::value));
      writeOptional(g, "artifactType", manifest.artifactType());
      Set<String> knownFields;
      if (manifest instanceof ImageManifest) {
        ImageManifest m = (ImageManifest) manifest;
        g.writeName("config");
        writeDescriptor(g, m.config(), docker);
        writeDescriptorArray(g, "layers", m.layers(), docker);
        knownFields = IMAGE_MANIFEST_FIELDS;
      } else {
        writeDescriptorArray(g, "manifests", ((IndexManifest) manifest).manifests(), docker);
        knownFields = INDEX_FIELDS;
      }
      if (manifest.subject().isPresent()) {
        g.writeName("subject");
        writeDescriptor(g, manifest.subject().get(), docker);
      }
      writeStringMap(g, "annotations", manifest.annotations());
      writeUnknown(g, manifest.unknownFields(), knownFields);
      g.writeEndObject();
    }
    return new RawManifest(Bytes.of(out.toByteArray()), manifest.effectiveMediaType());
  }

  private static void writeDescriptorArray(
      JsonGenerator g, String name, List<Descriptor> descriptors, boolean docker) {
    g.writeName(name);
    g.writeStartArray();
    for (Descriptor d : descriptors) {
      writeDescriptor(g, d, docker);
    }
    g.writeEndArray();
  }

  /**
   * Encodes an image config as compact, deterministic JSON (Go's member order for the OCI config;
   * unknown members appended).
   *
   * @throws IllegalArgumentException when an unknown member has the name of a known one
   */
  public static Bytes encodeConfig(ImageConfig c) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    try (JsonGenerator g = JsonText.generator(out)) {
      g.writeStartObject();
      writeOptional(g, "created", c.created());
      writeOptional(g, "author", c.author());
      g.writeStringProperty("architecture", c.architecture());
      g.writeStringProperty("os", c.os());
      writeOptional(g, "os.version", c.osVersion());
      writeStringList(g, "os.features", c.osFeatures());
      writeOptional(g, "variant", c.variant());
      g.writeName("config");
      writeContainerConfig(g, c.config());
      g.writeName("rootfs");
      g.writeStartObject();
      g.writeStringProperty("type", c.rootfs().type());
      g.writeName("diff_ids");
      g.writeStartArray();
      for (Digest d : c.rootfs().diffIds()) {
        g.writeString(d.toString());
      }
      g.writeEndArray();
      writeUnknown(g, c.rootfs().unknownFields(), ROOTFS_FIELDS);
      g.writeEndObject();
      if (!c.history().isEmpty()) {
        g.writeName("history");
        g.writeStartArray();
        for (History h : c.history()) {
          g.writeStartObject();
          writeOptional(g, "created", h.created());
          writeOptional(g, "created_by", h.createdBy());
          writeOptional(g, "author", h.author());
          writeOptional(g, "comment", h.comment());
          if (h.emptyLayer()) {
            g.writeBooleanProperty("empty_layer", true);
          }
          writeUnknown(g, h.unknownFields(), HISTORY_FIELDS);
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      writeUnknown(g, c.unknownFields(), IMAGE_CONFIG_FIELDS);
      g.writeEndObject();
    }
    return Bytes.of(out.toByteArray());
  }

  /** Encodes a descriptor alone, as compact JSON (e.g. for {@code index.json} entries or tests). */
  public static Bytes encodeDescriptor(Descriptor d) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JsonText.generator(out)) {
      writeDescriptor(g, d, false);
    }
    return Bytes.of(out.toByteArray());
  }

  /**
   * Parses a descriptor alone.
   *
   * @throws InvalidManifestException when it is not a valid descriptor
   */
  public static Descriptor parseDescriptor(Bytes bytes) throws InvalidManifestException {
    try {
      return readDescriptor(bytes);
    } catch (ManifestProblem p) {
      throw p.checked();
    }
  }

  private static Descriptor readDescriptor(Bytes bytes) {
    checkSize(bytes);
    return readDescriptor(ObjectReader.of(JsonSupport.readTree(bytes, "descriptor"), "$"));
  }

  private static void writeContainerConfig(JsonGenerator g, ContainerConfig c) {
    g.writeStartObject();
    writeOptional(g, "User", c.user());
    writeKeySet(g, "ExposedPorts", c.exposedPorts());
    writeStringList(g, "Env", c.env());
    if (c.entrypoint().isPresent()) {
      writeStringArray(g, "Entrypoint", c.entrypoint().get());
    }
    if (c.cmd().isPresent()) {
      writeStringArray(g, "Cmd", c.cmd().get());
    }
    writeKeySet(g, "Volumes", c.volumes());
    writeOptional(g, "WorkingDir", c.workingDir());
    writeStringMap(g, "Labels", c.labels());
    writeOptional(g, "StopSignal", c.stopSignal());
    writeUnknown(g, c.unknownFields(), CONTAINER_CONFIG_FIELDS);
    g.writeEndObject();
  }

  // Docker's distribution library writes descriptors as mediaType, size, digest (the field order of
  // its Go struct); OCI's specs-go writes mediaType, digest, size. Each format gets its own order
  // so
  // that encoding reproduces the bytes the reference tools produce.
  private static void writeDescriptor(JsonGenerator g, Descriptor d, boolean dockerOrder) {
    g.writeStartObject();
    g.writeStringProperty("mediaType", d.mediaType().value());
    if (dockerOrder) {
      g.writeNumberProperty("size", d.size());
      g.writeStringProperty("digest", d.digest().toString());
    } else {
      g.writeStringProperty("digest", d.digest().toString());
      g.writeNumberProperty("size", d.size());
    }
    writeStringList(g, "urls", d.urls());
    writeStringMap(g, "annotations", d.annotations());
    if (d.data().isPresent()) {
      g.writeStringProperty(
          "data", Base64.getEncoder().encodeToString(d.data().get().toByteArray()));
    }
    if (d.platform().isPresent()) {
      Platform p = d.platform().get();
      g.writeName("platform");
      g.writeStartObject();
      g.writeStringProperty("architecture", p.architecture());
      g.writeStringProperty("os", p.os());
      writeOptional(g, "os.version", p.osVersion());
      writeStringList(g, "os.features", p.osFeatures());
      writeOptional(g, "variant", p.variant());
      writeUnknown(g, p.unknownFields(), PLATFORM_FIELDS);
      g.writeEndObject();
    }
    writeOptional(g, "artifactType", d.artifactType());
    writeUnknown(g, d.unknownFields(), DESCRIPTOR_FIELDS);
    g.writeEndObject();
  }

  private static void writeOptional(JsonGenerator g, String name, Optional<String> value) {
    if (value.isPresent()) {
      g.writeStringProperty(name, value.get());
    }
  }

  private static void writeStringList(JsonGenerator g, String name, List<String> values) {
    if (!values.isEmpty()) {
      writeStringArray(g, name, values);
    }
  }

  private static void writeStringArray(JsonGenerator g, String name, List<String> values) {
    g.writeName(name);
    g.writeStartArray();
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }

  private static void writeStringMap(JsonGenerator g, String name, Map<String, String> map) {
    if (!map.isEmpty()) {
      g.writeName(name);
      g.writeStartObject();
      for (Map.Entry<String, String> e : map.entrySet()) {
        g.writeStringProperty(e.getKey(), e.getValue());
      }
      g.writeEndObject();
    }
  }

  private static void writeKeySet(JsonGenerator g, String name, Set<String> keys) {
    if (!keys.isEmpty()) {
      g.writeName(name);
      g.writeStartObject();
      for (String k : keys) {
        g.writeName(k);
        g.writeStartObject();
        g.writeEndObject();
      }
      g.writeEndObject();
    }
  }

  private static void writeUnknown(JsonGenerator g, UnknownFields unknown, Set<String> known) {
    for (Map.Entry<String, String> e : unknown.asMap().entrySet()) {
      if (known.contains(e.getKey())) {
        throw new IllegalArgumentException(
            "unknown member \"" + e.getKey() + "\" collides with a known member");
      }
      g.writeName(e.getKey());
      g.writeRawValue(e.getValue());
    }
  }
}
