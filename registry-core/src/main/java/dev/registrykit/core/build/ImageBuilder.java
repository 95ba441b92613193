package dev.registrykit.core.build;

import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.image.Image;
import dev.registrykit.core.image.ImageIndex;
import dev.registrykit.core.image.Images;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * (the blobs are the same bytes, only the descriptor's type changes), so a Docker base can carry OCI
 * layers from {@link LayerBuilder} and vice versa.
 *
 * <p>Mutable and not thread-safe; {@link #build()} may be called repeatedly.
 *
 * <pre>{@code
 * Image app = ImageBuilder.from(base)
 *     .addLayer(LayerBuilder.newBuilder().addDirectory(classes, "/app").writeTo(layerFile), "COPY classes /app")
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
      throw new IllegalArgumentException("the base index " + base.digest() + " has no image for " + platform + "; it has " + available);
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
    edits.add(c -> {
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

  /** Appends a history entry of a step that made no layer (it must be marked {@code empty_layer}). */
  public ImageBuilder history(History entry) {
    if (!entry.emptyLayer()) {
      throw new IllegalArgumentException("only empty_layer history entries can be added without a layer");
    }
    extraHistory.add(entry);
    return this;
  }

  /** Sets a manifest annotation, e.g. {@code org.opencontainers.image.source}. */
  public ImageBuilder annotation(String key, String value) {
    annotations.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /** The manifest format: {@link MediaType#OCI_IMAGE_MANIFEST} or {@link MediaType#DOCKER_MANIFEST_V2}. */
  public ImageBuilder manifestType(MediaType type) {
    if (!type.isImageManifest()) {
      throw new IllegalArgumentException("not an image manifest media type: " + type);
    }
    this.manifestType = Optional.of(type);
    return this;
  }

  /**
   * Builds the image: base layers then the appended ones, the edited config, the manifest.
   *
   * @throws IOException when the base's manifest or config, or a layer's descriptor or diff ID, cannot be read
   */
  public Image build() throws IOException {
    MediaType type = manifestType.orElse(base.rawManifest().mediaType().isDocker() ? MediaType.DOCKER_MANIFEST_V2 : MediaType.OCI_IMAGE_MANIFEST);
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
    for (Layer layer : base.layers()) {
      all.add(retyped(layer, docker));
    }
    for (int i = 0; i < layers.size(); i++) {
      Layer layer = layers.get(i);
      History entry = new History(Optional.of(time), createdBy.get(i), author, Optional.empty(), false, UnknownFields.EMPTY);
      config = config.withAppendedLayer(layer.diffId(), entry);
      all.add(retyped(layer, docker));
    }
    for (History entry : extraHistory) {
      config = config.withAppendedHistory(entry);
    }
    Bytes rawConfig = ManifestCodec.encodeConfig(config);
    Descriptor configDescriptor = Descriptor.of(docker ? MediaType.DOCKER_CONFIG : MediaType.OCI_CONFIG, rawConfig);
    List<Descriptor> layerDescriptors = new ArrayList<>();
    for (Layer layer : all) {
      layerDescriptors.add(layer.descriptor());
    }
    ImageManifest manifest = docker ? ImageManifest.docker(configDescriptor, layerDescriptors) : ImageManifest.oci(configDescriptor, layerDescriptors);
    if (!annotations.isEmpty()) {
      if (docker) {
        throw new IllegalStateException("Docker v2 schema 2 manifests have no annotations; use manifestType(OCI_IMAGE_MANIFEST)");
      }
      manifest = manifest.withAnnotations(annotations);
    }
    RawManifest raw = ManifestCodec.encode(manifest);
    return Images.of(raw, rawConfig, all);
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
    }
    return wanted.equals(type) ? layer : new RetypedLayer(layer, descriptor.withMediaType(wanted));
  }

  /** A layer presented under another media type of the same compression; bytes and digests unchanged. */
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
