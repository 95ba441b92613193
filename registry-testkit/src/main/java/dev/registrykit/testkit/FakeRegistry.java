package dev.registrykit.testkit;

import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.digest.DigestAlgorithm;
import dev.registrykit.core.image.Image;
import dev.registrykit.core.image.ImageIndex;
import dev.registrykit.core.image.Layer;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.manifest.InvalidManifestException;
import dev.registrykit.core.manifest.MediaType;
import dev.registrykit.core.manifest.RawManifest;
import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.core.reference.Registry;
import dev.registrykit.core.reference.Repository;
import dev.registrykit.testkit.internal.server.RegistryServer;
import dev.registrykit.testkit.internal.server.ServerSettings;
import dev.registrykit.testkit.internal.storage.StoredContent;
import dev.registrykit.testkit.internal.storage.StoredManifest;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;

/**
 * An in-memory OCI registry for tests, serving the whole OCI Distribution API v1.1 over HTTP (or
 * HTTPS) on a loopback port: pull, push (monolithic, chunked, single {@code POST}),
 * cross-repository mount, tags and catalog with pagination, deletes and the referrers API; with
 * optional basic or bearer-token authentication, injectable {@link Fault}s and a journal of every
 * request.
 *
 * <pre>{@code
 * try (FakeRegistry registry = FakeRegistry.builder().auth(AuthMode.TOKEN).user("alice", "secret").start()) {
 *   URI base = registry.baseUri();           // http://localhost:41234
 *   // … run the code under test against registry.host() …
 *   assertThat(registry.tags("team/app")).containsExactly("v1");
 *   assertThat(registry.requests()).noneMatch(RecordedExchange::isUnexpected);
 * }
 * }</pre>
 *
 * <p>Blobs are stored per repository, as real registries scope them, but each distinct content is
 * held in memory once. Thread-safe: any number of clients may push and pull in parallel. A started
 * registry runs until {@link #close()}; {@link #reset()} empties it for the next test.
 */
public final class FakeRegistry implements AutoCloseable, Resettable {
  private final RegistryServer server;

  private FakeRegistry(RegistryServer server) {
    this.server = server;
  }

  /**
   * A builder with the defaults: {@code localhost} on a free port of 127.0.0.1, plain HTTP, no
   * auth, referrers on, writable.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a registry with the defaults.
   *
   * @return the running registry
   * @throws IOException if no port can be bound
   */
  public static FakeRegistry start() throws IOException {
    return builder().start();
  }

  // ---- addresses ----

  /**
   * The base URI, e.g. {@code http://localhost:41234} (no trailing slash).
   *
   * @return the URI
   */
  public URI baseUri() {
    return server.baseUri();
  }

  /**
   * The registry host as image references name it, e.g. {@code localhost:41234}.
   *
   * @return host and port
   */
  public String host() {
    URI u = baseUri();
    return u.getHost() + ":" + u.getPort();
  }

  /**
   * The port it listens on.
   *
   * @return the port
   */
  public int port() {
    return server.port();
  }

  /**
   * This registry as image references name it, e.g. {@code localhost:41234}.
   *
   * @return the registry
   */
  public Registry registry() {
    return Registry.parse(host());
  }

  /**
   * A repository on this registry: {@code repository("team/app").name()} is {@code
   * localhost:41234/team/app}.
   *
   * @param name the repository path
   * @return the repository
   */
  public Repository repository(String name) {
    return Repository.of(registry(), name);
  }

  /**
   * A full image reference on this registry: {@code reference("team/app:v1")} is {@code
   * localhost:41234/team/app:v1}.
   *
   * @param repositoryAndReference {@code name}, {@code name:tag} or {@code name@digest}
   * @return the reference
   * @throws dev.registrykit.core.reference.InvalidReferenceException if it does not parse
   */
  public ImageReference reference(String repositoryAndReference) {
    return ImageReference.parse(host() + "/" + repositoryAndReference);
  }

