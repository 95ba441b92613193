package dev.registrykit.client.registries;

import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.core.reference.Registry;
import dev.registrykit.core.reference.Repository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.toml.TomlMapper;

/**
 * Per-registry settings: mirrors, location rewrites, insecure and blocked registries, from code or
 * from the files containers tools and Docker read.
 *
 * <p>{@link #load()} reads, highest precedence first:
 *
 * <ol>
 *   <li>the file {@code $CONTAINERS_REGISTRIES_CONF}, when set: that file alone;
 *   <li>otherwise {@code $XDG_CONFIG_HOME/containers/registries.conf} (default {@code ~/.config})
 *       if it exists, else {@code /etc/containers/registries.conf}; then the drop-ins {@code
 *       /etc/containers/registries.conf.d/*.conf} and {@code
 *       ~/.config/containers/registries.conf.d/*.conf} in that order, each file's {@code
 *       [[registry]]} replacing an earlier one with the same prefix;
 *   <li>Docker's {@code /etc/docker/daemon.json} (or, for rootless Docker, {@code
 *       $XDG_CONFIG_HOME/docker/daemon.json}) {@code registry-mirrors}: mirrors for Docker Hub
 *       only, used when no {@code registries.conf} table covers {@code docker.io}.
 * </ol>
 *
 * <p>Settings given in code go on top: {@code RegistriesConfig.load().with(route)}. The {@code
 * registries.conf} version 2 format is read: {@code [[registry]]} with {@code prefix}, {@code
 * location}, {@code insecure}, {@code blocked}, {@code mirror-by-digest-only} and {@code
 * [[registry.mirror]]} ({@code location}, {@code insecure}, {@code pull-from-mirror}). {@code
 * unqualified-search-registries} is reported by {@link #unqualifiedSearchRegistries()} but never
 * used: a short name always means Docker Hub, as in Docker, never a guess among registries. Other
 * keys (short-name aliases, credential helpers) are ignored.
 *
 * <p>Immutable.
 *
 * @see <a
 *     href="https://github.com/containers/image/blob/main/docs/containers-registries.conf.5.md">containers-registries.conf(5)</a>
 * @see <a href="https://docs.docker.com/docker-hub/image-library/mirror/">Docker: registry
 *     mirror</a>
 */
public final class RegistriesConfig {
  /**
   * Made when a file is read, not when the class is loaded: every {@code RegistryClient.Builder}
   * loads this class, and a mapper costs a build tool's JVM a large share of its start-up.
   */
  private static final class Mappers {
    static final TomlMapper TOML = TomlMapper.builder().build();
    static final JsonMapper JSON = JsonMapper.builder().build();

    private Mappers() {}
  }

  private static final long MAX_FILE_SIZE = 1L << 20;

  private final List<RegistryRoute> routes;
  private final List<String> unqualifiedSearchRegistries;
  private final List<Path> sources;

  private RegistriesConfig(
      List<RegistryRoute> routes, List<String> unqualifiedSearchRegistries, List<Path> sources) {
    this.routes = List.copyOf(routes);
    this.unqualifiedSearchRegistries = List.copyOf(unqualifiedSearchRegistries);
    this.sources = List.copyOf(sources);
  }

  /** No settings: every registry is itself, without mirrors. */
  public static RegistriesConfig empty() {
    return new RegistriesConfig(List.of(), List.of(), List.of());
  }

  /** These settings only. */
  public static RegistriesConfig of(RegistryRoute... routes) {
    return empty().with(routes);
  }

  /**
   * The files containers tools and Docker read; see the class documentation for which and in what
   * order.
   */
  public static RegistriesConfig load() throws IOException {
    return load(System.getenv(), Path.of(System.getProperty("user.home")), Path.of("/"));
  }

