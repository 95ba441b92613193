package dev.registrykit.client.auth;

import dev.registrykit.core.reference.Registry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Ready-made {@link CredentialProvider}s: fixed credentials, chains, and the files Docker and
 * Podman keep after {@code docker login} / {@code podman login}, with Docker's credential helpers.
 *
 * <p>{@link #defaultChain()} looks where Docker does, then where Podman does:
 *
 * <ol>
 *   <li>{@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}: {@code credHelpers}
 *       for the registry, then {@code credsStore}, then {@code auths} ({@code auth} or {@code
 *       identitytoken});
 *   <li>{@code $REGISTRY_AUTH_FILE} if set, else {@code $XDG_RUNTIME_DIR/containers/auth.json} and
 *       {@code $XDG_CONFIG_HOME/containers/auth.json} (default {@code ~/.config}).
 * </ol>
 *
 * <p>Explicit credentials go first: {@code chain(fixed(registry, credential), defaultChain())}.
 * Credential helpers ({@code docker-credential-<name>}) are looked up on this process's {@code
 * PATH} and must answer within 30 seconds.
 *
 * <p>Registry names are compared case-insensitively, and Docker Hub's names {@code docker.io},
 * {@code index.docker.io} and {@code registry-1.docker.io} are one registry, as in Docker.
 */
public final class CredentialProviders {
  private CredentialProviders() {}

  /** How long a credential helper may take to answer. */
  static final Duration HELPER_TIMEOUT = Duration.ofSeconds(30);

  /** Docker's file, then Podman's: see the class documentation. */
  public static CredentialProvider defaultChain() {
    Environment env = Environment.system();
    return chain(dockerConfig(env), podmanAuthFile(env));
  }

  /** Docker's {@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}. */
  public static CredentialProvider dockerConfig() {
    return dockerConfig(Environment.system());
  }

  /** The Docker {@code config.json} at {@code configJson}, with its credential helpers. */
  public static CredentialProvider dockerConfig(Path configJson) {
    return new AuthFile(configJson, Environment.system().path(), HELPER_TIMEOUT);
  }

  /**
   * Podman's {@code $REGISTRY_AUTH_FILE}, else its {@code auth.json} under the XDG runtime and
   * config directories.
   */
  public static CredentialProvider podmanAuthFile() {
    return podmanAuthFile(Environment.system());
  }

  /** The Podman (or skopeo, buildah) {@code auth.json} at {@code authJson}. */
  public static CredentialProvider podmanAuthFile(Path authJson) {
    return new AuthFile(authJson, Environment.system().path(), HELPER_TIMEOUT);
  }

  static CredentialProvider dockerConfig(Environment env) {
    return new AuthFile(dockerConfigFile(env), env.path(), env.helperTimeout());
  }

  /** {@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}. */
  static Path dockerConfigFile(Environment env) {
    Path dir = env.get("DOCKER_CONFIG").map(Path::of).orElse(env.home().resolve(".docker"));
    return dir.resolve("config.json");
  }

  static CredentialProvider podmanAuthFile(Environment env) {
    Optional<String> explicit = env.get("REGISTRY_AUTH_FILE");
    if (explicit.isPresent()) {
      return new AuthFile(Path.of(explicit.get()), env.path(), env.helperTimeout());
    }
    List<CredentialProvider> files = new ArrayList<>();
    env.get("XDG_RUNTIME_DIR")
        .ifPresent(
            dir ->
                files.add(
                    new AuthFile(
                        Path.of(dir, "containers", "auth.json"), env.path(), env.helperTimeout())));
    Path config = env.get("XDG_CONFIG_HOME").map(Path::of).orElse(env.home().resolve(".config"));
    files.add(
        new AuthFile(
            config.resolve("containers").resolve("auth.json"), env.path(), env.helperTimeout()));
    return chain(files);
  }

  /**
   * The process environment the file providers read: variables, the home directory, the helper
   * timeout. A test seam.
   */
  record Environment(Map<String, String> variables, Path home, Duration helperTimeout) {
    Environment {
      variables = Map.copyOf(variables);
      Objects.requireNonNull(home, "home");
      Objects.requireNonNull(helperTimeout, "helperTimeout");
    }

    static Environment system() {
      return new Environment(
          System.getenv(), Path.of(System.getProperty("user.home")), HELPER_TIMEOUT);
    }

    Optional<String> get(String name) {
      return Optional.ofNullable(variables.get(name)).filter(v -> !v.isBlank());
    }

    List<Path> path() {
      List<Path> dirs = new ArrayList<>();
      for (String dir : get("PATH").orElse("").split(java.io.File.pathSeparator)) {
        if (!dir.isBlank()) {
          dirs.add(Path.of(dir));
        }
      }
      return dirs;
    }
  }

  /** No credentials for any registry. */
  public static CredentialProvider anonymous() {
    return registry -> Optional.empty();
  }

  /** {@code credential} for {@code registry} (and its Docker Hub aliases), nothing for others. */
  public static CredentialProvider fixed(String registry, Credential credential) {
    String key = canonicalRegistry(registry);
    Objects.requireNonNull(credential, "credential");
    return new CredentialProvider() {
      @Override
      public Optional<Credential> credentialFor(String r) {
        return canonicalRegistry(r).equals(key) ? Optional.of(credential) : Optional.empty();
      }

      @Override
      public String toString() {
        return "fixed(" + key + ", " + credential + ")";
      }
    };
  }

  /** {@code credential} for {@code registry} (and its Docker Hub aliases), nothing for others. */
  public static CredentialProvider fixed(Registry registry, Credential credential) {
    return fixed(registry.toString(), credential);
  }

  /** The first credential any of {@code providers} has, asked in order. */
  public static CredentialProvider chain(CredentialProvider... providers) {
    return chain(List.of(providers));
  }

  /** The first credential any of {@code providers} has, asked in order. */
  public static CredentialProvider chain(List<CredentialProvider> providers) {
    List<CredentialProvider> copy = List.copyOf(providers);
    return registry -> {
      for (CredentialProvider provider : copy) {
        Optional<Credential> credential = provider.credentialFor(registry);
        if (credential.isPresent()) {
          return credential;
        }
      }
      return Optional.empty();
    };
  }

  /**
   * The registry name credentials are filed under: lower case, {@code http(s)://} and any path
   * stripped ({@code https://index.docker.io/v1/} → {@code index.docker.io}, as Docker's {@code
   * ConvertToHostname}), and Docker Hub's host names folded into {@code docker.io}.
   */
  public static String canonicalRegistry(String registry) {
    String r = registry.trim().toLowerCase(Locale.ROOT);
    if (r.startsWith("https://")) {
      r = r.substring(8);
    } else if (r.startsWith("http://")) {
      r = r.substring(7);
    }
    int slash = r.indexOf('/');
    if (slash >= 0) {
      r = r.substring(0, slash);
    }
    if (r.equals("index.docker.io")
        || r.equals("registry-1.docker.io")
        || r.equals("registry.hub.docker.com")) {
      return "docker.io";
    }
    return r;
  }
}
