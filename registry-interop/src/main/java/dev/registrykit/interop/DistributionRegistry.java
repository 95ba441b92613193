package dev.registrykit.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real CNCF Distribution registry ({@code docker-registry serve}) running as a child process on a
 * free 127.0.0.1 port, with its own configuration and a temporary storage directory.
 *
 * <p>Typical use in an interop test:
 *
 * <pre>{@code
 * Peers.requireInstalled();
 * try (DistributionRegistry registry = DistributionRegistry.builder()
 *     .basicAuth(PeerCredentials.of("alice", "secret"))
 *     .tls()
 *     .start()) {
 *   URI base = registry.baseUri();                    // https://127.0.0.1:PORT
 *   SSLContext trust = registry.tls().orElseThrow().clientSslContext();
 *   Skopeo.create().copy("oci:" + layout + ":v1", registry.dockerReference("demo/app:v1"),
 *       SkopeoAccess.local(), SkopeoAccess.of(registry));
 * }
 * }</pre>
 *
 * <p>The configuration: {@code version: 0.1}, filesystem storage with deletes enabled, {@code
 * http.addr} on loopback and a random {@code http.secret}; {@code http.tls} when {@link
 * Builder#tls()} is set; {@code auth.htpasswd} with bcrypt entries when {@link
 * Builder#basicAuth(PeerCredentials)} is; {@code auth.token} with a token server of our own on
 * another loopback port when {@link Builder#bearerAuth(PeerCredentials)} is. Every {@code
 * REGISTRY_*} environment variable is removed from the child's environment, since they override
 * configuration keys. {@link Builder#start()} returns once {@code GET /v2/} answers 200 or 401. The
 * registry's log (stdout and stderr) goes to {@link #logFile()}.
 *
 * <p>{@link #close()} stops the process by its pid ({@code destroy}, then {@code destroyForcibly})
 * (and the token server), and deletes the temporary directory with storage, configuration, keys and
 * log; a JVM shutdown hook does the same if a test never closes it. Thread-safe: accessors are
 * immutable, {@link #close()} is idempotent.
 */
public final class DistributionRegistry implements AutoCloseable {

  private static final int LOG_TAIL_LINES = 40;
  private static final int START_ATTEMPTS = 3;

  private final Process process;
  private final Path workDirectory;
  private final Path storageDirectory;
  private final Path logFile;
  private final String hostPort;
  private final Optional<PeerTls> tls;
  private final List<PeerCredentials> users;
  private final Optional<TokenServer> tokenServer;

  /** Kills the process if the JVM exits without {@link #close()} (e.g. a test timed out). */
  private final Thread shutdownHook;

  private boolean closed;

  private DistributionRegistry(
      Process process,
      Path workDirectory,
      Path storageDirectory,
      Path logFile,
      String hostPort,
      Optional<PeerTls> tls,
      List<PeerCredentials> users,
      Optional<TokenServer> tokenServer) {
    this.process = process;
    this.workDirectory = workDirectory;
    this.storageDirectory = storageDirectory;
    this.logFile = logFile;
    this.hostPort = hostPort;
    this.tls = tls;
    this.users = users;
    this.tokenServer = tokenServer;
    this.shutdownHook = new Thread(this::reap, "docker-registry-" + process.pid() + "-reaper");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * A builder for a plain-HTTP registry without auth; add {@link Builder#tls()} and {@link
   * Builder#basicAuth(PeerCredentials)} as needed.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a plain-HTTP registry without auth.
   *
   * @return the running registry
   * @throws IOException if it cannot be started or does not answer in time
   */
  public static DistributionRegistry startPlain() throws IOException {
    return builder().start();
  }

  /** Options for a {@link DistributionRegistry}. Not thread-safe; use once. */
  public static final class Builder {
    private final Map<String, PeerCredentials> users = new LinkedHashMap<>();

    /** Empty: no auth; else "basic" or "bearer". */
    private Optional<String> authMode = Optional.empty();

    private boolean tls;
    private Duration startupTimeout = Duration.ofSeconds(60);
    private String realm = "registrykit-test";

    private Builder() {}

    /**
     * Serves HTTPS with a server certificate signed by a CA generated for this registry (see {@link
     * DistributionRegistry#tls()}).
     *
     * @return this builder
     */
    public Builder tls() {
      this.tls = true;
      return this;
    }

    /**
     * Requires htpasswd basic auth and adds a user (call once per user).
     *
     * @param credentials the user
     * @return this builder
     * @throws IllegalArgumentException if a user of that name was already added
     * @throws IllegalStateException if {@link #bearerAuth(PeerCredentials)} was called
     */
    public Builder basicAuth(PeerCredentials credentials) {
      return addUser("basic", credentials);
    }

    /**
     * Requires Docker token auth and adds a user (call once per user): the registry answers 401
     * with {@code WWW-Authenticate: Bearer realm="http://127.0.0.1:P/token",service=
     * "registrykit-test",scope=…}, and a token server started with the registry hands out ES256
     * JWTs for {@code GET /token} with basic credentials or {@code POST /token} with {@code
     * grant_type=password}. Authenticated users get every action they ask for; anonymous requests
     * get a token that grants nothing; wrong credentials get 401. The registry verifies each token
     * itself (signature, issuer, audience, expiry, actions).
     *
     * @param credentials the user
     * @return this builder
     * @throws IllegalArgumentException if a user of that name was already added
     * @throws IllegalStateException if {@link #basicAuth(PeerCredentials)} was called
     */
    public Builder bearerAuth(PeerCredentials credentials) {
      return addUser("bearer", credentials);
    }

    private Builder addUser(String mode, PeerCredentials credentials) {
      Objects.requireNonNull(credentials, "credentials");
      if (authMode.isPresent() && !authMode.get().equals(mode)) {
        throw new IllegalStateException("basic and bearer auth cannot be combined");
      }
      if (users.putIfAbsent(credentials.username(), credentials) != null) {
        throw new IllegalArgumentException("duplicate user: " + credentials.username());
      }
      authMode = Optional.of(mode);
      return this;
    }

    /**
     * The realm of the {@code WWW-Authenticate: Basic} challenge; default {@code registrykit-test}.
     *
     * @param realm the realm, no quotes or line breaks
     * @return this builder
     */
    public Builder realm(String realm) {
      if (realm.isEmpty() || realm.matches(".*[\"\\r\\n\\\\].*")) {
        throw new IllegalArgumentException(
            "realm must be non-empty, without quotes or line breaks");
      }
      this.realm = realm;
      return this;
    }

    /**
     * How long {@link #start()} waits for {@code GET /v2/} to answer; default 60 s (the machine may
     * be busy).
     *
     * @param timeout a positive duration
     * @return this builder
     */
    public Builder startupTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive");
      }
      this.startupTimeout = timeout;
      return this;
    }

    /**
     * Writes the configuration and starts the registry.
     *
     * @return the running registry, answering {@code GET /v2/}
     * @throws IOException if the binary is missing, the process exits early, or it does not answer
     *     within the startup timeout; the message holds the tail of the registry's log
     */
    public DistributionRegistry start() throws IOException {
      Path binary =
          Peers.distributionBinary()
              .orElseThrow(
                  () ->
                      new IOException(
                          "docker-registry not installed; run `bash scripts/install-peers.sh`"));
      Path work = Files.createTempDirectory("registrykit-distribution-");
      Optional<TokenServer> tokenServer = Optional.empty();
      try {
        Optional<PeerTls> material =
            tls ? Optional.of(PeerTls.generate(work.resolve("tls"))) : Optional.empty();
        String auth = "";
        if (authMode.equals(Optional.of("basic"))) {
          Path htpasswd = writeHtpasswd(work.resolve("htpasswd"), users.values());
          auth =
              "auth:\n  htpasswd:\n    realm: "
                  + quote(realm)
                  + "\n    path: "
                  + quote(htpasswd.toString())
                  + "\n";
        } else if (authMode.equals(Optional.of("bearer"))) {
          tokenServer = Optional.of(TokenServer.start(work.resolve("token"), users));
          TokenServer t = tokenServer.get();
          auth =
              "auth:\n  token:\n    realm: "
                  + quote(t.realm().toString())
                  + "\n    service: "
                  + quote(TokenServer.SERVICE)
                  + "\n    issuer: "
                  + quote(TokenServer.ISSUER)
                  + "\n    rootcertbundle: "
                  + quote(t.rootCertBundle().toString())
                  + "\n";
        }
        Path storage = Files.createDirectories(work.resolve("storage"));
        IOException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
          int port = freePort();
          Path config = work.resolve("config.yml");
          Files.writeString(config, config(storage, port, material, auth), StandardCharsets.UTF_8);
          Path log = work.resolve("registry-" + attempt + ".log");
          ProcessBuilder pb = new ProcessBuilder(binary.toString(), "serve", config.toString());
          pb.environment().keySet().removeIf(k -> k.startsWith("REGISTRY_"));
          pb.redirectErrorStream(true).redirectOutput(log.toFile());
          pb.directory(work.toFile());
          Process process = pb.start();
          DistributionRegistry registry =
              new DistributionRegistry(
                  process,
                  work,
                  storage,
                  log,
                  "127.0.0.1:" + port,
                  material,
                  List.copyOf(users.values()),
                  tokenServer);
          try {
            registry.awaitReady(startupTimeout);
            return registry;
          } catch (IOException e) {
            registry.stopProcess();
            last = e;
            // Another process may have taken the port between probe and bind: try a new one.
            if (!readQuietly(log).contains("address already in use")) {
              break;
            }
          }
        }
        throw Objects.requireNonNull(last);
      } catch (IOException | RuntimeException e) {
        tokenServer.ifPresent(TokenServer::close);
        deleteRecursively(work);
        throw e;
      }
    }
  }

  private static String config(Path storage, int port, Optional<PeerTls> tls, String auth) {
    byte[] secret = new byte[24];
    new SecureRandom().nextBytes(secret);
    StringBuilder yml = new StringBuilder();
    yml.append("version: 0.1\n")
        .append("log:\n  level: info\n  formatter: text\n")
        .append("storage:\n")
        .append("  filesystem:\n    rootdirectory: ")
        .append(quote(storage.toString()))
        .append('\n')
        .append("  delete:\n    enabled: true\n")
        .append("  maintenance:\n    uploadpurging:\n      enabled: false\n")
        .append("http:\n")
        .append("  addr: 127.0.0.1:")
        .append(port)
        .append('\n')
        .append("  secret: ")
        .append(HexFormat.of().formatHex(secret))
        .append('\n');
    tls.ifPresent(
        t ->
            yml.append("  tls:\n")
                .append("    certificate: ")
                .append(quote(t.serverCertificatePem().toString()))
                .append('\n')
                .append("    key: ")
                .append(quote(t.serverPrivateKeyPem().toString()))
                .append('\n'));
    return yml.append(auth).toString();
  }

  /** A YAML double-quoted scalar; the inputs are paths and a validated realm. */
  private static String quote(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  /**
   * Writes the htpasswd file with Apache's own {@code htpasswd} tool (bcrypt, {@code -B}), the
   * format Distribution reads. Each password goes to the tool's standard input ({@code -i}), never
   * onto its command line, where other processes could read it.
   */
  private static Path writeHtpasswd(Path file, Iterable<PeerCredentials> users) throws IOException {
    Path htpasswd =
        Peers.htpasswdBinary()
            .orElseThrow(() -> new IOException("htpasswd not found; run scripts/install-peers.sh"));
    StringBuilder lines = new StringBuilder();
    for (PeerCredentials user : users) {
      // Cost 5 is the lowest htpasswd allows; it keeps each authenticated request cheap.
      Process process =
          new ProcessBuilder(htpasswd.toString(), "-inB", "-C", "5", user.username())
              .redirectErrorStream(true)
              .start();
      try (OutputStream in = process.getOutputStream()) {
        in.write(user.password().getBytes(StandardCharsets.UTF_8));
      }
      String out;
      try (InputStream stdout = process.getInputStream()) {
        out = new String(stdout.readNBytes(64 * 1024), StandardCharsets.UTF_8);
      }
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new IOException("htpasswd did not finish within 30 s");
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while running htpasswd", e);
      }
      String line = out.strip();
      if (process.exitValue() != 0 || !line.startsWith(user.username() + ":$2y$")) {
        // The tool's output names the user at most; it never holds the password.
        throw new IOException(
            "htpasswd failed (exit " + process.exitValue() + ") for user " + user.username());
      }
      lines.append(line).append('\n');
    }
    return Files.writeString(file, lines, StandardCharsets.UTF_8);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }

  private void awaitReady(Duration timeout) throws IOException {
    HttpClient.Builder clientBuilder =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1);
    tls.ifPresent(t -> clientBuilder.sslContext(t.clientSslContext()));
    HttpClient client = clientBuilder.build();
    HttpRequest request =
        HttpRequest.newBuilder(baseUri().resolve("/v2/"))
            .timeout(Duration.ofSeconds(5))
            .GET()
            .build();
    long deadline = System.nanoTime() + timeout.toNanos();
    String lastProblem = "no answer yet";
    while (true) {
      if (!process.isAlive()) {
        throw new IOException(
            "docker-registry exited with status "
                + process.exitValue()
                + " before answering "
                + request.uri()
                + "; log tail ("
                + logFile
                + "):\n"
                + logTail(LOG_TAIL_LINES));
      }
      try {
        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200 || response.statusCode() == 401) {
          return;
        }
        lastProblem = "status " + response.statusCode();
      } catch (IOException e) {
        lastProblem = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for docker-registry", e);
      }
      if (System.nanoTime() > deadline) {
        throw new IOException(
            "docker-registry did not answer GET "
                + request.uri()
                + " with 200 or 401 within "
                + timeout
                + " (last: "
                + lastProblem
                + "); log tail ("
                + logFile
                + "):\n"
                + logTail(LOG_TAIL_LINES));
      }
      sleep(50);
    }
  }

  private static void sleep(long millis) throws IOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /**
   * {@code host:port} of the registry, e.g. {@code 127.0.0.1:41234}: the registry part of image
   * references.
   *
   * @return host and port
   */
  public String hostPort() {
    return hostPort;
  }

  /**
   * The scheme, {@code http} or {@code https}.
   *
   * @return the scheme
   */
  public String scheme() {
    return tls.isPresent() ? "https" : "http";
  }

  /**
   * The base URI, e.g. {@code http://127.0.0.1:41234}; the API is under {@code /v2/}.
   *
   * @return the base URI, without a trailing slash
   */
  public URI baseUri() {
    return URI.create(scheme() + "://" + hostPort);
  }

  /**
   * A full image reference in this registry: {@code hostPort() + "/" + repositoryAndTag}.
   *
   * @param repositoryAndTag e.g. {@code demo/app:v1} or {@code demo/app@sha256:…}
   * @return e.g. {@code 127.0.0.1:41234/demo/app:v1}
   */
  public String reference(String repositoryAndTag) {
    return hostPort + "/" + repositoryAndTag;
  }

  /**
   * A skopeo image name for this registry: {@code "docker://" + reference(repositoryAndTag)}.
   *
   * @param repositoryAndTag e.g. {@code demo/app:v1}
   * @return e.g. {@code docker://127.0.0.1:41234/demo/app:v1}
   */
  public String dockerReference(String repositoryAndTag) {
    return "docker://" + reference(repositoryAndTag);
  }

  /**
   * The TLS material when the registry serves HTTPS: CA PEM, skopeo cert dir, client {@link
   * javax.net.ssl.SSLContext}.
   *
   * @return the material, or empty for plain HTTP
   */
  public Optional<PeerTls> tls() {
    return tls;
  }

  /**
   * The token realm when the registry uses bearer auth ({@link
   * Builder#bearerAuth(PeerCredentials)}).
   *
   * @return e.g. {@code http://127.0.0.1:41235/token}, or empty
   */
  public Optional<URI> tokenRealm() {
    return tokenServer.map(TokenServer::realm);
  }

  /**
   * The users (htpasswd or token server), in the order they were added.
   *
   * @return the users; empty when auth is off
   */
  public List<PeerCredentials> users() {
    return users;
  }

  /**
   * The first user, the one {@link SkopeoAccess#of(DistributionRegistry)} uses.
   *
   * @return the user, or empty when auth is off
   */
  public Optional<PeerCredentials> credentials() {
    return users.isEmpty() ? Optional.empty() : Optional.of(users.get(0));
  }

  /**
   * The registry's storage root (a temporary directory deleted on {@link #close()}).
   *
   * @return its path
   */
  public Path storageDirectory() {
    return storageDirectory;
  }

  /**
   * The file that receives the registry's stdout and stderr (deleted on {@link #close()}).
   *
   * @return its path
   */
  public Path logFile() {
    return logFile;
  }

  /**
   * The last lines of the registry's log, for failure messages.
   *
   * @param lines how many lines at most
   * @return the lines, joined with newlines
   */
  public String logTail(int lines) {
    List<String> all = new ArrayList<>(List.of(readQuietly(logFile).split("\n", -1)));
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  /**
   * The process id of the registry.
   *
   * @return the pid
   */
  public long pid() {
    return process.pid();
  }

  /**
   * Whether the registry process is still running.
   *
   * @return true while alive
   */
  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Stops the registry by its pid and deletes its temporary directory. Idempotent.
   *
   * @throws UncheckedIOException if the temporary directory cannot be deleted
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopProcess();
    tokenServer.ifPresent(TokenServer::close);
    try {
      deleteRecursively(workDirectory);
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + workDirectory, e);
    }
  }

  /** The shutdown hook: kill and clean up without waiting long (the JVM is exiting). */
  private void reap() {
    process.destroyForcibly();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
      deleteRecursively(workDirectory);
    } catch (IOException | InterruptedException e) {
      // Best effort while the JVM exits; a leftover temp directory is harmless.
    }
  }

  private void stopProcess() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down: the hook runs anyway, harmlessly.
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE;
            }
            throw e;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
            if (e != null) {
              throw e;
            }
            Files.deleteIfExists(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  @Override
  public String toString() {
    return "DistributionRegistry["
        + baseUri()
        + ", pid "
        + process.pid()
        + (users.isEmpty() ? "" : tokenServer.isPresent() ? ", bearer auth" : ", basic auth")
        + "]";
  }
}