  /**
   * The URI of {@code path} on this registry.
   *
   * @param path an absolute path such as {@code /v2/}
   * @return the URI
   */
  public URI url(String path) {
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("path must start with '/': " + path);
    }
    return URI.create(baseUri() + path);
  }

  /**
   * The base URI of the second server that redirected blob downloads go to (see {@link
   * Fault#redirectBlobs()}).
   *
   * @return the URI, on another host name than {@link #baseUri()}
   */
  public URI blobServerUri() {
    return server.blobBaseUri();
  }

  /**
   * The authentication mode.
   *
   * @return the mode
   */
  public AuthMode authMode() {
    return server.settings().auth();
  }

  // ---- what the code under test needs ----

  /**
   * The users configured with {@link Builder#user(String, String, Grant...)}, in that order.
   *
   * @return the users and their passwords
   */
  public List<UserCredentials> users() {
    return server.settings().accounts().stream()
        .map(a -> new UserCredentials(a.name(), a.password()))
        .toList();
  }

  /**
   * The first configured user, for the common case of one account.
   *
   * @return its name and password
   * @throws IllegalStateException when no user was configured
   */
  public UserCredentials credentials() {
    List<UserCredentials> users = users();
    if (users.isEmpty()) {
      throw new IllegalStateException(
          "this fake registry has no users: add one with FakeRegistry.builder().user(name, password)");
    }
    return users.get(0);
  }

  /**
   * Writes a Docker client configuration, {@code config.json}, into {@code directory} (created if
   * needed) holding the {@link #credentials()} of this registry's host, for tools that read Docker
   * credentials ({@code DOCKER_CONFIG=directory}, {@code skopeo --authfile}). Without users it
   * holds no credentials.
   *
   * @param directory the directory
   * @return the written file
   * @throws IOException if writing fails
   */
  public Path writeDockerConfig(Path directory) throws IOException {
    StringBuilder json = new StringBuilder("{\"auths\":{");
    List<UserCredentials> users = users();
    if (!users.isEmpty()) {
      UserCredentials user = users.get(0);
      String auth =
          Base64.getEncoder()
              .encodeToString(
                  (user.username() + ":" + user.password()).getBytes(StandardCharsets.UTF_8));
      // host() is "name:port" (letters, digits, dots, colons, brackets): nothing to escape in JSON.
      json.append('"').append(host()).append("\":{\"auth\":\"").append(auth).append("\"}");
    }
    json.append("}}\n");
    Files.createDirectories(directory);
    return Files.writeString(directory.resolve("config.json"), json, StandardCharsets.UTF_8);
  }

  // ---- TLS ----

  /**
   * An SSL context that trusts the generated CA, for clients of an HTTPS registry.
   *
   * @return the context; empty for plain HTTP
   */
  public Optional<SSLContext> sslContext() {
    return server.sslContext();
  }

  /**
   * A trust manager that trusts the generated CA.
   *
   * @return the trust manager; empty for plain HTTP
   */
  public Optional<X509TrustManager> trustManager() {
    return server.trustManager();
  }

  /**
   * The generated CA certificate, PEM-encoded.
   *
   * @return the PEM text; empty for plain HTTP
   */
  public Optional<String> caCertificatePem() {
    return server.caCertificatePem();
  }

  /**
   * Writes the CA certificate as {@code ca.crt} into {@code directory} (created if needed), the
   * layout {@code skopeo --cert-dir} and Docker's {@code certs.d} expect.
   *
   * @param directory the directory
   * @return the written file
   * @throws IOException if writing fails
   * @throws IllegalStateException for a plain HTTP registry
   */
  public Path writeCaCertificate(Path directory) throws IOException {
    String pem =
        caCertificatePem().orElseThrow(() -> new IllegalStateException("not an HTTPS registry"));
    Files.createDirectories(directory);
    return Files.writeString(directory.resolve("ca.crt"), pem, StandardCharsets.US_ASCII);
  }

  // ---- seeding ----

  /**
   * Stores a blob in {@code repository} directly, bypassing HTTP.
   *
   * @param repository the repository name, e.g. {@code team/app}
   * @param content the bytes
   * @return its SHA-256 digest
   */
  public Digest putBlob(String repository, Bytes content) {
    return putBlob(repository, content.toByteArray());
  }

  /**
   * Stores a blob in {@code repository} directly, bypassing HTTP.
   *
   * @param repository the repository name, e.g. {@code team/app}
   * @param content the bytes; copied
   * @return its SHA-256 digest
   */
  public Digest putBlob(String repository, byte[] content) {
    StoredContent c = StoredContent.of(content);
    Digest digest = c.sha256();
    server.storage().putBlob(repository, digest, c);
    return digest;
  }

  /**
   * Stores a manifest directly, bypassing HTTP and its checks (so a test can also create states a
   * registry would refuse, such as a manifest whose blobs are missing).
   *
   * @param repository the repository name
   * @param manifest the manifest; its media type is answered as {@code Content-Type}
   * @param tags tags to point at it
   * @return its SHA-256 digest
   */
  public Digest putManifest(String repository, RawManifest manifest, String... tags) {
    return putManifest(
        repository, manifest.mediaType().value(), manifest.bytes().toByteArray(), tags);
  }

  /**
   * Stores manifest bytes directly with any media type, bypassing HTTP and its checks.
   *
   * @param repository the repository name
   * @param mediaType its media type, answered as {@code Content-Type}
   * @param content its exact bytes
   * @param tags tags to point at it
   * @return its SHA-256 digest
   */
  public Digest putManifest(String repository, String mediaType, byte[] content, String... tags) {
    StoredContent c = StoredContent.of(content);
    Digest digest = c.digest(DigestAlgorithm.SHA256);
    server
        .storage()
        .putManifest(repository, new StoredManifest(digest, mediaType, c), List.of(tags));
    return digest;
  }

  /**
   * Stores an image directly (config, layers, then the manifest), bypassing HTTP.
   *
   * @param repository the repository name
   * @param image the image; its layers are read once
   * @param tags tags for the manifest
   * @return the manifest digest
   * @throws IOException if the image's content cannot be read
   */
  public Digest putImage(String repository, Image image, String... tags) throws IOException {
    putBlob(repository, image.rawConfig());
    for (Layer layer : image.layers()) {
      try (InputStream in = layer.open()) {
        putBlob(repository, Bytes.readFrom(in));
      }
    }
    return putManifest(repository, image.rawManifest(), tags);
  }

  /**
   * Stores an index and everything it lists (images and nested indexes, by digest), then the index
   * itself with {@code tags}, bypassing HTTP.
   *
   * @param repository the repository name
   * @param index the index
   * @param tags tags for the index
   * @return the index digest
   * @throws IOException if the content cannot be read
   */
  public Digest putIndex(String repository, ImageIndex index, String... tags) throws IOException {
    for (Descriptor child : index.manifest().manifests()) {
      if (child.mediaType().isIndex()) {
        putIndex(repository, index.index(child.digest()));
      } else {
        putImage(repository, index.image(child.digest()));
      }
    }
    return putManifest(repository, index.rawManifest(), tags);
  }

  // ---- inspection ----

  /**
   * The bytes of blob {@code digest} as linked in {@code repository}.
   *
   * @param repository the repository name
   * @param digest the blob digest
   * @return a copy of the bytes, or empty
   */
  public Optional<Bytes> blob(String repository, Digest digest) {
    return server.storage().blob(repository, digest).map(c -> Bytes.of(c.toByteArray()));
  }

  /**
   * The blobs linked in {@code repository}.
   *
   * @param repository the repository name
   * @return digests
   */
  public Set<Digest> blobs(String repository) {
    return server.storage().blobs(repository);
  }

  /**
   * The manifest a tag or digest names in {@code repository}, with the media type it was pushed
   * with.
   *
   * @param repository the repository name
   * @param reference a tag or a digest
   * @return the manifest, or empty
   */
  public Optional<RawManifest> manifest(String repository, String reference) {
    Optional<StoredManifest> found =
        reference.indexOf(':') >= 0
            ? Digest.tryParse(reference).flatMap(d -> server.storage().manifest(repository, d))
            : server.storage().manifestByTag(repository, reference);
    return found.map(FakeRegistry::raw);
  }

  /**
   * All manifests of {@code repository}.
   *
   * @param repository the repository name
   * @return manifests sorted by digest
   */
  public List<RawManifest> manifests(String repository) {
    return server.storage().manifests(repository).stream().map(FakeRegistry::raw).toList();
  }

  private static RawManifest raw(StoredManifest m) {
    Bytes bytes = Bytes.of(m.bytes());
    try {
      return RawManifest.of(bytes, m.mediaType());
    } catch (InvalidManifestException undetectable) {
      // Stored as it was sent, with no usable Content-Type and no recognisable kind: handed back
      // as the bytes they are.
      return new RawManifest(bytes, MediaType.OCTET_STREAM);
    }
  }

  /**
   * The tags of {@code repository} in ASCII order.
   *
   * @param repository the repository name
   * @return tags
   */
  public List<String> tags(String repository) {
    return server.storage().tags(repository);
  }

  /**
   * The repositories holding anything, in ASCII order.
   *
   * @return repository names
   */
  public List<String> repositories() {
    return server.storage().repositories();
  }

  /**
   * The number of distinct blob contents held (each once, whatever the repositories linking it).
   *
   * @return the count
   */
  public int distinctBlobCount() {
    return server.storage().distinctBlobCount();
  }

  /**
   * The total size of the distinct blob contents held.
   *
   * @return bytes
   */
  public long distinctBlobBytes() {
    return server.storage().distinctBlobBytes();
  }

  /**
   * The ids of upload sessions still open (neither completed nor cancelled).
   *
   * @return ids
   */
  public List<String> openUploads() {
    return server.storage().openUploads();
  }

  /**
   * Drops every open upload session and the bytes it holds, as if each had expired (see {@link
   * Builder#uploadExpiry(Duration)}); stored content stays.
   */
  public void clearUploads() {
    server.storage().clearUploads();
  }

  // ---- journal ----

  /**
   * Every request received since the start or the last reset, in arrival order.
   *
   * @return the journal
   */
  public List<RecordedExchange> requests() {
    return server.journal();
  }

  /**
   * The requests that matched no route or used a method a route does not support.
   *
   * @return the unexpected requests
   */
  public List<RecordedExchange> unexpected() {
    List<RecordedExchange> out = new ArrayList<>();
    for (RecordedExchange e : requests()) {
      if (e.isUnexpected()) {
        out.add(e);
      }
    }
    return out;
  }

  /**
   * The requests the second (redirect target) server received, with their headers.
   *
   * @return the journal of the second server
   */
  public List<RecordedExchange> blobServerRequests() {
    return server.blobServerJournal();
  }

  /** Clears the journals (content stays). */
  public void clearRequests() {
    server.clearJournal();
  }

  // ---- faults ----

  /**
   * Injects faults, tried in order before the configured ones are exhausted.
   *
   * @param faults the faults
   * @return this registry
   */
  public FakeRegistry inject(Fault... faults) {
    for (Fault f : faults) {
      server.inject(Objects.requireNonNull(f, "fault"));
    }
    return this;
  }

  /**
   * The faults with uses left.
   *
   * @return faults
   */
  public List<Fault> pendingFaults() {
    return server.pendingFaults();
  }

  /**
   * Empties the registry: content, upload sessions, issued tokens, injected faults (the builder's
   * faults come back) and journals. The port and certificate stay.
   */
  @Override
  public void reset() {
    server.reset();
  }

  /** Stops the registry and its second server. */
  @Override
  public void close() {
    server.close();
  }

  @Override
  public String toString() {
    return "FakeRegistry[" + baseUri() + ", auth=" + authMode() + "]";
  }

  /**
   * Configures and starts a {@link FakeRegistry}. A builder may start several registries; each gets
   * its own copy of the settings.
   */
  public static final class Builder {
    private String hostName = "localhost";
    private InetAddress address = InetAddress.getLoopbackAddress();
    private int port;
    private boolean tls;
    private boolean referrers = true;
    private boolean readOnly;
    private AuthMode auth = AuthMode.NONE;
    private final List<ServerSettings.Account> accounts = new ArrayList<>();
    private final List<Grant> anonymousPull = new ArrayList<>();
    private Duration tokenLifetime = Duration.ofMinutes(5);
    private boolean refreshTokens;
    private String service = "registrykit-fake";
    private Clock clock = Clock.systemUTC();
    private final List<Fault> faults = new ArrayList<>();
    private Consumer<RecordedExchange> listener = e -> {};
    private Duration uploadExpiry = Duration.ZERO;
    private int journalLimit;
    private @Nullable Path storageDirectory;

    private Builder() {}

    /**
     * The host name clients use (default {@code localhost}); it appears in {@link #start()}'s
     * {@code baseUri()}, realm URLs and the certificate. It must resolve to the bound address on
     * the client's side.
     *
     * @param hostName a host name or IP literal
     * @return this builder
     */
    public Builder hostName(String hostName) {
      this.hostName = Objects.requireNonNull(hostName, "hostName");
      return this;
    }

    /**
     * The address to bind (default the IPv4 loopback).
     *
     * @param address a loopback address
     * @return this builder
     */
    public Builder address(InetAddress address) {
      this.address = Objects.requireNonNull(address, "address");
      return this;
    }

    /**
     * The port (default 0: any free port).
     *
     * @param port the port
     * @return this builder
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Serve HTTPS with a certificate signed by a CA generated at start (see {@link
     * FakeRegistry#sslContext()}, {@link FakeRegistry#caCertificatePem()}); the standalone server's
     * {@code --tls}.
     *
     * @param tls whether to serve HTTPS
     * @return this builder
     */
    public Builder tls(boolean tls) {
      this.tls = tls;
      return this;
    }

    /**
     * Whether the referrers API is served (default true). Without it, referrers requests get a
     * plain 404 and manifest pushes no {@code OCI-Subject}, like Distribution 2.8.
     *
     * @param referrers whether to serve it
     * @return this builder
     */
    public Builder referrers(boolean referrers) {
      this.referrers = referrers;
      return this;
    }

    /**
     * Refuse every write with {@code 405 UNSUPPORTED}, like a registry in read-only mode.
     *
     * @param readOnly whether read-only
     * @return this builder
     */
    public Builder readOnly(boolean readOnly) {
      this.readOnly = readOnly;
      return this;
    }

    /**
     * The authentication mode (default none).
     *
     * @param auth the mode
     * @return this builder
     */
    public Builder auth(AuthMode auth) {
      this.auth = Objects.requireNonNull(auth, "auth");
      return this;
    }

    /**
     * Adds a user. Without grants the user may do everything; with grants, only what they allow.
     *
     * @param name the user name (no {@code ':'})
     * @param password the password
     * @param grants what the user may do
     * @return this builder
     */
    public Builder user(String name, String password, Grant... grants) {
      accounts.add(new ServerSettings.Account(name, password, List.of(grants)));
      return this;
    }

    /**
     * Lets anyone pull from repositories matching the patterns without credentials (basic mode) or
     * with an anonymous token (bearer mode).
     *
     * @param repositoryPatterns exact names, {@code prefix/*} or {@code *}
     * @return this builder
     */
    public Builder anonymousPull(String... repositoryPatterns) {
      for (String p : repositoryPatterns) {
        anonymousPull.add(Grant.of(p, Permission.PULL));
      }
      return this;
    }

    /**
     * How long bearer tokens stay valid (default 5 minutes), measured by {@link #clock(Clock)}.
     *
     * @param lifetime a positive duration
     * @return this builder
     */
    public Builder tokenLifetime(Duration lifetime) {
      if (lifetime.isNegative() || lifetime.isZero()) {
        throw new IllegalArgumentException("token lifetime must be positive");
      }
      this.tokenLifetime = lifetime;
      return this;
    }

    /**
     * Makes the token endpoint issue refresh tokens, as Docker Hub, ACR and Harbor do: a user who
     * asks for offline access while logging in ({@code GET} with {@code offline_token=true}, or
     * {@code POST grant_type=password} with {@code access_type=offline}) gets a {@code
     * refresh_token} with the bearer token, and later exchanges it with {@code POST
     * grant_type=refresh_token} instead of the password. {@code docker login} stores it as the
     * {@code identitytoken} of {@code config.json}. Off by default.
     *
     * @return this builder
     */
    public Builder refreshTokens() {
      this.refreshTokens = true;
      return this;
    }

    /**
     * The {@code service} named in bearer challenges (default {@code registrykit-fake}).
     *
     * @param service the service name
     * @return this builder
     */
    public Builder service(String service) {
      this.service = Objects.requireNonNull(service, "service");
      return this;
    }

    /**
     * The clock tokens expire by (default the system clock); a test can pass a clock it advances.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Faults active from the start and again after every {@link FakeRegistry#reset()}.
     *
     * @param faults the faults
     * @return this builder
     */
    public Builder fault(Fault... faults) {
      this.faults.addAll(List.of(faults));
      return this;
    }

    /**
     * Called with every journal entry as it is recorded, on the serving thread (e.g. to log).
     *
     * @param listener the listener; must be thread-safe
     * @return this builder
     */
    public Builder listener(Consumer<RecordedExchange> listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Drops upload sessions that no request touched for {@code expiry} (measured by {@link
     * #clock(Clock)}), with the bytes they hold: a client that dies mid-push never completes or
     * cancels its session. Default: sessions never expire in-process; the standalone server
     * defaults to one hour. {@link FakeRegistry#clearUploads()} drops them all at once.
     *
     * @param expiry a positive duration, or zero for never
     * @return this builder
     */
    public Builder uploadExpiry(Duration expiry) {
      if (expiry.isNegative()) {
        throw new IllegalArgumentException("upload expiry must not be negative");
      }
      this.uploadExpiry = expiry;
      return this;
    }

    /**
     * Keeps only the most recent {@code limit} requests in the journal (a ring: the oldest go
     * first), so a long-running registry's state stays bounded. Default: every request is kept
     * in-process; the standalone server defaults to 10,000.
     *
     * @param limit the most entries kept, or zero for all of them
     * @return this builder
     */
    public Builder journalLimit(int limit) {
      if (limit < 0) {
        throw new IllegalArgumentException("journal limit must not be negative: " + limit);
      }
      this.journalLimit = limit;
      return this;
    }

    /**
     * Keeps uploaded blobs in files under {@code directory} instead of the heap (they are served
     * from the files, mapped into memory outside the heap), for images larger than a test's heap;
     * the standalone server's {@code --storage DIR}. Default: the heap. Nothing is kept across
     * runs: the files of a registry are deleted as its uploads complete, and the directory's {@code
     * uploads} folder must be empty when it starts.
     *
     * @param directory the directory, created if needed
     * @return this builder
     */
    public Builder storage(Path directory) {
      this.storageDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /**
     * Starts a registry with these settings.
     *
     * @return the running registry
     * @throws IOException if the port cannot be bound
     */
    public FakeRegistry start() throws IOException {
      ServerSettings settings =
          new ServerSettings(
              hostName,
              address,
              port,
              tls,
              referrers,
              readOnly,
              auth,
              accounts,
              anonymousPull,
              tokenLifetime,
              refreshTokens,
              service,
              clock,
              faults,
              listener,
              uploadExpiry,
              journalLimit,
              storageDirectory);
      return new FakeRegistry(RegistryServer.start(settings));
    }
  }
}
