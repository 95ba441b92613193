package dev.registrykit.client.containerize;

import dev.registrykit.client.RegistryClient;
import dev.registrykit.client.remote.PushResult;
import dev.registrykit.client.remote.Remote;
import dev.registrykit.client.remote.TransferOptions;
import dev.registrykit.core.archive.DockerArchive;
import dev.registrykit.core.archive.TaggedImage;
import dev.registrykit.core.build.ImageBuilder;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.digest.SizedDigest;
import dev.registrykit.core.image.Image;
import dev.registrykit.core.image.ImageId;
import dev.registrykit.core.image.ImageIndex;
import dev.registrykit.core.image.Images;
import dev.registrykit.core.javaapp.AppLayer;
import dev.registrykit.core.javaapp.CreationTime;
import dev.registrykit.core.javaapp.JavaApplication;
import dev.registrykit.core.layercache.LayerCache;
import dev.registrykit.core.layout.OciLayout;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.manifest.InvalidManifestException;
import dev.registrykit.core.manifest.Platform;
import dev.registrykit.core.manifest.RawManifest;
import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.core.reference.Repository;
import dev.registrykit.core.reference.Tag;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Puts a {@link JavaApplication} on a base image and writes the result to a {@link Target}.
 *
 * <p>What happens, in order: the base image's manifest and config are read (from a registry on a
 * background thread while the application's layers are built or taken from the {@linkplain
 * #cacheDirectory(Path) layer cache}); for each platform, the base's layers, the application's
 * layers and the edited config make an image (several platforms make an index); then the image is
 * pushed (blobs the registry has are skipped, base layers are mounted from the base's repository on
 * the same registry, the manifest is put only after every blob), or written to an OCI layout or a
 * {@code docker save} archive.
 *
 * <p>Configured with setters, then {@link #containerize()}; mutable and not thread-safe, but {@code
 * containerize()} may be called again (an incremental rebuild).
 */
public final class Containerizer {
  private final BaseImage base;
  private JavaApplication application = JavaApplication.builder().build();
  private Optional<Target> target = Optional.empty();
  private Optional<Supplier<RegistryClient>> clientFactory = Optional.empty();
  private @Nullable RegistryClient client;
  private Optional<Path> cacheDirectory = Optional.empty();
  private Optional<Path> baseImageCacheDirectory = Optional.empty();
  private List<Platform> platforms = List.of();
  private Optional<List<String>> entrypoint = Optional.empty();
  private Optional<List<String>> args = Optional.empty();
  private final Map<String, String> environment = new LinkedHashMap<>();
  private final Map<String, String> labels = new LinkedHashMap<>();
  private final List<String> ports = new ArrayList<>();
  private final List<String> volumes = new ArrayList<>();
  private Optional<String> user = Optional.empty();
  private Optional<String> workingDirectory = Optional.empty();
  private CreationTime creationTime = CreationTime.epoch();
  private boolean offline;
  private ContainerizeListener listener = ContainerizeListener.NONE;
  private TransferOptions transferOptions = TransferOptions.defaults();
  private Clock clock = Clock.systemUTC();

  private Containerizer(BaseImage base) {
    this.base = base;
  }

  /** A containerizer starting from {@code base}. */
  public static Containerizer from(BaseImage base) {
    return new Containerizer(Objects.requireNonNull(base, "base"));
  }

  /**
   * The application to add (default: nothing, for an image that only changes the base's config).
   */
  public Containerizer application(JavaApplication app) {
    this.application = Objects.requireNonNull(app, "app");
    return this;
  }

  /** Where the image goes. Required. */
  public Containerizer to(Target where) {
    this.target = Optional.of(Objects.requireNonNull(where, "where"));
    return this;
  }

  /**
   * The client for a registry base or target (with the credentials and plain-HTTP registries it
   * needs).
   */
  public Containerizer client(RegistryClient registryClient) {
    Objects.requireNonNull(registryClient, "registryClient");
    return client(() -> registryClient);
  }

  /**
   * Like {@link #client(RegistryClient)}, made only when a registry must be spoken to: a build
   * whose base comes from the {@linkplain #baseImageCache(Path) base image cache} (pinned by
   * digest, or offline) and goes to a local target starts no HTTP client at all. Called at most
   * once per {@link #containerize()}; the caller closes what it made.
   */
  public Containerizer client(Supplier<RegistryClient> factory) {
    this.clientFactory = Optional.of(Objects.requireNonNull(factory, "factory"));
    this.client = null;
    return this;
  }

