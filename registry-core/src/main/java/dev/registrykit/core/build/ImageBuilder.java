package dev.registrykit.core.build;

import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.digest.DigestMismatchException;
import dev.registrykit.core.image.Image;
import dev.registrykit.core.image.ImageIndex;
import dev.registrykit.core.image.Images;
import dev.registrykit.core.image.InMemoryImage;
import dev.registrykit.core.image.Layer;
import dev.registrykit.core.manifest.ContainerConfig;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.manifest.History;
import dev.registrykit.core.manifest.ImageConfig;
import dev.registrykit.core.manifest.ImageManifest;
import dev.registrykit.core.manifest.ManifestCodec;
import dev.registrykit.core.manifest.MediaType;
import dev.registrykit.core.manifest.Platform;
import dev.registrykit.core.manifest.RawManifest;
import dev.registrykit.core.manifest.UnknownFields;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Composes a new image from a base image (or scratch), appended layers, config edits and
 * annotations, in the style of Jib's container builder; pure — nothing is pulled or pushed here.
 *
 * <p>The result is deterministic: the same base, layers and settings give the same config bytes and
 * manifest digest. The creation time defaults to the epoch (set {@link #created(Instant)} for a
 * real one), history entries of appended layers carry that same time.
 *
 * <p>The manifest format follows the base (Docker v2 schema 2 or OCI) unless {@link
 * #manifestType(MediaType)} says otherwise; layer media types are translated to the chosen family
 * (the blobs are the same bytes, only the descriptor's type changes), so a Docker base can carry
 * OCI layers from {@link LayerBuilder} and vice versa.
 *
 * <p>Mutable and not thread-safe; {@link #build()} may be called repeatedly.
 *
 * <pre>{@code
 * Image app = ImageBuilder.from(base)
 *     .addLayer(LayerBuilder.builder().addDirectory(classes, "/app").writeTo(layerFile), "COPY classes /app")
 *     .entrypoint(List.of("java", "-cp", "/app", "Main"))
 *     .env("JAVA_TOOL_OPTIONS", "-Xmx256m")
 *     .build();
 * }</pre>
 */
public final class ImageBuilder {
  private final Image base;
  private final List<Layer> layers = new ArrayList<>();
  private final List<Optional<String>> createdBy = new ArrayList<>();
  private final List<UnaryOperator<ContainerConfig>> edits = new ArrayList<>();
  private final List<History> extraHistory = new ArrayList<>();
  private final Map<String, String> annotations = new TreeMap<>();
  private Instant created = Instant.EPOCH;
  private Optional<String> author = Optional.empty();
  private Optional<MediaType> manifestType = Optional.empty();
  private Optional<LayerCompression> layerCompression = Optional.empty();
  private Optional<Path> conversionDirectory = Optional.empty();

  /** Converted layers by source digest, so that repeated builds convert each layer once. */
  private final Map<Digest, BuiltLayer> converted = new HashMap<>();

  private ImageBuilder(Image base) {
    this.base = base;
  }

  /** Starts from {@code base}; its layers are reused as they are (never re-read here). */
  public static ImageBuilder from(Image base) {
    return new ImageBuilder(Objects.requireNonNull(base, "base"));
  }

  /** Starts from nothing: no layers, an empty config for {@code platform}. */
  public static ImageBuilder fromScratch(Platform platform) {
    return new ImageBuilder(Images.empty(platform));
  }

  /**
   * Starts from the image for {@code platform} in a multi-platform {@code base} (so {@code
   * linux/arm64} finds {@code linux/arm64/v8}).
   *
   * @throws IllegalArgumentException when the index has no image for that platform
   * @throws IOException when the index cannot be read
   */
  public static ImageBuilder from(ImageIndex base, Platform platform) throws IOException {
    Optional<Image> image = base.select(platform);
    if (image.isEmpty()) {
      List<String> available = new ArrayList<>();
      for (Descriptor d : base.manifest().manifests()) {
        d.platform().ifPresent(p -> available.add(p.toString()));
      }
      throw new IllegalArgumentException(
          "the base index "
              + base.digest()
              + " has no image for "
              + platform
              + "; it has "
              + available);
    }
    return from(image.get());
  }

  /** Appends a layer, with a history entry naming no command. */
  public ImageBuilder addLayer(Layer layer) {
    layers.add(Objects.requireNonNull(layer, "layer"));
    createdBy.add(Optional.empty());
    return this;
  }

  /** Appends a layer with a history entry {@code createdBy} (e.g. {@code COPY app.jar /app/}). */
  public ImageBuilder addLayer(Layer layer, String createdByCommand) {
    layers.add(Objects.requireNonNull(layer, "layer"));
    createdBy.add(Optional.of(createdByCommand));
    return this;
  }

  /** Sets the entrypoint. */
  public ImageBuilder entrypoint(List<String> entrypoint) {
    List<String> copy = List.copyOf(entrypoint);
    edits.add(c -> c.withEntrypoint(copy));
    return this;
  }

  /** Sets the default arguments. */
  public ImageBuilder cmd(List<String> cmd) {
    List<String> copy = List.copyOf(cmd);
    edits.add(c -> c.withCmd(copy));
    return this;
  }

  /** Sets one environment variable, replacing the base's value if any. */
  public ImageBuilder env(String name, String value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    edits.add(c -> c.withEnvVar(name, value));
    return this;
  }

  /** Sets one label. */
  public ImageBuilder label(String key, String value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    edits.add(c -> c.withLabel(key, value));
    return this;
  }

  /** Sets the working directory. */
  public ImageBuilder workingDir(String workingDir) {
    Objects.requireNonNull(workingDir, "workingDir");
    edits.add(c -> c.withWorkingDir(workingDir));
    return this;
  }

  /** Sets the user ({@code name}, {@code uid}, {@code uid:gid}). */
  public ImageBuilder user(String user) {
    Objects.requireNonNull(user, "user");
    edits.add(c -> c.withUser(user));
    return this;
  }

  /** Exposes a port, e.g. {@code 8080/tcp} ({@code 8080} alone means TCP). */
  public ImageBuilder exposedPort(String port) {
    String normalized = port.contains("/") ? port : port + "/tcp";
    edits.add(c -> c.withExposedPort(normalized));
    return this;
  }

  /** Declares a volume mount point. */
  public ImageBuilder volume(String path) {
    Objects.requireNonNull(path, "path");
    edits.add(
        c -> {
          TreeSet<String> volumes = new TreeSet<>(c.volumes());
          volumes.add(path);
          return c.withVolumes(volumes);
        });
    return this;
  }

  /** The image's creation time, also used for the new history entries (default the epoch). */
  public ImageBuilder created(Instant time) {
    this.created = Objects.requireNonNull(time, "time");
    return this;
  }

  /** The image's author. */
  public ImageBuilder author(String imageAuthor) {
    this.author = Optional.of(imageAuthor);
    return this;
  }

  /**
   * Appends a history entry of a step that made no layer (it must be marked {@code empty_layer}).
   */
  public ImageBuilder history(History entry) {
    if (!entry.emptyLayer()) {
      throw new IllegalArgumentException(
          "only empty_layer history entries can be added without a layer");
    }
    extraHistory.add(entry);
    return this;
  }

  /** Sets a manifest annotation, e.g. {@code org.opencontainers.image.source}. */
  public ImageBuilder annotation(String key, String value) {
    annotations.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /**
   * The manifest format: {@link MediaType#OCI_IMAGE_MANIFEST} or {@link
   * MediaType#DOCKER_MANIFEST_V2}.
   */
  public ImageBuilder manifestType(MediaType type) {
    if (!type.isImageManifest()) {
      throw new IllegalArgumentException("not an image manifest media type: " + type);
    }
    this.manifestType = Optional.of(type);
    return this;
  }

  /**
   * Stores every layer (the base's and the appended ones) with {@code compression}, e.g. a gzip
   * base as zstd or a zstd base as gzip for a runtime that lacks zstd. Layers already of that
   * algorithm are kept as they are (their level is not checked); the others are decompressed and
   * compressed again by {@link #build()} into files in {@code directory}, once per layer and
   * builder. The tars, hence the diff IDs and the image config's {@code rootfs}, do not change;
   * each converted base layer is checked against the diff ID the base config states.
   */
  public ImageBuilder layerCompression(LayerCompression compression, Path directory) {
    this.layerCompression = Optional.of(Objects.requireNonNull(compression, "compression"));
    this.conversionDirectory = Optional.of(Objects.requireNonNull(directory, "directory"));
    return this;
  }

  /**
   * Builds the image: base layers then the appended ones, the edited config, the manifest.
   *
   * @throws IllegalStateException when a Docker manifest was asked for and a layer is zstd
   *     (Docker's schema 2 has no zstd layer type; with the manifest type left to follow the base,
   *     an image with zstd layers gets an OCI manifest)
   * @throws dev.registrykit.core.digest.DigestMismatchException when a converted base layer's tar
   *     does not match the diff ID its config states
   * @throws IOException when the base's manifest or config, or a layer's descriptor or diff ID,
   *     cannot be read, or a layer cannot be converted
   */
  public InMemoryImage build() throws IOException {
    List<Digest> baseDiffIds = base.config().rootfs().diffIds();
    List<Layer> baseLayers = new ArrayList<>();
    for (int i = 0; i < base.layers().size(); i++) {
      baseLayers.add(converted(base.layers().get(i), Optional.of(baseDiffIds.get(i))));
    }
    List<Layer> addedLayers = new ArrayList<>();
    for (Layer layer : layers) {
      addedLayers.add(converted(layer, Optional.empty()));
    }
    boolean zstd = false;
    for (List<Layer> group : List.of(baseLayers, addedLayers)) {
      for (Layer layer : group) {
        zstd |= layer.mediaType().isZstd();
      }
    }
    if (zstd && manifestType.isPresent() && manifestType.get().isDocker()) {
      throw new IllegalStateException(
          "Docker v2 schema 2 manifests have no zstd layer type; use manifestType(OCI_IMAGE_MANIFEST)"
              + " or layerCompression(gzip)");
    }
    MediaType type =
        manifestType.orElse(
            base.rawManifest().mediaType().isDocker() && !zstd
                ? MediaType.DOCKER_MANIFEST_V2
                : MediaType.OCI_IMAGE_MANIFEST);
    boolean docker = type.isDocker();
    String time = created.toString();
    ImageConfig config = base.config();
    ContainerConfig container = config.config();
    for (UnaryOperator<ContainerConfig> edit : edits) {
      container = edit.apply(container);
    }
    config = config.withConfig(container).withCreated(time);
    if (author.isPresent()) {
      config = config.withAuthor(author.get());
    }
    List<Layer> all = new ArrayList<>();
    for (Layer layer : baseLayers) {
      all.add(retyped(layer, docker));
    }
    for (int i = 0; i < addedLayers.size(); i++) {
      Layer layer = addedLayers.get(i);
      History entry =
          new History(
              Optional.of(time),
              createdBy.get(i),
              author,
              Optional.empty(),
              false,
              UnknownFields.EMPTY);
      config = config.withAppendedLayer(layer.diffId(), entry);
      all.add(retyped(layer, docker));
    }
    for (History entry : extraHistory) {
      config = config.withAppendedHistory(entry);
    }
    Bytes rawConfig = ManifestCodec.encodeConfig(config);
    Descriptor configDescriptor =
        Descriptor.of(docker ? MediaType.DOCKER_CONFIG : MediaType.OCI_CONFIG, rawConfig);
    List<Descriptor> layerDescriptors = new ArrayList<>();
    for (Layer layer : all) {
      layerDescriptors.add(layer.descriptor());
    }
    ImageManifest manifest =
        docker
            ? ImageManifest.docker(configDescriptor, layerDescriptors)
            : ImageManifest.oci(configDescriptor, layerDescriptors);
    if (!annotations.isEmpty()) {
      if (docker) {
        throw new IllegalStateException(
            "Docker v2 schema 2 manifests have no annotations; use manifestType(OCI_IMAGE_MANIFEST)");
      }
      manifest = manifest.withAnnotations(annotations);
    }
    RawManifest raw = ManifestCodec.encode(manifest);
    return Images.of(raw, rawConfig, all);
  }

  /**
   * {@code layer} under the chosen compression, converted once; the layer itself when no conversion
   * is asked for or needed.
   */
  private Layer converted(Layer layer, Optional<Digest> expectedDiffId) throws IOException {
    if (layerCompression.isEmpty()
        || LayerCompression.algorithmOf(layer.mediaType()) == layerCompression.get().algorithm()) {
      return layer;
    }
    Digest source = layer.digest();
    BuiltLayer done = converted.get(source);
    if (done == null) {
      Path directory = conversionDirectory.orElseThrow();
      Files.createDirectories(directory);
      LayerCompression compression = layerCompression.get();
      done =
          LayerBuilder.recompress(
              layer,
              compression,
              directory.resolve(
                  source.hex() + "." + compression.algorithm().name().toLowerCase(Locale.ROOT)));
      if (expectedDiffId.isPresent() && !expectedDiffId.get().equals(done.diffId())) {
        Files.deleteIfExists(done.file().orElseThrow());
        throw new DigestMismatchException(expectedDiffId.get(), Optional.of(done.diffId()), -1, -1);
      }
      converted.put(source, done);
    }
    return done;
  }

  /** The same layer under the media type of the manifest family, when a translation exists. */
  private static Layer retyped(Layer layer, boolean docker) throws IOException {
    Descriptor descriptor = layer.descriptor();
    MediaType type = descriptor.mediaType();
    MediaType wanted = type;
    if (docker && type.equals(MediaType.OCI_LAYER_GZIP)) {
      wanted = MediaType.DOCKER_LAYER_GZIP;
    } else if (docker && type.equals(MediaType.OCI_LAYER)) {
      wanted = MediaType.DOCKER_LAYER;
    } else if (!docker && type.equals(MediaType.DOCKER_LAYER_GZIP)) {
      wanted = MediaType.OCI_LAYER_GZIP;
    } else if (!docker && type.equals(MediaType.DOCKER_LAYER)) {
      wanted = MediaType.OCI_LAYER;
    } else if (!docker && type.equals(MediaType.DOCKER_LAYER_ZSTD)) {
      wanted = MediaType.OCI_LAYER_ZSTD;
    }
    return wanted.equals(type) ? layer : new RetypedLayer(layer, descriptor.withMediaType(wanted));
  }

  /**
   * A layer presented under another media type of the same compression; bytes and digests
   * unchanged.
   */
  private static final class RetypedLayer implements Layer {
    private final Layer delegate;
    private final Descriptor descriptor;

    RetypedLayer(Layer delegate, Descriptor descriptor) {
      this.delegate = delegate;
      this.descriptor = descriptor;
    }

    @Override
    public Descriptor descriptor() {
      return descriptor;
    }

    @Override
    public InputStream open() throws IOException {
      return delegate.open();
    }

    @Override
    public Digest diffId() throws IOException {
      return delegate.diffId();
    }
  }
}