  static RegistriesConfig load(Map<String, String> env, Path home, Path root) throws IOException {
    Optional<String> explicit =
        Optional.ofNullable(env.get("CONTAINERS_REGISTRIES_CONF")).filter(s -> !s.isBlank());
    Path userConfig =
        Optional.ofNullable(env.get("XDG_CONFIG_HOME"))
            .filter(s -> !s.isBlank())
            .map(Path::of)
            .orElse(home.resolve(".config"));
    RegistriesConfig config;
    if (explicit.isPresent()) {
      config = parse(Path.of(explicit.get()));
    } else {
      Path user = userConfig.resolve("containers/registries.conf");
      Path system = root.resolve("etc/containers/registries.conf");
      config = Files.exists(user) ? parse(user) : Files.exists(system) ? parse(system) : empty();
      for (Path dir :
          List.of(
              root.resolve("etc/containers/registries.conf.d"),
              userConfig.resolve("containers/registries.conf.d"))) {
        for (Path dropIn : dropIns(dir)) {
          config = parse(dropIn).withFallback(config);
        }
      }
    }
    for (Path daemon :
        List.of(root.resolve("etc/docker/daemon.json"), userConfig.resolve("docker/daemon.json"))) {
      if (Files.exists(daemon)) {
        config = config.withFallback(parseDaemonJson(daemon));
      }
    }
    return config;
  }