  /**
   * Where built layers are kept between builds, e.g. {@code target/registrykit-cache}. Without one,
   * layers go to a temporary directory deleted afterwards, and every build builds them all.
   */
  public Containerizer cacheDirectory(Path directory) {
    this.cacheDirectory = Optional.of(Objects.requireNonNull(directory, "directory"));
    return this;
  }

  /**
   * Where registry base images are kept between builds (their manifests and configs; their layers
   * too once a local target needed them), e.g. {@code ~/.cache/registrykit/base-images}; may be
   * shared by builds. With one, a build whose base did not move asks the registry one {@code HEAD}
   * for the base's tag, nothing when the base is pinned by digest, and an offline build may use a
   * base fetched before. Every file is checked against its digest before use; a damaged one is
   * fetched again. Without one, the base's manifest and config are fetched on every build.
   */
  public Containerizer baseImageCache(Path directory) {
    this.baseImageCacheDirectory = Optional.of(Objects.requireNonNull(directory, "directory"));
    return this;
  }

  /**
   * The platforms to build for (default: {@code linux/amd64} from a multi-platform base, else the
   * base's own). Several make an index and need a multi-platform base (or {@code scratch}).
   */
  public Containerizer platforms(List<Platform> list) {
    this.platforms = List.copyOf(list);
    return this;
  }

  /** The entrypoint, replacing the one made from the application's main class. */
  public Containerizer entrypoint(List<String> command) {
    this.entrypoint = Optional.of(List.copyOf(command));
    return this;
  }

  /** The default arguments ({@code Cmd}); without them, a new entrypoint clears the base's. */
  public Containerizer args(List<String> arguments) {
    this.args = Optional.of(List.copyOf(arguments));
    return this;
  }

