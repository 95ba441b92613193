package dev.registrykit.client.auth;

import dev.registrykit.client.errors.RegistryException;
import dev.registrykit.core.internal.AtomicFiles;
import dev.registrykit.core.reference.Registry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stores and erases credentials where {@code docker login} and {@code docker logout} do, so that
 * Docker, Podman, skopeo and every {@link CredentialProviders#defaultChain()} find them:
 *
 * <ol>
 *   <li>the registry's {@code credHelpers} helper, else the {@code credsStore} helper, through the
 *       credential-helper protocol's {@code store} and {@code erase}; the file then keeps an empty
 *       {@code auths} entry for the registry, as Docker's does;
 *   <li>otherwise base64 {@code user:password} ({@code auth}) or an {@code identitytoken} in the
 *       file's {@code auths}.
 * </ol>
 *
 * <p>Docker Hub is filed under {@code https://index.docker.io/v1/}, other registries under their
 * lower-case {@code host[:port]}. The file is rewritten atomically (a temporary file in the same
 * directory, then a rename) with permissions {@code 0600}; every key this class does not manage is
 * kept as it was, and a file that is not valid JSON is refused, never overwritten. A symbolic link
 * is followed, so the file it points to is updated and the link stays.
 *
 * <p>Thread-safe within one JVM; like Docker, it does not lock against other processes.
 *
 * @see <a href="https://docs.docker.com/reference/cli/docker/login/">docker login</a>
 * @see <a href="https://github.com/docker/docker-credential-helpers#development">credential-helper
 *     protocol</a>
 */
public final class DockerCredentialStore {
  private static final Object WRITE_LOCK = new Object();
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private final Path file;
  private final List<Path> helperPath;
  private final Duration helperTimeout;

  private DockerCredentialStore(Path file, List<Path> helperPath, Duration helperTimeout) {
    this.file = file;
    this.helperPath = List.copyOf(helperPath);
    this.helperTimeout = helperTimeout;
  }

  /** Docker's own file: {@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}. */
  public static DockerCredentialStore dockerConfig() {
    return of(CredentialProviders.Environment.system());
  }

  /**
   * The Docker {@code config.json} (or Podman {@code auth.json}) at {@code configJson}; helpers are
   * looked up on this process's {@code PATH}.
   */
  public static DockerCredentialStore of(Path configJson) {
    CredentialProviders.Environment env = CredentialProviders.Environment.system();
    return new DockerCredentialStore(
        Objects.requireNonNull(configJson, "configJson"), env.path(), env.helperTimeout());
  }

  static DockerCredentialStore of(CredentialProviders.Environment env) {
    return new DockerCredentialStore(
        CredentialProviders.dockerConfigFile(env), env.path(), env.helperTimeout());
  }

  static DockerCredentialStore of(Path configJson, CredentialProviders.Environment env) {
    return new DockerCredentialStore(configJson, env.path(), env.helperTimeout());
  }

  /**
   * The key Docker files {@code registry}'s credentials under, and the server URL its helpers are
   * given: {@code https://index.docker.io/v1/} for Docker Hub, the lower-case {@code host[:port]}
   * else.
   */
  public static String serverKey(Registry registry) {
    return AuthFile.serverUrl(CredentialProviders.canonicalRegistry(registry.toString()));
  }

  /** The configuration file this store reads and writes. */
  public Path file() {
    return file;
  }

  /** Reads back what this store holds, as {@link CredentialProviders#dockerConfig(Path)} does. */
  public CredentialProvider provider() {
    return new AuthFile(file, helperPath, helperTimeout);
  }

  /**
   * Stores {@code credential} for {@code registry}, replacing what was stored for it.
   *
   * @param credential a {@link Credential.UsernamePassword} or {@link Credential.IdentityToken}
   * @return where it went
   * @throws IllegalArgumentException for other kinds of credential
   * @throws RegistryException when the file is not valid JSON or the helper fails; nothing is
   *     changed
   */
  public Location store(Registry registry, Credential credential) throws IOException {
    Objects.requireNonNull(registry, "registry");
    if (!(credential instanceof Credential.UsernamePassword
        || credential instanceof Credential.IdentityToken)) {
      throw new IllegalArgumentException(
          "only a user name and password or an identity token can be stored, not "
              + credential.getClass().getSimpleName());
    }
    String wanted = CredentialProviders.canonicalRegistry(registry.toString());
    String key = AuthFile.serverUrl(wanted);
    synchronized (WRITE_LOCK) {
      ObjectNode root = readForUpdate();
      Optional<CredentialHelper> helper =
          AuthFile.helperFor(root, wanted, file, helperPath, helperTimeout);
      ObjectNode auths = auths(root);
      removeEntries(auths, wanted);
      ObjectNode entry = auths.putObject(key);
      if (helper.isPresent()) {
        helper.get().store(key, credential);
        // Docker keeps an entry without secrets beside a helper, so that `docker logout` knows of
        // it.
        write(root);
        return new Location(file, Optional.of(helper.get().name()));
      }
      if (credential instanceof Credential.UsernamePassword) {
        Credential.UsernamePassword up = (Credential.UsernamePassword) credential;
        entry.put("auth", base64(up.username() + ":" + up.password()));
      } else {
        Credential.IdentityToken token = (Credential.IdentityToken) credential;
        token.username().ifPresent(u -> entry.put("auth", base64(u + ":")));
        entry.put("identitytoken", token.token());
      }
      write(root);
      return new Location(file, Optional.empty());
    }
  }

  /**
   * {@link #store(Registry, Credential)} for a registry given by name ({@code ghcr.io}, {@code
   * https://index.docker.io/v1/}).
   */
  public Location store(String registry, Credential credential) throws IOException {
    return store(Registry.parse(CredentialProviders.canonicalRegistry(registry)), credential);
  }

  /**
   * Erases what is stored for {@code registry}: from its helper, and every {@code auths} entry for
   * it (also those filed under {@code https://host} or with a path, as {@code docker logout} does).
   *
   * @return whether anything was stored
   * @throws RegistryException when the file is not valid JSON or the helper fails; nothing is
   *     changed
   */
  public boolean erase(Registry registry) throws IOException {
    Objects.requireNonNull(registry, "registry");
    String wanted = CredentialProviders.canonicalRegistry(registry.toString());
    synchronized (WRITE_LOCK) {
      Optional<JsonNode> existing = AuthFile.read(resolved());
      if (existing.isEmpty()) {
        return false;
      }
      ObjectNode root = (ObjectNode) existing.get();
      Optional<CredentialHelper> helper =
          AuthFile.helperFor(root, wanted, file, helperPath, helperTimeout);
      boolean erased = helper.isPresent() && helper.get().erase(AuthFile.serverUrl(wanted));
      JsonNode auths = root.path("auths");
      if (auths instanceof ObjectNode && removeEntries((ObjectNode) auths, wanted)) {
        write(root);
        erased = true;
      }
      return erased;
    }
  }

  /** {@link #erase(Registry)} for a registry given by name. */
  public boolean erase(String registry) throws IOException {
    return erase(Registry.parse(CredentialProviders.canonicalRegistry(registry)));
  }

  @Override
  public String toString() {
    return "DockerCredentialStore[" + file + "]";
  }

  /**
   * Where {@link #store} put a credential: the configuration file, and the helper ({@code desktop},
   * {@code pass}, {@code osxkeychain}) that holds the secret, if one does.
   *
   * @param file the configuration file
   * @param helper the credential helper's name, empty when the secret is in {@code file},
   *     base64-encoded but not encrypted
   */
  public record Location(Path file, Optional<String> helper) {
    /** Validates the components. */
    public Location {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(helper, "helper");
    }

    /** {@code docker-credential-pass}, or the file. */
    @Override
    public String toString() {
      return helper.map(h -> "docker-credential-" + h).orElse(file.toString());
    }
  }

  // ---------------------------------------------------------------------------------------------

  private static String base64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private ObjectNode readForUpdate() throws IOException {
    return AuthFile.read(resolved())
        .map(n -> (ObjectNode) n)
        .orElseGet(AuthFile.Json.MAPPER::createObjectNode);
  }

  private static ObjectNode auths(ObjectNode root) throws RegistryException {
    JsonNode auths = root.path("auths");
    if (auths.isMissingNode() || auths.isNull()) {
      return root.putObject("auths");
    }
    if (!(auths instanceof ObjectNode)) {
      throw new RegistryException("", "\"auths\" is not a JSON object; not changing the file");
    }
    return (ObjectNode) auths;
  }

  /** Removes every key filed for {@code canonicalRegistry}; whether there was one. */
  private static boolean removeEntries(ObjectNode auths, String canonicalRegistry) {
    List<String> keys = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : auths.properties()) {
      if (CredentialProviders.canonicalRegistry(e.getKey()).equals(canonicalRegistry)) {
        keys.add(e.getKey());
      }
    }
    keys.forEach(auths::remove);
    return !keys.isEmpty();
  }

  /**
   * The file, with a symbolic link (a dotfiles checkout, a mounted secret) followed to its target.
   */
  private Path resolved() throws IOException {
    Path target = file.toAbsolutePath();
    for (int hops = 0; Files.isSymbolicLink(target); hops++) {
      if (hops > 40) {
        throw new RegistryException("", "too many symbolic links at " + file);
      }
      target = target.resolveSibling(Files.readSymbolicLink(target)).normalize();
    }
    return target;
  }

  private void write(ObjectNode root) throws IOException {
    Path target = resolved();
    // An absolute file path always has a parent directory.
    Path dir =
        Objects.requireNonNull(target.toAbsolutePath().getParent(), "directory of " + target);
    boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir)) {
      if (posix) {
        Files.createDirectories(
            dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectories(dir);
      }
    }
    byte[] content = AuthFile.Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    Path temp = temporaryFile(dir, target.getFileName().toString(), posix);
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
          OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
        out.write(content);
        out.write('\n');
        out.flush();
        channel.force(true);
      }
      AtomicFiles.move(temp, target);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static Path temporaryFile(Path dir, String name, boolean posix) throws IOException {
    FileAttribute<?>[] attributes =
        posix
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
            : new FileAttribute<?>[0];
    for (int i = 0; ; i++) {
      Path candidate =
          dir.resolve(
              "."
                  + name
                  + ".tmp-"
                  + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36));
      try {
        return Files.createFile(candidate, attributes);
      } catch (FileAlreadyExistsException e) {
        if (i > 10) {
          throw e;
        }
      }
    }
  }
}