  private static List<Path> dropIns(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".conf")).sorted().toList();
    }
  }

  /**
   * A {@code registries.conf} (version 2).
   *
   * @throws RegistriesConfigException when it is not valid TOML, is in the version 1 format, or has
   *     a value of the wrong type or form
   */
  public static RegistriesConfig parse(Path registriesConf) throws IOException {
    JsonNode root = read(registriesConf, Mappers.TOML, "TOML");
    if (root.has("registries")) {
      throw new RegistriesConfigException(
          registriesConf,
          "the version 1 format ([registries.search], [registries.insecure], [registries.block]) is not supported;"
              + " use version 2 ([[registry]] tables)");
    }
    List<RegistryRoute> routes = new ArrayList<>();
    JsonNode tables = root.path("registry");
    if (!tables.isMissingNode() && !tables.isArray()) {
      throw new RegistriesConfigException(
          registriesConf, "registry must be an array of tables ([[registry]])");
    }
    int index = 0;
    for (JsonNode table : tables) {
      index++;
      try {
        routes.add(route(table));
      } catch (IllegalArgumentException | ClassCastException e) {
        throw new RegistriesConfigException(
            registriesConf, "[[registry]] number " + index + ": " + e.getMessage());
      }
    }
    List<String> search = new ArrayList<>();
    for (JsonNode s : root.path("unqualified-search-registries")) {
      search.add(s.asString(""));
    }
    Map<String, RegistryRoute> byPrefix = new LinkedHashMap<>();
    for (RegistryRoute r : routes) {
      if (byPrefix.put(r.prefix(), r) != null) {
        throw new RegistriesConfigException(
            registriesConf, "two [[registry]] tables have the prefix " + r.prefix());
      }
    }
    return new RegistriesConfig(routes, search, List.of(registriesConf));
  }

  private static RegistryRoute route(JsonNode table) {
    String location = text(table, "location");
    String prefix = text(table, "prefix");
    if (prefix.isEmpty() && location.isEmpty()) {
      throw new IllegalArgumentException("needs a prefix or a location");
    }
    RegistryRoute route = RegistryRoute.of(prefix.isEmpty() ? location : prefix);
    if (!location.isEmpty() && !prefix.isEmpty()) {
      route = route.withLocation(location);
    }
    if (bool(table, "insecure")) {
      route = route.insecure();
    }
    if (bool(table, "blocked")) {
      route = route.blocked();
    }
    if (bool(table, "mirror-by-digest-only")) {
      route = route.mirrorByDigestOnly();
    }
    List<Mirror> mirrors = new ArrayList<>();
    for (JsonNode m : table.path("mirror")) {
      Mirror mirror = Mirror.of(text(m, "location"));
      if (bool(m, "insecure")) {
        mirror = mirror.insecure();
      }
      String pullFrom = text(m, "pull-from-mirror");
      switch (pullFrom) {
        case "":
        case "all":
          break;
        case "digest-only":
          mirror = mirror.pullFrom(Mirror.PullFrom.DIGEST_ONLY);
          break;
        case "tag-only":
          mirror = mirror.pullFrom(Mirror.PullFrom.TAG_ONLY);
          break;
        default:
          throw new IllegalArgumentException(
              "pull-from-mirror must be all, digest-only or tag-only, not \"" + pullFrom + "\"");
      }
      mirrors.add(mirror);
    }
    return route.withMirrors(mirrors);
  }

  private static String text(JsonNode table, String key) {
    JsonNode v = table.path(key);
    if (v.isMissingNode()) {
      return "";
    }
    if (!v.isString()) {
      throw new IllegalArgumentException(key + " must be a string");
    }
    return v.asString().strip();
  }

  private static boolean bool(JsonNode table, String key) {
    JsonNode v = table.path(key);
    if (v.isMissingNode()) {
      return false;
    }
    if (!v.isBoolean()) {
      throw new IllegalArgumentException(key + " must be true or false");
    }
    return v.asBoolean();
  }

  /**
   * Docker's {@code daemon.json}: its {@code registry-mirrors} ({@code https://mirror.gcr.io}; an
   * {@code http://} one is insecure) as mirrors of Docker Hub, the only registry Docker mirrors.
   *
   * @throws RegistriesConfigException when it is not valid JSON or a mirror is not a URL of a host
   */
  public static RegistriesConfig parseDaemonJson(Path daemonJson) throws IOException {
    JsonNode root = read(daemonJson, Mappers.JSON, "JSON");
    List<Mirror> mirrors = new ArrayList<>();
    for (JsonNode url : root.path("registry-mirrors")) {
      String u = url.asString("").strip();
      String lower = u.toLowerCase(Locale.ROOT);
      boolean plain = lower.startsWith("http://");
      String location = plain ? u.substring(7) : lower.startsWith("https://") ? u.substring(8) : u;
      try {
        Mirror mirror = Mirror.of(location);
        mirrors.add(plain ? mirror.insecure() : mirror);
      } catch (IllegalArgumentException e) {
        throw new RegistriesConfigException(daemonJson, "registry-mirrors: " + e.getMessage());
      }
    }
    if (mirrors.isEmpty()) {
      return new RegistriesConfig(List.of(), List.of(), List.of(daemonJson));
    }
    return new RegistriesConfig(
        List.of(RegistryRoute.of("docker.io").withMirrors(mirrors)),
        List.of(),
        List.of(daemonJson));
  }

  private static JsonNode read(Path file, tools.jackson.databind.ObjectMapper mapper, String format)
      throws IOException {
    byte[] content;
    try {
      if (Files.size(file) > MAX_FILE_SIZE) {
        throw new RegistriesConfigException(file, "larger than " + MAX_FILE_SIZE + " bytes");
      }
      content = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new RegistriesConfigException(file, "no such file");
    }
    try {
      JsonNode root = mapper.readTree(content);
      if (root == null || root.isMissingNode() || root.isNull()) {
        return Mappers.JSON.createObjectNode();
      }
      if (!root.isObject()) {
        throw new RegistriesConfigException(file, "not a " + format + " object");
      }
      return root;
    } catch (JacksonException e) {
      String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
      throw new RegistriesConfigException(
          file, "not valid " + format + where + ": " + e.getOriginalMessage());
    }
  }

  /** These settings, with {@code routes} replacing any of the same prefix. */
  public RegistriesConfig with(RegistryRoute... routes) {
    return new RegistriesConfig(List.of(routes), List.of(), List.of()).withFallback(this);
  }

  /**
   * These settings, completed by {@code lower}: its routes for prefixes not set here, its {@code
   * unqualified-search-registries} if none are set here.
   */
  public RegistriesConfig withFallback(RegistriesConfig lower) {
    Objects.requireNonNull(lower, "lower");
    Map<String, RegistryRoute> byPrefix = new LinkedHashMap<>();
    for (RegistryRoute r : lower.routes) {
      byPrefix.put(r.prefix(), r);
    }
    for (RegistryRoute r : routes) {
      byPrefix.remove(r.prefix());
    }
    List<RegistryRoute> merged = new ArrayList<>(routes);
    merged.addAll(byPrefix.values());
    List<Path> files = new ArrayList<>(sources);
    lower.sources.stream().filter(p -> !files.contains(p)).forEach(files::add);
    return new RegistriesConfig(
        merged,
        unqualifiedSearchRegistries.isEmpty()
            ? lower.unqualifiedSearchRegistries
            : unqualifiedSearchRegistries,
        files);
  }

  /** Every route, highest precedence first. */
  public List<RegistryRoute> routes() {
    return routes;
  }

  /**
   * {@code unqualified-search-registries}, for display only: RegistryKit resolves short names as
   * Docker does ({@code alpine} is {@code docker.io/library/alpine}) and never searches these.
   */
  public List<String> unqualifiedSearchRegistries() {
    return unqualifiedSearchRegistries;
  }

  /** The files these settings were read from, highest precedence first. */
  public List<Path> sources() {
    return sources;
  }

  /** The route for {@code repository}: the one with the longest matching prefix. */
  public Optional<RegistryRoute> routeFor(Repository repository) {
    return routes.stream()
        .filter(r -> r.matches(repository))
        .max(Comparator.comparingInt(RegistryRoute::specificity));
  }

  /**
   * The route for the whole of {@code registry} (its catalog, its {@code /v2/}): the one whose
   * prefix is the registry's name, else the most specific wildcard matching its host. Routes for a
   * namespace in it ({@code example.com/team}) do not apply to the whole registry.
   */
  public Optional<RegistryRoute> routeFor(Registry registry) {
    return routes.stream()
        .filter(r -> r.prefix().equals(registry.name()) || r.matchesHostOf(registry))
        .max(Comparator.comparingInt(RegistryRoute::specificity));
  }

  /**
   * Where a pull of {@code reference} is tried, in order: the mirrors that serve it (by digest or
   * by tag), then the primary location. A blocked registry has none.
   */
  public List<PullSource> pullSources(ImageReference reference) {
    Repository repository = reference.repository();
    Optional<RegistryRoute> route = routeFor(repository);
    if (route.isEmpty()) {
      return List.of(new PullSource(repository, false, false));
    }
    RegistryRoute r = route.get();
    if (r.isBlocked()) {
      return List.of();
    }
    boolean byDigest = reference.digest().isPresent();
    List<PullSource> sources = new ArrayList<>();
    if (byDigest || !r.isMirrorByDigestOnly()) {
      for (Mirror m : r.mirrors()) {
        if (m.serves(byDigest)) {
          sources.add(new PullSource(r.at(m, repository), true, m.isInsecure()));
        }
      }
    }
    sources.add(new PullSource(r.primary(repository), false, r.isInsecure()));
    return sources;
  }

  /**
   * Where pushes to {@code repository} go: its primary location (never a mirror); empty when
   * blocked.
   */
  public Optional<Repository> pushTarget(Repository repository) {
    Optional<RegistryRoute> route = routeFor(repository);
    if (route.isPresent() && route.get().isBlocked()) {
      return Optional.empty();
    }
    return Optional.of(route.map(r -> r.primary(repository)).orElse(repository));
  }

  @Override
  public String toString() {
    return "RegistriesConfig" + routes + (sources.isEmpty() ? "" : " from " + sources);
  }
}