  /** Sets an environment variable (replacing the base's). */
  public Containerizer environment(String name, String value) {
    environment.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /** Sets a label. */
  public Containerizer label(String key, String value) {
    labels.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return this;
  }

  /**
   * Exposes a port or a range: {@code 8080}, {@code 8080/udp}, {@code 9000-9002}.
   *
   * @throws IllegalArgumentException when it is none of those
   */
  public Containerizer port(String port) {
    Objects.requireNonNull(port, "port");
    if (!port.matches("[0-9]{1,5}(-[0-9]{1,5})?(/(tcp|udp|sctp))?")) {
      throw new IllegalArgumentException(
          "a port is NUMBER, NUMBER/PROTOCOL or FROM-TO[/PROTOCOL] (tcp, udp, sctp): \""
              + port
              + "\"");
    }
    String protocol = port.contains("/") ? port.substring(port.indexOf('/')) : "/tcp";
    String numbers = port.contains("/") ? port.substring(0, port.indexOf('/')) : port;
    int dash = numbers.indexOf('-');
    int from = Integer.parseInt(dash < 0 ? numbers : numbers.substring(0, dash));
    int to = dash < 0 ? from : Integer.parseInt(numbers.substring(dash + 1));
    if (from < 1 || to > 65535 || to < from) {
      throw new IllegalArgumentException(
          "port out of range 1-65535 or an empty range: \"" + port + "\"");
    }
    for (int p = from; p <= to; p++) {
      ports.add(p + protocol);
    }
    return this;
  }

  /** Declares a volume. */
  public Containerizer volume(String path) {
    volumes.add(Objects.requireNonNull(path, "path"));
    return this;
  }

  /** The user ({@code name}, {@code uid}, {@code uid:gid}). */
  public Containerizer user(String name) {
    this.user = Optional.of(Objects.requireNonNull(name, "name"));
    return this;
  }

  /** The working directory (default: the base's). */
  public Containerizer workingDirectory(String directory) {
    this.workingDirectory = Optional.of(Objects.requireNonNull(directory, "directory"));
    return this;
  }

  /** The creation time (default the epoch, for reproducible digests). */
  public Containerizer creationTime(CreationTime time) {
    this.creationTime = Objects.requireNonNull(time, "time");
    return this;
  }

  /**
   * Offline: only local inputs may be used. A registry target, or a registry base that is not in
   * the {@linkplain #baseImageCache(Path) base image cache}, then fails with a {@link
   * ContainerizeException} before anything is sent.
   */
  public Containerizer offline(boolean value) {
    this.offline = value;
    return this;
  }

  /** Receives layer and transfer events. */
  public Containerizer listener(ContainerizeListener value) {
    this.listener = Objects.requireNonNull(value, "value");
    return this;
  }

  /**
   * Transfer settings for a registry target (parallelism; listener, mounts and tags are set here).
   */
  public Containerizer transferOptions(TransferOptions options) {
    this.transferOptions = Objects.requireNonNull(options, "options");
    return this;
  }

  /** The clock for {@link CreationTime#useCurrentTimestamp()} (default the system's). */
  public Containerizer clock(Clock value) {
    this.clock = Objects.requireNonNull(value, "value");
    return this;
  }

  /**
   * Builds the image and writes it to the target.
   *
   * @throws ContainerizeException when the configuration cannot be satisfied (offline with a
   *     registry, a missing platform, no main class and no entrypoint, several platforms for a
   *     docker archive)
   * @throws IOException when reading the base, building a layer or writing the target fails; a
   *     registry target then has no new manifest
   */
  public ContainerizeResult containerize() throws IOException {
    Target where =
        target.orElseThrow(() -> new IllegalStateException("no target: call to(Target)"));
    check(where);
    List<String> command = command();
    // The base is looked up while the layers are built: both are independent. With the base image
    // cache only its digest is asked for (what a build that changed nothing needs); without, the
    // base's manifest and config.
    boolean registryBase = base.kind() == BaseImage.Kind.REGISTRY;
    boolean digestFirst = registryBase && baseImageCacheDirectory.isPresent();
    CompletableFuture<Optional<Digest>> baseDigest =
        digestFirst
            ? CompletableFuture.supplyAsync(() -> unchecked(this::baseDigest), daemonExecutor())
            : CompletableFuture.completedFuture(Optional.empty());
    CompletableFuture<List<Image>> bases =
        digestFirst
            ? new CompletableFuture<>()
            : registryBase
                ? CompletableFuture.supplyAsync(
                    () -> unchecked(() -> baseImages(Optional.empty())), daemonExecutor())
                : CompletableFuture.completedFuture(baseImages(Optional.empty()));
    Path cacheDir =
        cacheDirectory.isPresent()
            ? cacheDirectory.get()
            : Files.createTempDirectory("registrykit-layers-");
    try {
      List<AppLayer> layers = application.layers(LayerCache.open(cacheDir));
      for (AppLayer layer : layers) {
        listener.layerReady(layer);
      }
      Optional<Digest> known = join(baseDigest);
      Optional<String> baseIdentity =
          base.kind() == BaseImage.Kind.SCRATCH
              ? Optional.of("scratch")
              : known.map(d -> base.reference().orElseThrow().repository() + "@" + d);
      Optional<ImageRecords.Key> key =
          cacheDirectory.isPresent() && baseIdentity.isPresent()
              ? Optional.of(imageKey(baseIdentity.get(), where, layers, command))
              : Optional.empty();
      ImageRecords records = new ImageRecords(cacheDir.resolve("images"));
      if (key.isPresent()) {
        Optional<ContainerizeResult> unchanged = unchanged(where, records, key.get(), layers);
        if (unchanged.isPresent()) {
          return unchanged.get();
        }
      }
      List<Image> images = new ArrayList<>();
      for (Image baseImage : digestFirst ? baseImages(known) : join(bases)) {
        images.add(build(baseImage, layers, command));
      }
      Written written = write(where, images, layers);
      if (key.isPresent()) {
        records.remember(key.get(), written.result(), written.archive());
      }
      return written.result();
    } finally {
      bases.cancel(true);
      baseDigest.cancel(true);
      if (cacheDirectory.isEmpty()) {
        deleteTree(cacheDir);
      }
    }
  }

  /** The registry base's manifest digest, through the base image cache. */
  private Optional<Digest> baseDigest() throws IOException {
    ImageReference reference = base.reference().orElseThrow();
    return Optional.of(baseImageCache().digest(reference, online()).orElseThrow(this::offlineBase));
  }

  private BaseImageCache baseImageCache() throws IOException {
    return BaseImageCache.open(baseImageCacheDirectory.orElseThrow());
  }

  private Optional<Supplier<RegistryClient>> online() {
    return offline ? Optional.empty() : Optional.of(this::registryClient);
  }

  /**
   * What decides the image's bytes besides the base: the target, the platforms, the application's
   * layers and every config setting. The same key means the same image as last time.
   */
  private ImageRecords.Key imageKey(
      String baseIdentity, Target where, List<AppLayer> layers, List<String> command)
      throws IOException {
    ImageRecords.KeyBuilder key = ImageRecords.key();
    key.add("code", ImageRecords.codeIdentity());
    key.add("target", where.toString());
    key.add("tags", where.tags().toString());
    key.add("base", baseIdentity);
    key.add("platforms", platforms.toString());
    for (AppLayer layer : layers) {
      key.add(
          "layer",
          layer.kind()
              + " "
              + layer.layer().digest()
              + " "
              + layer.layer().diffId()
              + " "
              + layer.layer().mediaType()
              + " "
              + layer.createdBy());
    }
    key.add("entrypoint", command.toString());
    key.add("args", args.isPresent() ? args.get().toString() : "(base)");
    key.add("environment", environment.toString());
    key.add("labels", labels.toString());
    key.add("ports", ports.toString());
    key.add("volumes", volumes.toString());
    key.add("user", user.orElse("(base)"));
    key.add("workingDirectory", workingDirectory.orElse("(base)"));
    key.add("created", creationTime.resolve(clock).toString());
    return key.build();
  }

  /**
   * The result when the target already holds the image these inputs made last time: a registry
   * whose tags all name its digest (one {@code HEAD} per tag), or the archive file as it was
   * written. Nothing is parsed, built or sent then.
   */
  private Optional<ContainerizeResult> unchanged(
      Target where, ImageRecords records, ImageRecords.Key key, List<AppLayer> layers)
      throws IOException {
    Optional<ImageRecords.Record> record = records.read(key);
    if (record.isEmpty()) {
      return Optional.empty();
    }
    Digest digest = record.get().imageDigest();
    boolean there =
        switch (where.kind()) {
          case REGISTRY -> alreadyTagged(registryClient(), where, digest);
          case DOCKER_ARCHIVE -> record.get().matchesFile(where.path());
          case LAYOUT -> false;
        };
    if (!there) {
      return Optional.empty();
    }
    listener.imageUnchanged(where.toString(), digest);
    return Optional.of(
        new ContainerizeResult(
            where.toString(),
            digest,
            record.get().imageId(),
            where.tags(),
            where.kind() == Target.Kind.REGISTRY,
            layers,
            List.of()));
  }

  private void check(Target where) throws ContainerizeException {
    boolean registryBase = base.kind() == BaseImage.Kind.REGISTRY;
    boolean registryTarget = where.kind() == Target.Kind.REGISTRY;
    if (offline && registryBase && baseImageCacheDirectory.isEmpty()) {
      throw offlineBase();
    }
    if (offline && registryTarget) {
      throw new ContainerizeException(
          "offline: cannot push to "
              + where
              + "; build online, or write an OCI layout or a docker archive");
    }
    if ((registryBase || registryTarget) && clientFactory.isEmpty()) {
      throw new IllegalStateException(
          "a registry "
              + (registryBase ? "base" : "target")
              + " needs a client: call client(RegistryClient)");
    }
    if (platforms.size() > 1 && where.kind() == Target.Kind.DOCKER_ARCHIVE) {
      throw new ContainerizeException(
          "a docker archive holds one platform's image, and "
              + platforms.size()
              + " platforms were asked for: "
              + platforms
              + "; write an OCI layout or push to a registry instead");
    }
  }

  private ContainerizeException offlineBase() {
    return new ContainerizeException(
        "offline: the base image "
            + base
            + " would have to be fetched from its registry;"
            + " build online, or use a local base (oci:<layout directory>, docker-archive:<file> or scratch)");
  }

  /** The client, made on first use. */
  private synchronized RegistryClient registryClient() {
    if (client == null) {
      client =
          Objects.requireNonNull(
              clientFactory.orElseThrow(() -> new IllegalStateException("no client")).get(),
              "the client factory returned null");
    }
    return client;
  }

  /** The entrypoint to set: the user's own, or the application's. */
  private List<String> command() throws IOException {
    if (entrypoint.isPresent()) {
      return entrypoint.get();
    }
    if (application.mainClass().isEmpty()) {
      throw new ContainerizeException(
          "no main class and no entrypoint: name the main class (container.mainClass), or set an entrypoint");
    }
    return application.entrypoint();
  }

  /** The base image for each platform, in the order asked for. */
  private List<Image> baseImages(Optional<Digest> known) throws IOException {
    List<Platform> wanted = platforms.isEmpty() ? List.of(Platform.LINUX_AMD64) : platforms;
    switch (base.kind()) {
      case SCRATCH:
        List<Image> empty = new ArrayList<>();
        for (Platform p : wanted) {
          empty.add(Images.empty(p));
        }
        return empty;
      case DOCKER_ARCHIVE:
        return single(DockerArchive.open(base.path()).image());
      case LAYOUT:
        {
          OciLayout layout = OciLayout.open(base.path());
          Descriptor entry =
              base.layoutReference().isEmpty()
                  ? onlyEntry(layout)
                  : layout.resolve(base.layoutReference());
          if (entry.mediaType().isIndex()) {
            return select(layout.imageIndex(entry), wanted);
          }
          return single(layout.image(entry));
        }
      case REGISTRY:
      default:
        {
          ImageReference reference = base.reference().orElseThrow();
          if (known.isPresent()) {
            return cachedBase(reference.repository(), known.get(), wanted);
          }
          RegistryClient registry = registryClient();
          if (wanted.size() == 1) {
            return single(Remote.image(registry, reference, wanted.get(0)));
          }
          ImageIndex index;
          try {
            index = Remote.index(registry, reference);
          } catch (InvalidManifestException notAnIndex) {
            if (notAnIndex.reason() != InvalidManifestException.Reason.WRONG_KIND) {
              throw notAnIndex;
            }
            return single(
                Remote.image(registry, reference, wanted.get(0))); // explains why it does not do
          }
          return select(index, wanted);
        }
    }
  }

  private List<Image> cachedBase(Repository repository, Digest digest, List<Platform> wanted)
      throws IOException {
    BaseImageCache cache = baseImageCache();
    RawManifest manifest =
        cache.manifest(repository, digest, online()).orElseThrow(this::offlineBase);
    if (manifest.mediaType().isIndex()) {
      return select(cache.index(manifest, repository, online()), wanted);
    }
    return single(cache.image(manifest, repository, online()));
  }

  private static Descriptor onlyEntry(OciLayout layout) throws IOException {
    List<Descriptor> entries = layout.index().manifests();
    if (entries.size() != 1) {
      throw new ContainerizeException(
          "the OCI layout "
              + layout
              + " holds "
              + entries.size()
              + " images; name one (oci:<directory>:<ref name>)");
    }
    return entries.get(0);
  }

  /** A single-platform base: fine for one platform that it satisfies (or none asked for). */
  private List<Image> single(Image image) throws IOException {
    Platform own = image.config().platform();
    if (platforms.size() > 1) {
      throw new ContainerizeException(
          "the base image "
              + base
              + " is for "
              + own
              + " only, and "
              + platforms
              + " were asked for; several platforms need a multi-platform base");
    }
    if (platforms.size() == 1 && !own.satisfies(platforms.get(0))) {
      throw new ContainerizeException(
          "the base image " + base + " is for " + own + ", not " + platforms.get(0));
    }
    return List.of(image);
  }

  private List<Image> select(ImageIndex index, List<Platform> wanted) throws IOException {
    List<Image> images = new ArrayList<>();
    for (Platform p : wanted) {
      Optional<Image> image = index.select(p);
      if (image.isEmpty()) {
        List<String> available = new ArrayList<>();
        for (Descriptor d : index.manifest().manifests()) {
          d.platform().ifPresent(x -> available.add(x.toString()));
        }
        throw new ContainerizeException(
            "the base image " + base + " has no image for " + p + "; it has " + available);
      }
      images.add(image.get());
    }
    return images;
  }

  private Image build(Image baseImage, List<AppLayer> layers, List<String> command)
      throws IOException {
    ImageBuilder builder = ImageBuilder.from(baseImage);
    for (AppLayer layer : layers) {
      builder.addLayer(layer.layer(), layer.createdBy());
    }
    builder.entrypoint(command);
    builder.cmd(args.orElse(List.of()));
    environment.forEach(builder::env);
    labels.forEach(builder::label);
    ports.forEach(builder::exposedPort);
    volumes.forEach(builder::volume);
    user.ifPresent(builder::user);
    workingDirectory.ifPresent(builder::workingDir);
    builder.created(creationTime.resolve(clock));
    return builder.build();
  }

  private Written write(Target where, List<Image> images, List<AppLayer> layers)
      throws IOException {
    ImageId id = images.get(0).id();
    List<Tag> tags = where.tags();
    switch (where.kind()) {
      case REGISTRY:
        {
          TransferOptions options =
              transferOptions
                  .withListener(listener)
                  .withAdditionalTags(where.additionalTags().toArray(new Tag[0]));
          Optional<Repository> mountFrom = mountSource(where);
          if (mountFrom.isPresent()) {
            List<Repository> sources = new ArrayList<>(transferOptions.mountFrom());
            sources.add(0, mountFrom.get());
            options = options.withMountFrom(sources.toArray(new Repository[0]));
          }
          RegistryClient registry = registryClient();
          Optional<ImageIndex> index =
              images.size() == 1 ? Optional.empty() : Optional.of(Images.index(images));
          Digest digest = index.isPresent() ? index.get().digest() : images.get(0).digest();
          if (alreadyTagged(registry, where, digest)) {
            listener.imageUnchanged(where.toString(), digest);
            return Written.of(
                new ContainerizeResult(
                    where.toString(), digest, id, tags, true, layers, List.of()));
          }
          PushResult pushed =
              images.size() == 1
                  ? Remote.push(registry, images.get(0), where.reference(), options)
                  : Remote.push(registry, index.orElseThrow(), where.reference(), options);
          return Written.of(
              new ContainerizeResult(
                  where.toString(),
                  pushed.manifestDigest(),
                  id,
                  pushed.tags(),
                  true,
                  layers,
                  pushed.blobs()));
        }
      case LAYOUT:
        {
          OciLayout layout = OciLayout.create(where.path());
          Optional<ImageIndex> index =
              images.size() == 1 ? Optional.empty() : Optional.of(Images.index(images));
          Digest digest = index.isPresent() ? index.get().digest() : images.get(0).digest();
          for (Tag tag : tags) {
            if (index.isPresent()) {
              layout.write(index.get(), tag.toString());
            } else {
              layout.write(images.get(0), tag.toString());
            }
          }
          return Written.of(
              new ContainerizeResult(where.toString(), digest, id, tags, false, layers, List.of()));
        }
      case DOCKER_ARCHIVE:
      default:
        {
          List<String> repoTags = new ArrayList<>();
          for (Tag tag : tags) {
            repoTags.add(where.reference().withTag(tag).familiar());
          }
          Files.createDirectories(where.path().toAbsolutePath().getParent());
          SizedDigest archive =
              DockerArchive.write(where.path(), new TaggedImage(images.get(0), repoTags));
          return new Written(
              new ContainerizeResult(
                  where.toString(), images.get(0).digest(), id, tags, false, layers, List.of()),
              Optional.of(archive.digest()));
        }
    }
  }

  /** What {@link #write} made, and for a docker archive the digest of the file as written. */
  private record Written(ContainerizeResult result, Optional<Digest> archive) {
    static Written of(ContainerizeResult result) {
      return new Written(result, Optional.empty());
    }
  }

  /**
   * Whether every tag of the target already names {@code digest}: then the registry has the image
   * and all its blobs (it accepted the manifest only once they were in place), and nothing is sent,
   * as an incremental build that changed nothing expects. One {@code HEAD} per tag, stopping at the
   * first that differs.
   */
  private static boolean alreadyTagged(RegistryClient registry, Target where, Digest digest)
      throws IOException {
    for (Tag tag : where.tags()) {
      Optional<Descriptor> existing = registry.headManifest(where.reference().withTag(tag));
      if (existing.isEmpty() || !existing.get().digest().equals(digest)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The base's repository when the target is another repository of the same registry: its layers
   * can be mounted.
   */
  private Optional<Repository> mountSource(Target where) {
    if (base.kind() != BaseImage.Kind.REGISTRY) {
      return Optional.empty();
    }
    Repository from = base.reference().orElseThrow().repository();
    Repository to = where.reference().repository();
    return from.registry().equals(to.registry()) && !from.equals(to)
        ? Optional.of(from)
        : Optional.empty();
  }

  private interface IoSupplier<T> {
    T get() throws IOException;
  }

  private static <T> T unchecked(IoSupplier<T> supplier) {
    try {
      return supplier.get();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static <T> T join(CompletableFuture<T> future) throws IOException {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading the base image");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IOException(cause);
    }
  }

  /** One daemon thread per call: the base fetch never keeps a build tool's JVM alive. */
  private static java.util.concurrent.Executor daemonExecutor() {
    return task -> {
      Thread thread = new Thread(task, "registrykit-base-image");
      thread.setDaemon(true);
      thread.start();
    };
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
