package dev.registrykit.client;

import dev.registrykit.client.auth.CredentialProvider;
import dev.registrykit.client.auth.CredentialProviders;
import dev.registrykit.client.config.RetryPolicy;
import dev.registrykit.client.errors.AuthenticationException;
import dev.registrykit.client.errors.BlobNotFoundException;
import dev.registrykit.client.errors.CorruptBlobSourceException;
import dev.registrykit.client.errors.ManifestNotFoundException;
import dev.registrykit.client.errors.NotFoundException;
import dev.registrykit.client.errors.RegistryErrorResponseException;
import dev.registrykit.client.errors.RegistryException;
import dev.registrykit.client.internal.blob.BlobUploader;
import dev.registrykit.client.internal.blob.Progress;
import dev.registrykit.client.internal.blob.ResumingInputStream;
import dev.registrykit.client.internal.http.Call;
import dev.registrykit.client.internal.http.Errors;
import dev.registrykit.client.internal.http.Pipeline;
import dev.registrykit.client.internal.json.JsonBodies;
import dev.registrykit.client.internal.listing.LinkHeader;
import dev.registrykit.client.internal.listing.ListingBudget;
import dev.registrykit.client.registries.RegistriesConfig;
import dev.registrykit.client.transport.HttpHeaders;
import dev.registrykit.client.transport.HttpResponse;
import dev.registrykit.client.transport.HttpTransport;
import dev.registrykit.client.transport.Interceptor;
import dev.registrykit.client.transport.RequestBody;
import dev.registrykit.client.transport.apache.ApacheHttpTransport;
import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.digest.DigestAlgorithm;
import dev.registrykit.core.digest.SizedDigest;
import dev.registrykit.core.digest.VerifyingInputStream;
import dev.registrykit.core.distribution.ErrorCode;
import dev.registrykit.core.distribution.RateLimit;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.manifest.ManifestCodec;
import dev.registrykit.core.manifest.MediaType;
import dev.registrykit.core.manifest.RawManifest;
import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.core.reference.Registry;
import dev.registrykit.core.reference.Repository;
import dev.registrykit.core.reference.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A client for OCI Distribution registries: one method family per endpoint of the spec (ping,
 * manifests, blobs, uploads, mounts, tags, catalog, deletes, referrers).
 *
 * <p>Thread-safe: one client serves any number of concurrent operations and should be shared; it
 * holds pooled connections, so {@link #close()} it when done. Every method blocks until the
 * registry answered. Failures are {@link RegistryException}s naming the operation; a missing
 * manifest or blob is a {@link NotFoundException} subtype where the method does not return an
 * {@link Optional}. Content is verified against its digest as it is read, and blobs stream in both
 * directions: memory does not grow with blob size.
 *
 * @see <a
 *     href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#endpoints">spec:
 *     endpoints</a>
 */
public final class RegistryClient implements AutoCloseable {
  /** Manifests larger than this are refused: Distribution's own limit is 4 MiB. */
  static final int MAX_MANIFEST_BYTES = ManifestCodec.MAX_MANIFEST_SIZE;

  private static final String ACCEPT =
      String.join(
          ", ",
          List.of(
              MediaType.OCI_IMAGE_INDEX.value(),
              MediaType.OCI_IMAGE_MANIFEST.value(),
              MediaType.DOCKER_MANIFEST_LIST.value(),
              MediaType.DOCKER_MANIFEST_V2.value()));

  private final HttpTransport transport;
  private final Pipeline sender;
  private final long chunkSize;
  private final int maxResumes;
  private final int maxListingEntries;
  private final long maxListingBytes;
  private final ConcurrentMap<String, BlobUploader.SinglePost> singlePostSupport =
      new ConcurrentHashMap<>();
  private final Routing routing;
  private final MirroredPulls mirrors;
  private final RateLimits rateLimits = new RateLimits();

  private RegistryClient(Builder builder, boolean offlineAccess) {
    this.transport = builder.transport != null ? builder.transport : ApacheHttpTransport.create();
    Set<String> plainHttp = new LinkedHashSet<>(builder.plainHttp);
    plainHttp.addAll(Routing.insecureHosts(builder.registries));
    Pipeline.Builder http =
        Pipeline.builder(transport)
            .credentials(builder.credentials)
            .retryPolicy(builder.retryPolicy)
            .plainHttp(plainHttp)
            .insecureRegistries(builder.insecure)
            .credentialsOverPlainHttp(builder.credentialsOverPlainHttp)
            .userAgent(builder.userAgent)
            .offlineAccess(offlineAccess)
            .interceptor(rateLimits);
    builder.interceptors.forEach(http::interceptor);
    this.sender = http.build();
    this.routing = new Routing(builder.registries);
    this.mirrors = new MirroredPulls(routing);
    this.chunkSize = builder.chunkSize;
    this.maxResumes = builder.maxResumes;
    this.maxListingEntries = builder.maxListingEntries;
    this.maxListingBytes = builder.maxListingBytes;
  }

  /** A builder for a client. */
  public static Builder builder() {
    return new Builder();
  }

  // ---------------------------------------------------------------------------------------------
  // end-1

  /**
   * Checks that {@code registry} speaks the Distribution API ({@code GET /v2/}, end-1).
   *
   * @return the advertised API version ({@code Docker-Distribution-API-Version}), if any
   * @throws RegistryException when the registry is unreachable, refuses the credentials, or is not
   *     a v2 registry
   */
  public Optional<String> ping(Registry registry) throws IOException {
    String operation = "GET /v2/ " + host(registry);
    String host = host(routing.primary(registry, operation).registry());
    Call call =
        Call.of("GET", host, URI.create("/v2/"), HttpHeaders.empty(), "", Set.of(), operation);
    try (HttpResponse response = sender.send(call)) {
      if (response.status() != 200) {
        throw Errors.failure(call, response);
      }
      return response.headers().firstValue("Docker-Distribution-API-Version");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // manifests: end-3, end-7, end-9

  /**
   * Fetches a manifest or index by tag or digest (end-3), accepting every manifest type (OCI and
   * Docker; Distribution answers 404 for an OCI manifest when OCI types are missing from {@code
   * Accept}). The digest is computed from the bytes and checked against the reference's digest and
   * the registry's {@code Docker-Content-Digest}.
   *
   * @throws ManifestNotFoundException when the registry does not have it
   * @throws RegistryException when the content does not match its digest, or on any other failure
   */
  public ManifestResponse getManifest(ImageReference reference) throws IOException {
    return getManifest(reference, MediaType.MANIFEST_ACCEPT);
  }

  /** Like {@link #getManifest(ImageReference)} with an explicit {@code Accept} list. */
  public ManifestResponse getManifest(ImageReference reference, List<MediaType> accept)
      throws IOException {
    return mirrors.pull(
        reference,
        "GET manifest " + reference,
        source ->
            fetchManifest(
                new ImageReference(source.repository(), reference.tag(), reference.digest()),
                accept));
  }

  private ManifestResponse fetchManifest(ImageReference reference, List<MediaType> accept)
      throws IOException {
    Call call = manifestCall("GET", reference, accept);
    try (HttpResponse response = sender.send(call)) {
      if (response.status() != 200) {
        throw Errors.failure(call, response);
      }
      byte[] bytes = readCapped(call, response, MAX_MANIFEST_BYTES);
      Optional<Digest> headerDigest =
          response.headers().firstValue("Docker-Content-Digest").flatMap(Digest::tryParse);
      Digest expected = reference.digest().or(() -> headerDigest).orElse(null);
      Digest actual =
          expected == null ? Digest.sha256(bytes) : Digest.of(expected.algorithm(), bytes);
      if (expected != null && !actual.equals(expected)) {
        throw new RegistryException(
            call.operation(),
            "the manifest served does not match its digest: expected "
                + expected
                + ", got "
                + actual);
      }
      if (headerDigest.isPresent()
          && reference.digest().isPresent()
          && headerDigest.get().algorithm() == actual.algorithm()
          && !headerDigest.get().equals(actual)) {
        throw new RegistryException(
            call.operation(),
            "the registry's Docker-Content-Digest "
                + headerDigest.get()
                + " does not match the manifest "
                + actual);
      }
      Bytes content = Bytes.of(bytes);
      Optional<String> contentType =
          response.headers().firstValue("Content-Type").filter(t -> !t.isBlank());
      RawManifest raw =
          contentType.isPresent()
              ? RawManifest.of(content, contentType.get())
              : RawManifest.of(content);
      return new ManifestResponse(
          raw, actual, RateLimit.fromHeaders(response.headers()::allValues));
    }
  }

  /**
   * Looks a manifest up without fetching it (HEAD, end-3): its media type, digest and size.
   * Registries that omit {@code Docker-Content-Digest} cost a GET instead.
   *
   * @return the manifest's descriptor, or empty when the registry does not have it
   */
  public Optional<Descriptor> headManifest(ImageReference reference) throws IOException {
    Call call =
        manifestCall(
            "HEAD",
            routing.primary(reference, "HEAD manifest " + reference),
            MediaType.MANIFEST_ACCEPT);
    try (HttpResponse response = sender.send(call)) {
      if (response.status() == 404) {
        return Optional.empty();
      }
      if (response.status() != 200) {
        throw Errors.failure(call, response);
      }
      Optional<Digest> digest =
          response.headers().firstValue("Docker-Content-Digest").flatMap(Digest::tryParse);
      Optional<Long> size =
          response.headers().firstValue("Content-Length").flatMap(RegistryClient::parseLong);
      Optional<String> type = response.headers().firstValue("Content-Type");
      if (digest.isPresent() && size.isPresent() && type.isPresent()) {
        if (reference.digest().isPresent() && !reference.digest().get().equals(digest.get())) {
          throw new RegistryException(
              call.operation(),
              "the registry reports digest "
                  + digest.get()
                  + " for a request by digest "
                  + reference.digest().get());
        }
        try {
          return Optional.of(Descriptor.of(MediaType.parse(type.get()), digest.get(), size.get()));
        } catch (IllegalArgumentException malformed) {
          // A media type or size no descriptor can hold: the HEAD answer is unusable, a GET
          // decides.
        }
      }
    }
    try {
      return Optional.of(getManifest(reference).manifest().descriptor());
    } catch (ManifestNotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * The rate limit the registry announces for pulling {@code reference} (Docker Hub's {@code
   * RateLimit-Limit}, {@code RateLimit-Remaining}, {@code Docker-RateLimit-Source}), learnt from a
   * {@code HEAD} of its manifest, which Docker Hub does not count as a pull. A reference without
   * tag or digest asks about {@code latest}.
   *
   * @return the limit, or empty when the registry announces none (Docker Hub: the caller is
   *     unlimited)
   * @throws ManifestNotFoundException when the registry does not have the manifest
   * @throws dev.registrykit.client.errors.RateLimitedException when the limit is already used up,
   *     with {@link dev.registrykit.client.errors.RateLimitedException#rateLimit()}
   */
  public Optional<RateLimit> rateLimit(ImageReference reference) throws IOException {
    ImageReference target =
        reference.tag().isPresent() || reference.digest().isPresent()
            ? reference
            : reference.withDefaultTag();
    Call call =
        manifestCall(
            "HEAD", routing.primary(target, "HEAD manifest " + target), MediaType.MANIFEST_ACCEPT);
    try (HttpResponse response = sender.send(call)) {
      if (response.status() != 200) {
        throw Errors.failure(call, response);
      }
      return RateLimit.fromHeaders(response.headers()::allValues);
    }
  }

  /**
   * The rate limit the registry of {@code repository} last announced to this client, on any
   * response (Docker Hub's {@code RateLimit-Limit}, {@code RateLimit-Remaining}, {@code
   * Docker-RateLimit-Source}, sent with manifest requests): after a pull or push, what is left for
   * the next. Sends nothing; {@link #rateLimit(ImageReference)} asks the registry.
   *
   * @return the limit, or empty when the registry has announced none to this client
   */
  public Optional<RateLimit> lastRateLimit(Repository repository) {
    return routing.primaryIfAllowed(repository).flatMap(at -> rateLimits.last(at.registry()));
  }

  /**
   * Stores a manifest under the reference's tag, or by its digest when the reference has none
   * (end-7). When the manifest has a {@code subject} and the registry does not answer {@code
   * OCI-Subject}, the referrers fallback tag is updated as the spec requires.
   *
   * @return the manifest's digest, computed from its bytes
   * @throws RegistryErrorResponseException e.g. {@code MANIFEST_BLOB_UNKNOWN} when a blob it
   *     references is missing
   */
  public Digest putManifest(ImageReference reference, RawManifest manifest) throws IOException {
    Repository repository = reference.repository();
    List<String> targets = new ArrayList<>();
    reference.tag().ifPresent(t -> targets.add(t.toString()));
    if (targets.isEmpty()) {
      reference
          .digest()
          .ifPresent(
              d -> {
                if (!d.equals(manifest.digest())) {
                  throw new IllegalArgumentException(
                      "the manifest's digest "
                          + manifest.digest()
                          + " differs from the reference's "
                          + d);
                }
              });
      targets.add(manifest.digest().toString());
    }
    putManifestAt(repository, manifest, targets);
    return manifest.digest();
  }

  /**
   * Stores a manifest by digest and under every tag in {@code tags} (end-7), the manifest bytes
   * unchanged: the digest is the same under every tag.
   *
   * @return the manifest's digest
   */
  public Digest putManifest(Repository repository, RawManifest manifest, Collection<Tag> tags)
      throws IOException {
    List<String> targets = new ArrayList<>();
    for (Tag tag : tags) {
      targets.add(tag.toString());
    }
    if (targets.isEmpty()) {
      targets.add(manifest.digest().toString());
    }
    putManifestAt(repository, manifest, targets);
    return manifest.digest();
  }

  private void putManifestAt(Repository repository, RawManifest manifest, List<String> targets)
      throws IOException {
    boolean subjectAcknowledged = false;
    for (String target : targets) {
      String operation =
          "PUT manifest " + repository.name() + (target.contains(":") ? "@" : ":") + target;
      Repository at = routing.primary(repository, operation);
      Call call =
          Call.of(
                  "PUT",
                  host(at),
                  URI.create("/v2/" + path(at) + "/manifests/" + target),
                  HttpHeaders.empty(),
                  path(at),
                  Call.PUSH,
                  operation)
              .withBody(
                  RequestBody.ofBytes(manifest.bytes().toByteArray(), manifest.mediaType().value()),
                  true)
              .withIdempotent(true);
      try (HttpResponse response = sender.send(call)) {
        if (response.status() != 201 && response.status() != 200 && response.status() != 202) {
          throw Errors.failure(call, response);
        }
        Optional<Digest> reported =
            response.headers().firstValue("Docker-Content-Digest").flatMap(Digest::tryParse);
        if (reported.isPresent()
            && reported.get().algorithm() == DigestAlgorithm.SHA256
            && !reported.get().equals(manifest.digest())) {
          throw new RegistryException(
              operation,
              "the registry stored the manifest as "
                  + reported.get()
                  + " but its bytes digest to "
                  + manifest.digest());
        }
        subjectAcknowledged |= response.headers().contains("OCI-Subject");
      }
    }
    if (!subjectAcknowledged) {
      Optional<Referrers.Subject> subject = Referrers.subjectOf(manifest);
      if (subject.isPresent()) {
        referrers()
            .addToFallback(repository, subject.get().digest(), Referrers.descriptorOf(manifest));
      }
    }
  }

  /**
   * Stores the manifest at {@code existing} under more tags of the same repository: its exact bytes
   * are fetched and put again, so the digest does not change and no blob moves.
   *
   * @return the manifest's digest
   * @throws ManifestNotFoundException when {@code existing} does not exist
   * @throws IllegalArgumentException when no tag is given
   */
  public Digest tag(ImageReference existing, Tag... tags) throws IOException {
    if (tags.length == 0) {
      throw new IllegalArgumentException("no tags given");
    }
    ManifestResponse manifest = getManifest(existing);
    putManifest(existing.repository(), manifest.manifest(), List.of(tags));
    return manifest.digest();
  }

  /**
   * Deletes the manifest {@code reference} points at (end-9): by its digest, or for a tag reference
   * by the digest the tag resolves to. On Distribution every tag pointing at that manifest goes
   * too; to remove one tag only, use {@link #deleteTag(ImageReference)}.
   *
   * <p>When the manifest has a {@code subject} and the registry lacks the referrers API, its entry
   * is then removed from the subject's referrers fallback tag, as the spec says clients should; so
   * the manifest is read before it is deleted. A caller who may delete but not pull still gets the
   * delete (the fallback tag, which needs pull and push, is then left as it is).
   *
   * @throws ManifestNotFoundException when the registry does not have it
   * @throws RegistryErrorResponseException with status 405 when the registry has deletes disabled
   * @return the digest of the deleted manifest
   * @throws RegistryException when the manifest was deleted but the fallback tag could not be
   *     updated
   * @see <a
   *     href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#deleting-manifests">spec:
   *     deleting manifests</a>
   */
  public Digest deleteManifest(ImageReference reference) throws IOException {
    Repository repository = reference.repository();
    Digest digest;
    if (reference.digest().isPresent()) {
      digest = reference.digest().get();
    } else {
      digest =
          headManifest(reference)
              .map(Descriptor::digest)
              .orElseThrow(
                  () ->
                      new ManifestNotFoundException(
                          "DELETE manifest " + reference,
                          404,
                          List.of(),
                          "not found: " + reference + " does not exist"));
    }
    Optional<Referrers.Subject> subject;
    try {
      subject = Referrers.subjectOf(getManifest(repository.digest(digest)).manifest());
    } catch (ManifestNotFoundException e) {
      // The DELETE below reports it the way deletes do.
      subject = Optional.empty();
    } catch (AuthenticationException e) {
      // Reading the manifest (for its subject) is only the fallback tag's bookkeeping: a principal
      // allowed to delete but not to pull still gets the delete it asked for. It could not have
      // rewritten the fallback tag either, which needs pull and push.
      subject = Optional.empty();
    } catch (RegistryErrorResponseException e) {
      if (e.status() != 403) {
        throw e;
      }
      subject = Optional.empty();
    }
    deleteManifestOnly(repository, digest);
    if (subject.isPresent()) {
      Digest subjectDigest = subject.get().digest();
      Referrers referrers = referrers();
      try {
        if (!referrers.apiAvailable(repository, subjectDigest)) {
          referrers.removeFromFallback(repository, subjectDigest, digest);
        }
      } catch (IOException e) {
        throw new RegistryException(
            "DELETE manifest " + repository.name() + "@" + digest,
            "the manifest was deleted, but the referrers fallback tag "
                + Referrers.fallbackTag(repository, subjectDigest)
                + " could not be updated: "
                + e.getMessage(),
            e);
      }
    }
    return digest;
  }

  private void deleteManifestOnly(Repository repository, Digest digest) throws IOException {
    String operation = "DELETE manifest " + repository.name() + "@" + digest;
    Repository at = routing.primary(repository, operation);
    Call call =
        Call.of(
            "DELETE",
            host(at),
            URI.create("/v2/" + path(at) + "/manifests/" + digest),
            HttpHeaders.empty(),
            path(at),
            Call.DELETE,
            operation);
    try (HttpResponse response = sender.send(call)) {
      if (response.status() != 202 && response.status() != 200 && response.status() != 204) {
        throw Errors.failure(call, response);
      }
    }
  }

  /**
   * Removes a tag, leaving the manifest and its other tags in place.
   *
   * <p>Strategy: {@code DELETE /v2/<name>/manifests/<tag>} (end-9) where the registry supports it.
   * Distribution 2.8 refuses that with 400 {@code DIGEST_INVALID} and deletes manifests only by
   * digest, taking every tag on them along; there the tag is first pointed at a unique throwaway
   * manifest (an empty OCI artifact with a random annotation, config {@code {}}), which is then
   * deleted by digest. The tag disappears and nothing else does (the 2-byte {@code {}} blob stays).
   *
   * @throws ManifestNotFoundException when the tag does not exist
   * @throws IllegalArgumentException when {@code tag} has no tag
   */
  public void deleteTag(ImageReference tag) throws IOException {
    String name =
        tag.tag()
            .map(Tag::toString)
            .orElseThrow(() -> new IllegalArgumentException("not a tag reference: " + tag));
    Repository repository = tag.repository();
    String operation = "DELETE tag " + repository.name() + ":" + name;
    Repository at = routing.primary(repository, operation);
    Call call =
        Call.of(
            "DELETE",
            host(at),
            URI.create("/v2/" + path(at) + "/manifests/" + name),
            HttpHeaders.empty(),
            path(at),
            Call.DELETE,
            operation);
    try (HttpResponse response = sender.send(call)) {
      if (response.status() == 202 || response.status() == 200 || response.status() == 204) {
        return;
      }
      RegistryErrorResponseException failure = Errors.failure(call, response);
      boolean byTagRefused =
          response.status() == 400
              && (failure.hasCode(ErrorCode.DIGEST_INVALID)
                  || failure.hasCode(ErrorCode.UNSUPPORTED));
      if (!byTagRefused) {
        throw failure;
      }
    }
    if (headManifest(tag).isEmpty()) {
      throw new ManifestNotFoundException(
          operation,
          404,
          List.of(),
          "not found: tag " + name + " does not exist in " + repository.name());
    }
    pushBlob(
        repository,
        Descriptor.EMPTY_JSON.digest(),
        Descriptor.EMPTY_JSON.size(),
        BlobContent.ofBytes(Descriptor.EMPTY_JSON_CONTENT.toByteArray()),
        ProgressListener.NONE);
    String throwaway =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + MediaType.OCI_IMAGE_MANIFEST.value()
            + "\","
            + "\"artifactType\":\"application/vnd.registrykit.untag\","
            + "\"config\":{\"mediaType\":\""
            + MediaType.OCI_EMPTY.value()
            + "\",\"digest\":\""
            + Descriptor.EMPTY_JSON.digest()
            + "\",\"size\":2},"
            + "\"layers\":[],\"annotations\":{\"dev.registrykit.untag\":\""
            + UUID.randomUUID()
            + "\"}}";
    RawManifest placeholder =
        new RawManifest(Bytes.ofUtf8(throwaway), MediaType.OCI_IMAGE_MANIFEST);
    putManifestAt(repository, placeholder, List.of(name));
    // The placeholder has no subject: no referrers bookkeeping, so no read before the delete.
    deleteManifestOnly(repository, placeholder.digest());
  }

  // ---------------------------------------------------------------------------------------------
  // blobs: end-2, end-10

  /**
   * Checks whether a blob exists in a repository (HEAD, end-2).
   *
   * @return its digest and size, or empty when the registry does not have it there
   */
  public Optional<SizedDigest> statBlob(Repository repository, Digest digest) throws IOException {
    Call call =
        blobCall("HEAD", primary(repository, "HEAD blob", digest), digest, HttpHeaders.empty());
    try (HttpResponse response = sender.send(call)) {
      if (response.status() == 404) {
        return Optional.empty();
      }
      if (response.status() != 200) {
        throw Errors.failure(call, response);
      }
      long size =
          response
              .headers()
              .firstValue("Content-Length")
              .flatMap(RegistryClient::parseLong)
              .orElse(-1L);
      if (size < 0) {
        throw new RegistryException(
            call.operation(), "the registry answered without a Content-Length for the blob");
      }
      return Optional.of(new SizedDigest(digest, size));
    }
  }

  /**
   * Opens a blob for streaming (GET, end-2), verified against its digest as it is read: the stream
   * throws {@link dev.registrykit.core.digest.DigestMismatchException} at the end when the content
   * is wrong, and as soon as it is longer than expected. A broken connection is resumed with a
   * {@code Range} request from the last byte received.
   *
   * @param expectedSize the size from the descriptor, or -1 when unknown
   * @param listener receives byte counts as the caller reads
   * @throws BlobNotFoundException when the registry does not have the blob
   */
  public InputStream openBlob(
      Repository repository, Digest digest, long expectedSize, ProgressListener listener)
      throws IOException {
    Objects.requireNonNull(listener, "listener");
    ImageReference blob = ImageReference.of(repository, digest);
    return mirrors.pull(
        blob,
        "GET blob " + repository + "@" + digest,
        source -> {
          Repository from = source.repository();
          InputStream first = openBlobAt(from, digest, 0);
          listener.blobServedBy(digest, from);
          ResumingInputStream resuming =
              new ResumingInputStream(
                  first,
                  offset -> openBlobAt(from, digest, offset),
                  maxResumes,
                  done -> listener.blobProgress(digest, done, expectedSize));
          return mirrors.watching(
              source,
              digest,
              expectedSize >= 0
                  ? VerifyingInputStream.of(resuming, digest, expectedSize)
                  : VerifyingInputStream.of(resuming, digest),
              expectedSize);
        });
  }

  /**
   * Runs {@code transfer}, which reads blob {@code digest} of {@code repository} through {@link
   * #openBlob}, again while it fails because a mirror (see {@link Builder#registries}) served that
   * blob corrupt: each run goes to the next mirror, finally to the primary location, so a corrupt
   * copy is never the end of a pull. {@code transfer} must start over cleanly (replace the file it
   * writes). Without mirrors it runs once.
   */
  public <T> T retryingCorruptMirrors(
      Repository repository, Digest digest, BlobTransfer<T> transfer) throws IOException {
    long corrupt = mirrors.corruptMirrors(repository, digest);
    while (true) {
      try {
        return transfer.call();
      } catch (IOException e) {
        long now = mirrors.corruptMirrors(repository, digest);
        if (now == corrupt) {
          throw e;
        }
        corrupt = now;
      }
    }
  }

  /** A transfer of one blob, for {@link #retryingCorruptMirrors}. */
  @FunctionalInterface
  public interface BlobTransfer<T> {
    /** Transfers the blob, reading it through {@link #openBlob}. */
    T call() throws IOException;
  }

  /**
   * Like {@link #openBlob(Repository, Digest, long, ProgressListener)} with unknown size and no
   * listener.
   */
  public InputStream openBlob(Repository repository, Digest digest) throws IOException {
    return openBlob(repository, digest, -1, ProgressListener.NONE);
  }

  /**
   * Opens a blob from byte {@code offset} on (GET with {@code Range}, end-2), resuming on breaks.
   * Unverified, since a part of a blob cannot be checked against its digest: for resuming a
   * transfer whose start was verified, or uploading it on (the target registry verifies the whole).
   *
   * @throws BlobNotFoundException when the registry does not have the blob
   */
  public InputStream openBlobFrom(Repository repository, Digest digest, long offset)
      throws IOException {
    return mirrors.pull(
        ImageReference.of(repository, digest),
        "GET blob " + repository + "@" + digest,
        source -> {
          Repository from = source.repository();
          InputStream first = openBlobAt(from, digest, offset);
          return new ResumingInputStream(
              first, at -> openBlobAt(from, digest, offset + at), maxResumes, Progress.NONE);
        });
  }

  private InputStream openBlobAt(Repository repository, Digest digest, long offset)
      throws IOException {
    HttpHeaders headers =
        offset > 0 ? HttpHeaders.of("Range", "bytes=" + offset + "-") : HttpHeaders.empty();
    Call call = blobCall("GET", repository, digest, headers);
    HttpResponse response = sender.send(call);
    boolean ok = false;
    try {
      InputStream body = response.body();
      if (offset > 0 && response.status() == 206) {
        long start =
            response
                .headers()
                .firstValue("Content-Range")
                .flatMap(RegistryClient::contentRangeStart)
                .orElse(offset);
        if (start != offset) {
          throw new RegistryException(
              call.operation(), "the registry resumed at byte " + start + " instead of " + offset);
        }
      } else if (response.status() == 200) {
        // A registry that ignores Range sends everything again: skip what was already read.
        body.skipNBytes(offset);
      } else {
        throw Errors.failure(call, response);
      }
      ok = true;
      return body;
    } finally {
      if (!ok) {
        response.close();
      }
    }
  }

  /**
   * Deletes a blob from a repository (end-10). On Distribution only this repository's link goes.
   *
   * @throws BlobNotFoundException when the repository does not have it
   */
  public void deleteBlob(Repository repository, Digest digest) throws IOException {
    Call call =
        blobCall("DELETE", primary(repository, "DELETE blob", digest), digest, HttpHeaders.empty());
    try (HttpResponse response = sender.send(call)) {
      if (response.status() != 202 && response.status() != 200 && response.status() != 204) {
        throw Errors.failure(call, response);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // uploads: end-4a, end-4b, end-5, end-6, end-11, end-13, end-14

  /**
   * Uploads a blob whose digest and size are known. Monolithic (POST then PUT with the content)
   * unless the blob is larger than the builder's chunk size, then chunked (PATCH per chunk, at
   * least {@code OCI-Chunk-Min-Length} each). A single POST is used where the registry proved to
   * support it. After a failure the upload resumes from the offset the registry reports, or
   * restarts in a new session when the old one is gone. Always uploads: use {@link #ensureBlob} to
   * skip blobs that are present.
   *
   * @param content the bytes; opened once per attempt, at the resume offset
   * @throws CorruptBlobSourceException when the content does not match {@code digest} or {@code
   *     size} (the registry refused it with {@code DIGEST_INVALID}, or it ended early)
   * @throws RegistryErrorResponseException when the registry refuses the upload for another reason
   */
  public SizedDigest pushBlob(
      Repository repository,
      Digest digest,
      long size,
      BlobContent content,
      ProgressListener listener)
      throws IOException {
    return uploader(primary(repository, "PUT blob", digest))
        .push(Optional.empty(), digest, size, content::open, progress(digest, size, listener));
  }

  /**
   * Uploads a stream whose digest is not known in advance (one streamed PATCH, then PUT with the
   * digest computed on the way). Not resumable: the stream cannot be rewound.
   *
   * @return the digest and size of what was uploaded
   */
  public SizedDigest pushBlob(Repository repository, InputStream content, ProgressListener listener)
      throws IOException {
    Repository at = routing.primary(repository, "POST blob upload " + repository.name());
    SizedDigest pushed = uploader(at).pushStream(content, DigestAlgorithm.SHA256);
    listener.blobProgress(pushed.digest(), pushed.size(), pushed.size());
    return pushed;
  }

  /**
   * Mounts a blob from another repository of the same registry (end-11).
   *
   * @return true when the registry mounted it (201); false when it declined (202: unknown source,
   *     no permission there, or mounting unsupported) or {@code from} is on another registry, in
   *     which case nothing changed
   */
  public boolean mountBlob(Repository target, Digest digest, Repository from) throws IOException {
    Repository at = primary(target, "POST blob mount", digest);
    Optional<Repository> source = routing.primaryIfAllowed(from);
    if (source.isEmpty() || !source.get().registry().equals(at.registry())) {
      return false;
    }
    return mount(at, digest, Optional.of(source.get().path()));
  }

  /**
   * Mounts a blob from wherever the registry knows it (end-11, "mount without {@code from}").
   *
   * @return true when the registry mounted it (201); false when it declined (202), in which case
   *     nothing changed
   */
  public boolean mountBlob(Repository target, Digest digest) throws IOException {
    return mount(primary(target, "POST blob mount", digest), digest, Optional.empty());
  }

  private boolean mount(Repository target, Digest digest, Optional<String> fromPath)
      throws IOException {
    BlobUploader uploader = uploader(target);
    BlobUploader.MountOutcome outcome = uploader.mount(digest, fromPath);
    outcome.session().ifPresent(uploader::cancel);
    return outcome.mounted();
  }

  /**
   * Makes sure a blob is in {@code repository}, sending as little as possible: HEAD first (nothing
   * to do when present), then a mount from each candidate repository on the same registry, then an
   * upload reusing the session a declined mount opened. Never uploads a blob that is present.
   *
   * @param mountCandidates repositories that may hold the blob, tried in order
   * @return what was done
   */
  public BlobResult ensureBlob(
      Repository repository,
      Digest digest,
      long size,
      BlobContent content,
      List<Repository> mountCandidates,
      ProgressListener listener)
      throws IOException {
    Optional<SizedDigest> present = statBlob(repository, digest);
    if (present.isPresent()) {
      return new BlobResult(
          digest, present.get().size(), BlobResult.Outcome.ALREADY_PRESENT, Optional.empty());
    }
    Repository at = primary(repository, "PUT blob", digest);
    BlobUploader uploader = uploader(at);
    Optional<BlobUploader.Session> session = Optional.empty();
    for (Repository source : mountCandidates) {
      Optional<Repository> from = routing.primaryIfAllowed(source);
      if (from.isEmpty()
          || !host(from.get()).equals(host(at))
          || path(from.get()).equals(path(at))) {
        continue;
      }
      session.ifPresent(uploader::cancel);
      BlobUploader.MountOutcome outcome = uploader.mount(digest, Optional.of(path(from.get())));
      if (outcome.mounted()) {
        return new BlobResult(digest, size, BlobResult.Outcome.MOUNTED, Optional.of(source));
      }
      session = outcome.session();
    }
    uploader.push(session, digest, size, content::open, progress(digest, size, listener));
    return new BlobResult(digest, size, BlobResult.Outcome.PUSHED, Optional.empty());
  }

  // ---------------------------------------------------------------------------------------------
  // tags and catalog: end-8a, end-8b, catalog

  /**
   * Lists every tag of a repository, following {@code Link} pagination (end-8a). An empty
   * repository lists no tags (Distribution answers {@code "tags": null}).
   *
   * @throws NotFoundException when the repository does not exist
   */
  public List<Tag> listTags(Repository repository) throws IOException {
    Repository at = routing.primary(repository, tagsOperation(repository));
    return listAll(
        tagsOperation(repository),
        URI.create("/v2/" + path(at) + "/tags/list"),
        (next, budget) -> tagPage(repository, at, next, budget));
  }

  /**
   * Lists one page of tags (end-8b): at most {@code pageSize} tags after {@code last}. Registries
   * may ignore both (Distribution 2.8 does, returning every tag); follow {@link Page#next()} with
   * {@link #listTags(Repository, URI)}.
   */
  public Page<Tag> listTags(Repository repository, int pageSize, Tag last) throws IOException {
    Repository at = routing.primary(repository, tagsOperation(repository));
    return tagPage(
        repository,
        at,
        URI.create("/v2/" + path(at) + "/tags/list?n=" + positive(pageSize) + "&last=" + last));
  }

  /**
   * The first page of tags (end-8b): at most {@code pageSize}; see {@link #listTags(Repository,
   * int, Tag)}.
   */
  public Page<Tag> listTags(Repository repository, int pageSize) throws IOException {
    Repository at = routing.primary(repository, tagsOperation(repository));
    return tagPage(
        repository, at, URI.create("/v2/" + path(at) + "/tags/list?n=" + positive(pageSize)));
  }

  private static int positive(int pageSize) {
    if (pageSize <= 0) {
      throw new IllegalArgumentException("page size must be positive: " + pageSize);
    }
    return pageSize;
  }

  /** Fetches the tag page at {@code next}, as linked from a previous page. */
  public Page<Tag> listTags(Repository repository, URI next) throws IOException {
    return tagPage(repository, routing.primary(repository, tagsOperation(repository)), next);
  }

  private Page<Tag> tagPage(Repository repository, Repository at, URI target) throws IOException {
    return tagPage(repository, at, target, listingBudget(tagsOperation(repository)));
  }

  /** A page of {@code repository}'s tags, from its primary location {@code at}. */
  private Page<Tag> tagPage(Repository repository, Repository at, URI target, ListingBudget budget)
      throws IOException {
    Call call =
        Call.of(
            "GET",
            host(at),
            target,
            HttpHeaders.of("Accept", "application/json"),
            path(at),
            Call.PULL,
            tagsOperation(repository));
    return page(call, "tags", name -> Optional.of(Tag.parse(name)), budget);
  }

  private static String tagsOperation(Repository repository) {
    return "GET tags " + repository.name();
  }

  /**
   * Lists every repository of a registry, following pagination ({@code /v2/_catalog}). Many public
   * registries refuse the catalog (401/403/404).
   */
  public List<Repository> catalog(Registry registry) throws IOException {
    Routing.RegistryLocation at = routing.primary(registry, catalogOperation(registry));
    return listAll(
        catalogOperation(registry),
        URI.create("/v2/_catalog"),
        (next, budget) -> catalogPage(registry, at, next, budget));
  }

  /** Fetches one page of a listing within the listing's budget. */
  @FunctionalInterface
  private interface PageFetcher<T> {
    Page<T> fetch(URI target, ListingBudget budget) throws IOException;
  }

  /** Every page of a listing from {@code first} on, within the builder's listing limits. */
  private <T> List<T> listAll(String operation, URI first, PageFetcher<T> fetcher)
      throws IOException {
    ListingBudget budget = listingBudget(operation);
    List<T> all = new ArrayList<>();
    Optional<URI> next = Optional.of(first);
    while (next.isPresent()) {
      Page<T> page = fetcher.fetch(next.get(), budget);
      all.addAll(page.items());
      next = page.next();
    }
    return all;
  }

  ListingBudget listingBudget(String operation) {
    return new ListingBudget(operation, maxListingEntries, maxListingBytes);
  }

  /**
   * One catalog page of at most {@code pageSize} repositories after {@code last} (Distribution caps
   * {@code n} at 1000); follow {@link Page#next()} with {@link #catalog(Registry, URI)}.
   *
   * @throws IllegalArgumentException when {@code last} is on another registry
   */
  public Page<Repository> catalog(Registry registry, int pageSize, Repository last)
      throws IOException {
    if (!last.registry().equals(registry)) {
      throw new IllegalArgumentException(last + " is not in " + registry);
    }
    Routing.RegistryLocation at = routing.primary(registry, catalogOperation(registry));
    String lastThere = at.namespace().isEmpty() ? last.path() : at.namespace() + "/" + last.path();
    String query =
        "?n="
            + positive(pageSize)
            + "&last="
            + URLEncoder.encode(lastThere, StandardCharsets.UTF_8);
    return catalogPage(registry, at, URI.create("/v2/_catalog" + query));
  }

  /**
   * The first catalog page: at most {@code pageSize} repositories; see {@link #catalog(Registry,
   * int, Repository)}.
   */
  public Page<Repository> catalog(Registry registry, int pageSize) throws IOException {
    return catalogPage(
        registry,
        routing.primary(registry, catalogOperation(registry)),
        URI.create("/v2/_catalog?n=" + positive(pageSize)));
  }

  /** Fetches the catalog page at {@code next}, as linked from a previous page. */
  public Page<Repository> catalog(Registry registry, URI next) throws IOException {
    return catalogPage(registry, routing.primary(registry, catalogOperation(registry)), next);
  }

  private Page<Repository> catalogPage(Registry registry, Routing.RegistryLocation at, URI target)
      throws IOException {
    return catalogPage(registry, at, target, listingBudget(catalogOperation(registry)));
  }

  /**
   * A page of {@code registry}'s catalog from its primary location {@code at}, the names as the
   * caller knows them (a location's namespace removed, repositories outside it left out).
   */
  private Page<Repository> catalogPage(
      Registry registry, Routing.RegistryLocation at, URI target, ListingBudget budget)
      throws IOException {
    Call call =
        Call.of(
            "GET",
            host(at.registry()),
            target,
            HttpHeaders.of("Accept", "application/json"),
            "",
            Set.of(),
            catalogOperation(registry));
    return page(call, "repositories", name -> at.asSeenFrom(registry, name), budget);
  }

  private static String catalogOperation(Registry registry) {
    return "GET catalog " + registry;
  }

  private <T> Page<T> page(
      Call call,
      String field,
      java.util.function.Function<String, Optional<T>> parse,
      ListingBudget budget)
      throws IOException {
    budget.enter(call.target());
    try (HttpResponse response = sender.send(call)) {
      if (response.status() != 200) {
        throw Errors.failure(call, response);
      }
      byte[] body = readListingPage(response, budget);
      List<T> items = new ArrayList<>();
      try {
        for (String item : JsonBodies.stringList(body, field)) {
          parse.apply(item).ifPresent(items::add);
        }
      } catch (IllegalArgumentException e) {
        throw new RegistryException(
            call.operation(), "the registry's answer is not a valid listing: " + e.getMessage(), e);
      }
      budget.add(items.size(), body.length);
      Optional<URI> next = LinkHeader.next(response.headers().allValues("Link"), response.uri());
      return new Page<>(items, next);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // referrers: end-12 and the fallback tag schema

  /**
   * Lists the manifests that refer to {@code subject} (their {@code subject} field), optionally
   * only those of one artifact type: through the referrers API (end-12, following pagination) where
   * the registry has it, otherwise from the fallback tag {@code <alg>-<hex>} (Distribution 2.8
   * answers the API with a plain-text 404).
   *
   * @see <a
   *     href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#listing-referrers">spec:
   *     listing referrers</a>
   */
  public List<Descriptor> referrers(Repository repository, Digest subject) throws IOException {
    return referrers().list(repository, subject, Optional.empty());
  }

  /**
   * Like {@link #referrers(Repository, Digest)}, only the referrers whose artifact type is {@code
   * artifactType}.
   */
  public List<Descriptor> referrers(Repository repository, Digest subject, String artifactType)
      throws IOException {
    return referrers().list(repository, subject, Optional.of(artifactType));
  }

  private Referrers referrers() {
    return new Referrers(this, sender);
  }

  /**
   * The first page of the manifests that refer to {@code subject}, for a caller that wants to stop
   * early or read more than the builder's listing limits allow: follow {@link Page#next()} with
   * {@link #referrersPage(Repository, Digest, URI)}. A registry without the referrers API answers
   * with its fallback index as the only page.
   */
  public Page<Descriptor> referrersPage(Repository repository, Digest subject) throws IOException {
    return referrersPage(repository, subject, Optional.empty(), Optional.empty());
  }

  /**
   * Like {@link #referrersPage(Repository, Digest)}, only the referrers whose artifact type is
   * {@code artifactType}; follow {@link Page#next()} with {@link #referrersPage(Repository, Digest,
   * String, URI)}.
   */
  public Page<Descriptor> referrersPage(Repository repository, Digest subject, String artifactType)
      throws IOException {
    return referrersPage(repository, subject, Optional.of(artifactType), Optional.empty());
  }

  /** Fetches the page of referrers at {@code next}, as linked from a previous page. */
  public Page<Descriptor> referrersPage(Repository repository, Digest subject, URI next)
      throws IOException {
    return referrersPage(repository, subject, Optional.empty(), Optional.of(next));
  }

  /**
   * Fetches the page of referrers of type {@code artifactType} at {@code next}, as linked from a
   * previous page (a registry that does not filter is filtered here, page by page).
   */
  public Page<Descriptor> referrersPage(
      Repository repository, Digest subject, String artifactType, URI next) throws IOException {
    return referrersPage(repository, subject, Optional.of(artifactType), Optional.of(next));
  }

  private Page<Descriptor> referrersPage(
      Repository repository, Digest subject, Optional<String> artifactType, Optional<URI> next)
      throws IOException {
    return referrers()
        .page(
            repository,
            subject,
            artifactType,
            next,
            listingBudget(Referrers.operation(repository, subject)));
  }

  /**
   * The refresh token the token endpoint of {@code registry} issued, if it did: for a client {@link
   * Builder#buildWithOfflineAccess built with offline access}, the one a login stores.
   */
  Optional<String> refreshToken(Registry registry) throws RegistryException {
    return sender.refreshToken(host(routing.primary(registry, "login " + registry).registry()));
  }

  /** {@code repository} at its primary location, for an operation that is not a pull. */
  Repository primary(Repository repository, String operation) throws RegistryException {
    return routing.primary(repository, operation);
  }

  private Repository primary(Repository repository, String method, Digest digest)
      throws RegistryException {
    return routing.primary(repository, method + " " + repository.name() + "@" + digest);
  }

  // ---------------------------------------------------------------------------------------------

  /** Releases the connections. Operations in flight fail. */
  @Override
  public void close() throws IOException {
    transport.close();
  }

  private static Progress progress(Digest digest, long size, ProgressListener listener) {
    return done -> listener.blobProgress(digest, done, size);
  }

  // The helpers below take a repository at its primary location or a mirror: routed by the caller.

  private BlobUploader uploader(Repository repository) {
    return new BlobUploader(
        sender, host(repository), path(repository), chunkSize, maxResumes, singlePostSupport);
  }

  private Call manifestCall(String method, ImageReference reference, List<MediaType> accept) {
    Repository repository = reference.repository();
    String target =
        reference
            .digest()
            .map(Digest::toString)
            .or(() -> reference.tag().map(Tag::toString))
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "reference has neither tag nor digest: " + reference));
    String acceptHeader = accept.stream().map(MediaType::value).collect(Collectors.joining(", "));
    String operation = method + " manifest " + reference;
    return Call.of(
        method,
        host(repository),
        URI.create("/v2/" + path(repository) + "/manifests/" + target),
        HttpHeaders.of("Accept", acceptHeader),
        path(repository),
        Call.PULL,
        operation);
  }

  private Call blobCall(String method, Repository repository, Digest digest, HttpHeaders headers) {
    String operation = method + " blob " + repository.name() + "@" + digest;
    Set<String> actions = method.equals("DELETE") ? Call.DELETE : Call.PULL;
    return Call.of(
        method,
        host(repository),
        URI.create("/v2/" + path(repository) + "/blobs/" + digest),
        headers,
        path(repository),
        actions,
        operation);
  }

  /** One page's body, refused as soon as it is longer than what is left of the listing's budget. */
  static byte[] readListingPage(HttpResponse response, ListingBudget budget) throws IOException {
    int limit = budget.pageBodyLimit();
    byte[] bytes = response.readBody(limit + 1);
    if (bytes.length > limit) {
      throw budget.tooManyBytes();
    }
    return bytes;
  }

  static byte[] readCapped(Call call, HttpResponse response, int limit) throws IOException {
    byte[] bytes = response.readBody(limit + 1);
    if (bytes.length > limit) {
      throw new RegistryException(
          call.operation(), "the registry's answer exceeds the limit of " + limit + " bytes");
    }
    return bytes;
  }

  // Where core reference types meet the wire: the registry's API host and the repository path.
  static String host(Registry registry) {
    // Docker's reference grammar takes any digits after the colon (host:99999 parses), so a port
    // that no socket can use is refused here, where the client would connect to it.
    boolean hasPort = registry.host().length() < registry.name().length();
    if (hasPort && registry.port().orElse(0) == 0) {
      throw new IllegalArgumentException(
          "registry "
              + registry
              + ": the port "
              + registry.name().substring(registry.host().length() + 1)
              + " is not a TCP port (1-65535)");
    }
    // The registry's name as in references; the pipeline maps docker.io to its API host.
    return registry.toString();
  }

  static String host(Repository repository) {
    return host(repository.registry());
  }

  static String path(Repository repository) {
    return repository.path();
  }

  private static Optional<Long> parseLong(String s) {
    try {
      return Optional.of(Long.parseLong(s.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The first byte of {@code bytes 100-199/200}. */
  static Optional<Long> contentRangeStart(String value) {
    String v = value.trim();
    if (v.startsWith("bytes")) {
      v = v.substring(5).trim();
    }
    int dash = v.indexOf('-');
    return dash < 0 ? Optional.empty() : parseLong(v.substring(0, dash));
  }

  /** Builds a {@link RegistryClient}. Not thread-safe; the client it builds is. */
  public static final class Builder {
    private @Nullable HttpTransport transport;
    private final Set<String> plainHttp = new LinkedHashSet<>();
    private final Set<String> insecure = new LinkedHashSet<>();
    private String userAgent = "registrykit/0.1";
    private CredentialProvider credentials = CredentialProviders.anonymous();
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private boolean credentialsOverPlainHttp;
    private final List<Interceptor> interceptors = new ArrayList<>();
    private long chunkSize;
    private int maxResumes = 3;
    private RegistriesConfig registries = RegistriesConfig.empty();
    // A million entries: far above real repositories (the largest public ones list tens of
    // thousands of tags), far below what exhausts a default heap.
    private int maxListingEntries = 1_000_000;
    private long maxListingBytes = 256L * 1024 * 1024;

    private Builder() {}

    /**
     * Per-registry settings; none by default. {@code RegistriesConfig.load()} reads what containers
     * tools and Docker use. Pulls (manifests and blobs) try the mirrors in order, then the primary
     * location; every other operation (pushes, HEADs, tag listings, the catalog, deletes, mounts,
     * referrers) goes to the primary location only, with its prefix rewritten to the route's {@code
     * location}. Insecure locations and mirrors are spoken to over plain HTTP; a blocked registry
     * is refused for every operation before anything is sent.
     */
    public Builder registries(RegistriesConfig config) {
      this.registries = Objects.requireNonNull(config, "registries");
      return this;
    }

    /** Where credentials come from, per registry; anonymous by default. */
    public Builder credentials(CredentialProvider provider) {
      this.credentials = Objects.requireNonNull(provider, "credentials");
      return this;
    }

    /**
     * How temporary failures (429, 502–504, connection resets) are retried; {@link
     * RetryPolicy#defaults()} by default.
     */
    public Builder retryPolicy(RetryPolicy policy) {
      this.retryPolicy = Objects.requireNonNull(policy, "retryPolicy");
      return this;
    }

    /**
     * Whether credentials may travel over plain HTTP to non-loopback registries; false by default.
     */
    public Builder credentialsOverPlainHttp(boolean allowed) {
      this.credentialsOverPlainHttp = allowed;
      return this;
    }

    /** Adds an interceptor that sees every request (after authentication) and its response. */
    public Builder interceptor(Interceptor interceptor) {
      interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
      return this;
    }

    /**
     * A client whose token requests with a user name and password ask for offline access, a refresh
     * token ({@link RegistryClient#refreshToken}), as {@code docker login} does: what a login
     * builds; this builder stays as it was.
     */
    RegistryClient buildWithOfflineAccess() {
      return new RegistryClient(this, true);
    }

    /**
     * The HTTP transport to send requests with; Apache HttpClient 5 ({@link
     * ApacheHttpTransport#create()}) by default.
     */
    public Builder transport(HttpTransport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    /**
     * Speaks plain HTTP to these registries ({@code registry.internal:5000}) without trying HTTPS;
     * every other registry gets HTTPS (loopback registries fall back to plain HTTP by themselves
     * when they do not speak TLS). See {@link #insecureRegistries} for HTTPS without verification,
     * then plain HTTP.
     */
    public Builder plainHttp(Registry... registries) {
      for (Registry registry : registries) {
        plainHttp.add(host(registry));
      }
      return this;
    }

    /**
     * Allows these registries to be insecure, as Docker's {@code insecure-registries} and Jib's
     * {@code allowInsecureRegistries}: HTTPS without verifying the certificate chain or the host
     * name (a self-signed certificate, a company CA the JVM does not know), or plain HTTP;
     * credentials may be sent to them either way. Only for a registry on a network you trust:
     * anyone between the client and it can read and change what is sent.
     *
     * <p>Which is tried first: for a registry named without a port, HTTPS (port 443), then plain
     * HTTP (port 80, possibly another server). For one named with its port, where one port speaks
     * one protocol and both orders pick the same, plain HTTP first: a plain-HTTP registry then
     * costs no TLS start-up, and a TLS one one refused plain request (no probe carries
     * credentials).
     *
     * <p>It applies to each registry's own API host and port only ({@code registry.internal} means
     * port 443 over HTTPS and 80 over plain HTTP; {@code registry.internal:5000} port 5000): a
     * token service or blob storage the registry sends the client to on another host is verified as
     * usual, and every registry not named keeps full verification. The transport skips verification
     * through {@link HttpTransport#sendUnverified}; the default transport does.
     */
    public Builder insecureRegistries(Registry... registries) {
      for (Registry registry : registries) {
        insecure.add(host(registry));
      }
      return this;
    }

    /** The {@code User-Agent} header. */
    public Builder userAgent(String userAgent) {
      this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
      return this;
    }

    /**
     * Uploads blobs larger than {@code bytes} in chunks of that size (at least the registry's
     * {@code OCI-Chunk-Min-Length}); 0, the default, uploads every blob in one request, which is
     * fastest. Chunks bound how much a failure re-sends, and suit registries that cap request
     * sizes.
     */
    public Builder chunkSize(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("chunk size must not be negative: " + bytes);
      }
      this.chunkSize = bytes;
      return this;
    }

    /**
     * The most entries one listing ({@link RegistryClient#listTags(Repository)}, {@link
     * RegistryClient#catalog(Registry)}, {@link RegistryClient#referrers(Repository, Digest)}) may
     * hold across its pages, a million by default; a registry sending more fails the listing with a
     * {@code RegistryException} rather than exhausting the heap. To read more, or to stop early,
     * read page by page ({@link RegistryClient#listTags(Repository, int)} then {@link
     * RegistryClient#listTags(Repository, URI)} with each {@link Page#next()}).
     */
    public Builder maxListingEntries(int count) {
      if (count < 1) {
        throw new IllegalArgumentException("max listing entries must be at least 1: " + count);
      }
      this.maxListingEntries = count;
      return this;
    }

    /**
     * The most bytes one listing may read across its pages (bodies and links), 256 MiB by default;
     * one page is read up to 64 MiB. See {@link #maxListingEntries(int)}.
     */
    public Builder maxListingBytes(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("max listing bytes must be at least 1: " + bytes);
      }
      this.maxListingBytes = bytes;
      return this;
    }

    /** How many times a broken upload or download is resumed before giving up (default 3). */
    public Builder maxResumes(int count) {
      if (count < 0) {
        throw new IllegalArgumentException("max resumes must not be negative: " + count);
      }
      this.maxResumes = count;
      return this;
    }

    /** The client. */
    public RegistryClient build() {
      return new RegistryClient(this, false);
    }
  }
}
