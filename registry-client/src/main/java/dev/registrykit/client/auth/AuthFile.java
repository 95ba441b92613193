package dev.registrykit.client.auth;

import dev.registrykit.client.errors.RegistryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Credentials from a Docker {@code config.json} or a Podman {@code auth.json} (the same format):
 * {@code credHelpers} per registry, then {@code credsStore}, then {@code auths} entries with {@code
 * auth} (base64 {@code user:password}) or {@code identitytoken}. Read on every lookup, so {@code
 * docker login} in another terminal is picked up; a missing file has no credentials.
 *
 * @see <a href="https://docs.docker.com/reference/cli/docker/login/#credential-stores">docker
 *     login: credential stores</a>
 */
final class AuthFile implements CredentialProvider {
  /**
   * The key Docker files Docker Hub credentials under, and the server URL its helpers are asked
   * for.
   */
  static final String DOCKER_HUB_KEY = "https://index.docker.io/v1/";

  /**
   * Made when a file is read, not when a credential chain is built: a build whose registry asks for
   * no credentials never pays for a mapper.
   */
  static final class Json {
    // Big decimals, so that numbers in keys this library does not know survive a rewrite exactly.
    static final JsonMapper MAPPER =
        JsonMapper.builder()
            .enable(tools.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private Json() {}
  }

  private static final long MAX_SIZE = 16L << 20;

  private final Path file;
  private final List<Path> helperPath;
  private final Duration helperTimeout;

  AuthFile(Path file, List<Path> helperPath, Duration helperTimeout) {
    this.file = file;
    this.helperPath = List.copyOf(helperPath);
    this.helperTimeout = helperTimeout;
  }

  @Override
  public Optional<Credential> credentialFor(String registry) throws IOException {
    Optional<JsonNode> root = read(file);
    if (root.isEmpty()) {
      return Optional.empty();
    }
    String wanted = CredentialProviders.canonicalRegistry(registry);
    String serverUrl = serverUrl(wanted);
    Optional<CredentialHelper> helper =
        helperFor(root.get(), wanted, file, helperPath, helperTimeout);
    if (helper.isPresent()) {
      Optional<Credential> stored = helper.get().get(serverUrl);
      // A registry's own credHelpers entry is authoritative; credsStore falls back to auths, as
      // Docker's.
      if (stored.isPresent() || ownHelper(root.get(), wanted).isPresent()) {
        return stored;
      }
    }
    return entry(root.get().path("auths"), wanted).flatMap(AuthFile::fromAuthsEntry);
  }

  /**
   * The key Docker files {@code canonicalRegistry}'s credentials under, and the server URL its
   * helpers get.
   */
  static String serverUrl(String canonicalRegistry) {
    return canonicalRegistry.equals("docker.io") ? DOCKER_HUB_KEY : canonicalRegistry;
  }

  /**
   * The credential helper Docker uses for {@code canonicalRegistry}: its {@code credHelpers} entry,
   * else {@code credsStore}; empty when credentials live in {@code auths}.
   */
  static Optional<CredentialHelper> helperFor(
      JsonNode root,
      String canonicalRegistry,
      Path file,
      List<Path> helperPath,
      Duration helperTimeout) {
    Optional<String> own = ownHelper(root, canonicalRegistry);
    if (own.isPresent()) {
      return Optional.of(
          new CredentialHelper(own.get(), helperPath, helperTimeout, "credHelpers in " + file));
    }
    String store = root.path("credsStore").asString("");
    if (!store.isEmpty()) {
      return Optional.of(
          new CredentialHelper(store, helperPath, helperTimeout, "credsStore in " + file));
    }
    return Optional.empty();
  }

  private static Optional<String> ownHelper(JsonNode root, String canonicalRegistry) {
    return entry(root.path("credHelpers"), canonicalRegistry)
        .map(n -> n.asString(""))
        .filter(n -> !n.isEmpty());
  }

  /** The file's JSON object; empty when the file is missing or blank. */
  static Optional<JsonNode> read(Path file) throws IOException {
    byte[] content;
    try {
      if (Files.size(file) > MAX_SIZE) {
        throw new RegistryException("", "credentials file " + file + " is too large to be one");
      }
      content = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    if (new String(content, StandardCharsets.UTF_8).isBlank()) {
      return Optional.empty();
    }
    try {
      JsonNode root = Json.MAPPER.readTree(content);
      if (!root.isObject()) {
        throw new RegistryException("", "credentials file " + file + " is not a JSON object");
      }
      return Optional.of(root);
    } catch (JacksonException e) {
      // The parser's message may quote the file's content (secrets): give only the location.
      String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
      throw new RegistryException("", "credentials file " + file + " is not valid JSON" + where);
    }
  }

  /**
   * The entry for {@code registry} in a map keyed by registry: exact host keys first, then keys
   * with a scheme or path ({@code https://index.docker.io/v1/}, Podman's {@code
   * quay.io/namespace}).
   */
  static Optional<JsonNode> entry(JsonNode map, String registry) {
    if (!map.isObject()) {
      return Optional.empty();
    }
    JsonNode fallback = null;
    for (Map.Entry<String, JsonNode> e : map.properties()) {
      String key = e.getKey().trim();
      if (!CredentialProviders.canonicalRegistry(key).equals(registry)) {
        continue;
      }
      boolean bare =
          key.equalsIgnoreCase(registry) || key.equals(DOCKER_HUB_KEY) || key.indexOf('/') < 0;
      if (bare) {
        return Optional.of(e.getValue());
      }
      if (fallback == null) {
        fallback = e.getValue();
      }
    }
    return Optional.ofNullable(fallback);
  }

  private static Optional<Credential> fromAuthsEntry(JsonNode entry) {
    String auth = entry.path("auth").asString("");
    String identityToken = entry.path("identitytoken").asString("");
    Optional<String> username = Optional.empty();
    Optional<String> password = Optional.empty();
    if (!auth.isEmpty()) {
      String decoded;
      try {
        decoded = new String(Base64.getMimeDecoder().decode(auth), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return Optional.empty(); // not base64: unusable, like Docker
      }
      int colon = decoded.indexOf(':');
      if (colon > 0) {
        username = Optional.of(decoded.substring(0, colon));
        password = Optional.of(decoded.substring(colon + 1));
      }
    } else if (!entry.path("username").asString("").isEmpty()) {
      username = Optional.of(entry.path("username").asString(""));
      password = Optional.of(entry.path("password").asString(""));
    }
    if (!identityToken.isEmpty()) {
      return Optional.of(new Credential.IdentityToken(username, identityToken));
    }
    if (username.isPresent() && username.get().indexOf(':') < 0) {
      return Optional.of(Credential.usernamePassword(username.get(), password.orElse("")));
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "AuthFile[" + file + "]";
  }
}
