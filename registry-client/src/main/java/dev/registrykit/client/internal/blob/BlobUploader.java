package dev.registrykit.client.internal.blob;

import dev.registrykit.client.errors.AuthenticationException;
import dev.registrykit.client.errors.CorruptBlobSourceException;
import dev.registrykit.client.errors.PlainHttpRegistryException;
import dev.registrykit.client.errors.RateLimitedException;
import dev.registrykit.client.errors.RegistryErrorResponseException;
import dev.registrykit.client.errors.RegistryException;
import dev.registrykit.client.errors.RegistryTlsException;
import dev.registrykit.client.internal.http.Call;
import dev.registrykit.client.internal.http.CallSender;
import dev.registrykit.client.internal.http.Errors;
import dev.registrykit.client.transport.HttpHeaders;
import dev.registrykit.client.transport.HttpResponse;
import dev.registrykit.client.transport.RequestBody;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.digest.DigestAlgorithm;
import dev.registrykit.core.digest.DigestMismatchException;
import dev.registrykit.core.digest.DigestingInputStream;
import dev.registrykit.core.digest.SizedDigest;
import dev.registrykit.core.distribution.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * The blob upload protocol for one repository: sessions (end-4a), single POST (end-4b), monolithic
 * PUT (end-6), chunked PATCH (end-5), status (end-13), cancel (end-14) and mount (end-11), with
 * resume from the registry's reported {@code Range} after a failure.
 *
 * <p>Quirks handled, measured on Distribution 2.8 (the interop tests run it): every PATCH/POST
 * response carries a new {@code Location} and the old one is stale, so the latest is always used; a
 * single POST with a body may be answered 202 with the body ignored, so it only counts as done on
 * 201, and is probed once per registry with a small blob before it is trusted; PATCH bodies are
 * {@code application/octet-stream} (Distribution fails {@code text/plain} with 500); {@code
 * Content-Range} is not checked by Distribution, so a resume must continue exactly at the reported
 * offset.
 *
 * @see <a
 *     href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pushing-blobs">spec:
 *     pushing blobs</a>
 */
public final class BlobUploader {
  /** The largest blob used to find out whether a registry honours single-POST uploads. */
  static final long SINGLE_POST_PROBE_LIMIT = 1024 * 1024;

  private final CallSender sender;
  private final String registry;
  private final String repository;
  private final long chunkSize;
  private final int maxResumes;
  private final ConcurrentMap<String, SinglePost> singlePostSupport;

  /** What the client knows about a registry's single-POST uploads (end-4b). */
  public enum SinglePost {
    /** An upload is finding out, with a small blob. */
    PROBING,
    /** The registry stored a blob from one POST (201). */
    SUPPORTED,
    /** The registry answered otherwise (Distribution: 202, body ignored). */
    UNSUPPORTED
  }

  /** An open upload session. */
  public record Session(URI location, long chunkMinLength) {}

  /** What a mount request achieved: mounted, or an upload session to use instead. */
  public record MountOutcome(boolean mounted, Optional<Session> session) {}

  public BlobUploader(
      CallSender sender,
      String registry,
      String repository,
      long chunkSize,
      int maxResumes,
      ConcurrentMap<String, SinglePost> singlePostSupport) {
    this.sender = sender;
    this.registry = registry;
    this.repository = repository;
    this.chunkSize = chunkSize;
    this.maxResumes = maxResumes;
    this.singlePostSupport = singlePostSupport;
  }

  private String uploadsPath() {
    return "/v2/" + repository + "/blobs/uploads/";
  }

  private String describe(String verb, Digest digest) {
    return verb + " blob " + registry + "/" + repository + "@" + digest;
  }

  /** Opens an upload session (end-4a). */
  public Session start(String operation) throws IOException {
    Call call =
        Call.of(
                "POST",
                registry,
                URI.create(uploadsPath()),
                HttpHeaders.empty(),
                repository,
                Call.PUSH,
                operation)
            .withBody(RequestBody.ofBytes(new byte[0], ContentBody.OCTET_STREAM), true);
    try (HttpResponse response = sender.send(call)) {
      if (response.status() != 202) {
        throw Errors.failure(call, response);
      }
      return session(call, response);
    }
  }

  /**
   * Asks the registry to mount {@code digest} from {@code from}, or from wherever it knows the blob
   * when {@code from} is empty (spec main: "mount without from"). A 202 opens an ordinary upload
   * session, which the caller should use instead of opening another.
   */
  public MountOutcome mount(Digest digest, Optional<String> from) throws IOException {
    String query = "?mount=" + digest + from.map(f -> "&from=" + f).orElse("");
    String operation =
        "POST mount "
            + registry
            + "/"
            + repository
            + "@"
            + digest
            + from.map(f -> " from " + f).orElse("");
    // The token must also grant pull on the source repository, or the registry declines the mount.
    Call call =
        Call.of(
                "POST",
                registry,
                URI.create(uploadsPath() + query),
                HttpHeaders.empty(),
                repository,
                Call.PUSH,
                operation)
            .withBody(RequestBody.ofBytes(new byte[0], ContentBody.OCTET_STREAM), true);
    if (from.isPresent()) {
      call = call.withMountSource(from.get());
    }
    try (HttpResponse response = sender.send(call)) {
      if (response.status() == 201) {
        return new MountOutcome(true, Optional.empty());
      }
      if (response.status() == 202) {
        return new MountOutcome(false, Optional.of(session(call, response)));
      }
      throw Errors.failure(call, response);
    }
  }

  /**
   * Uploads a blob whose digest and size are known, resuming after failures from the offset the
   * registry reports, and restarting with a fresh session when the old one is gone.
   *
   * @param session a session to use first (e.g. from a mount that answered 202), if any
   */
  public SizedDigest push(
      Optional<Session> session, Digest digest, long size, Opener content, Progress progress)
      throws IOException {
    String operation = describe("PUT", digest);
    @Nullable Session current = session.orElse(null);
    long offset = 0;
    int failures = 0;
    boolean resumed = false;
    while (true) {
      try {
        if (current == null) {
          offset = 0;
          if (trySinglePost(digest, size, content, progress, operation)) {
            return new SizedDigest(digest, size);
          }
          current = start(operation);
        }
        if (chunkSize > 0 && size - offset > effectiveChunk(current)) {
          Session[] latest = {current};
          try {
            offset = patchChunks(latest, offset, digest, size, content, progress, operation);
          } finally {
            // Each PATCH answer carries the next Location; the old one is stale (Distribution).
            current = latest[0];
          }
        }
        finish(current, offset, digest, size, content, progress, operation);
        progress.bytesSoFar(size);
        return new SizedDigest(digest, size);
      } catch (ResumeException e) {
        current = e.session;
        offset = e.offset;
        resumed = true;
      } catch (IOException e) {
        if (++failures > maxResumes || !resumable(e, resumed)) {
          throw corruptSourceOr(e, operation, digest);
        }
        Optional<Resume> status = current == null ? Optional.empty() : status(current, operation);
        if (status.isEmpty() || status.get().offset > size || isDigestInvalid(e)) {
          current = null;
          resumed = false;
        } else {
          // A status is only asked for, and so present, while there is a session.
          current =
              new Session(
                  status.get().location, Objects.requireNonNull(current, "session").chunkMinLength);
          offset = status.get().offset;
          resumed = offset > 0;
        }
      }
    }
  }

  /**
   * Uploads a stream whose digest is not known in advance: one streamed PATCH hashing the bytes as
   * they go, then the closing PUT with the computed digest. The stream cannot be rewound, so this
   * is not resumable.
   */
  public SizedDigest pushStream(InputStream in, DigestAlgorithm algorithm) throws IOException {
    String operation = "PATCH blob " + registry + "/" + repository + " (streamed)";
    Session session = start(operation);
    DigestingInputStream digesting = new DigestingInputStream(in, algorithm);
    RequestBody body =
        new RequestBody() {
          @Override
          public String contentType() {
            return ContentBody.OCTET_STREAM;
          }

          @Override
          public long contentLength() {
            return -1;
          }

          @Override
          public void writeTo(OutputStream out) throws IOException {
            byte[] buffer = new byte[256 * 1024];
            for (int n; (n = digesting.read(buffer)) != -1; ) {
              out.write(buffer, 0, n);
            }
          }

          @Override
          public boolean isRepeatable() {
            return false;
          }
        };
    Call patch =
        Call.of(
                "PATCH",
                registry,
                session.location,
                HttpHeaders.empty(),
                repository,
                Call.PUSH,
                operation)
            .withBody(body, false);
    URI location;
    try (HttpResponse response = sender.send(patch)) {
      if (response.status() != 202 && response.status() != 204) {
        throw Errors.failure(patch, response);
      }
      location = location(patch, response).orElse(session.location);
    }
    SizedDigest result = digesting.result();
    Call put =
        Call.of(
                "PUT",
                registry,
                withDigest(location, result.digest()),
                HttpHeaders.empty(),
                repository,
                Call.PUSH,
                describe("PUT", result.digest()))
            .withBody(RequestBody.ofBytes(new byte[0], ContentBody.OCTET_STREAM), false);
    try (HttpResponse response = sender.send(put)) {
      if (response.status() != 201 && response.status() != 204) {
        throw Errors.failure(put, response);
      }
    }
    return result;
  }

  /** Cancels a session (end-14); failures are ignored, as the spec asks. */
  public void cancel(Session session) {
    Call call =
        Call.of(
            "DELETE",
            registry,
            session.location,
            HttpHeaders.empty(),
            repository,
            Call.PUSH,
            "DELETE upload " + registry + "/" + repository);
    try (HttpResponse ignored = sender.send(call)) {
      // Any answer will do: the registry times out sessions it did not cancel.
    } catch (IOException ignored) {
      // Same.
    }
  }

  private long effectiveChunk(Session session) {
    return Math.max(chunkSize, session.chunkMinLength);
  }

  private boolean trySinglePost(
      Digest digest, long size, Opener content, Progress progress, String operation)
      throws IOException {
    SinglePost known = singlePostSupport.get(registry);
    // A configured chunk size bounds every request: larger blobs go in chunks even where a
    // single POST would work.
    boolean fitsOneRequest = chunkSize == 0 || size <= chunkSize;
    if (!fitsOneRequest
        || known == SinglePost.UNSUPPORTED
        || known == SinglePost.PROBING
        || (known == null && size > SINGLE_POST_PROBE_LIMIT)) {
      return false;
    }
    // One probe per registry at a time: parallel uploads that start together would otherwise each
    // send a body that Distribution ignores, and each open and cancel a session (2 extra requests
    // per
    // blob). While one probes, the others take the two-step way.
    boolean probing = known == null;
    if (probing && singlePostSupport.putIfAbsent(registry, SinglePost.PROBING) != null) {
      return false;
    }
    boolean settled = false;
    try {
      Call call =
          Call.of(
                  "POST",
                  registry,
                  URI.create(uploadsPath() + "?digest=" + digest),
                  HttpHeaders.empty(),
                  repository,
                  Call.PUSH,
                  "POST " + operation.substring(4))
              .withBody(new ContentBody(content, 0, size, digest, size, progress), false);
      try (HttpResponse response = sender.send(call)) {
        if (response.status() == 201) {
          singlePostSupport.put(registry, SinglePost.SUPPORTED);
          settled = true;
          return true;
        }
        singlePostSupport.put(registry, SinglePost.UNSUPPORTED);
        settled = true;
        if (response.status() == 202) {
          // Distribution: the body was ignored and a session opened; the caller uploads again.
          // Cancel
          // this session rather than guess what it holds.
          Optional<URI> probeSession = location(call, response);
          probeSession.ifPresent(l -> cancel(new Session(l, 0)));
          return false;
        }
        if (probing && response.status() < 500) {
          return false;
        }
        throw Errors.failure(call, response);
      }
    } finally {
      if (probing && !settled) {
        // The probe failed on the way (a broken connection): a later upload may probe again.
        singlePostSupport.remove(registry, SinglePost.PROBING);
      }
    }
  }

  private long patchChunks(
      Session[] latest,
      long offset,
      Digest digest,
      long size,
      Opener content,
      Progress progress,
      String operation)
      throws IOException {
    long chunk = effectiveChunk(latest[0]);
    Session current = latest[0];
    long position = offset;
    // The final chunk travels with the closing PUT; at least one byte is left for it.
    while (size - position > chunk) {
      long length = chunk;
      HttpHeaders headers =
          HttpHeaders.of("Content-Range", position + "-" + (position + length - 1));
      Call call =
          Call.of(
                  "PATCH",
                  registry,
                  current.location,
                  headers,
                  repository,
                  Call.PUSH,
                  "PATCH " + operation.substring(4))
              .withBody(new ContentBody(content, position, length, digest, size, progress), false);
      try (HttpResponse response = sender.send(call)) {
        if (response.status() == 416) {
          Optional<Resume> status = status(current, operation);
          if (status.isPresent()) {
            throw new ResumeException(
                new Session(status.get().location, current.chunkMinLength), status.get().offset);
          }
        }
        if (response.status() != 202 && response.status() != 204) {
          throw Errors.failure(call, response);
        }
        URI next = location(call, response).orElse(current.location);
        long reported = rangeEnd(response).map(end -> end + 1).orElse(position + length);
        current = new Session(next, current.chunkMinLength);
        latest[0] = current;
        // The registry's count is the truth: Distribution appends whatever arrives.
        position = reported > position && reported <= size ? reported : position + length;
      }
    }
    return position;
  }

  private void finish(
      Session session,
      long offset,
      Digest digest,
      long size,
      Opener content,
      Progress progress,
      String operation)
      throws IOException {
    long remaining = size - offset;
    HttpHeaders headers =
        remaining > 0 && offset > 0
            ? HttpHeaders.of("Content-Range", offset + "-" + (size - 1))
            : HttpHeaders.empty();
    RequestBody body =
        remaining > 0
            ? new ContentBody(content, offset, remaining, digest, size, progress)
            : RequestBody.ofBytes(new byte[0], ContentBody.OCTET_STREAM);
    Call call =
        Call.of(
                "PUT",
                registry,
                withDigest(session.location, digest),
                headers,
                repository,
                Call.PUSH,
                operation)
            .withBody(body, false);
    try (HttpResponse response = sender.send(call)) {
      if (response.status() != 201 && response.status() != 204) {
        throw Errors.failure(call, response);
      }
    }
  }

  /** Queries an upload's status (end-13): where to continue, or empty when the session is gone. */
  private Optional<Resume> status(Session session, String operation) {
    Call call =
        Call.of(
            "GET",
            registry,
            session.location,
            HttpHeaders.empty(),
            repository,
            Call.PUSH,
            "GET upload status " + operation.substring(4));
    try (HttpResponse response = sender.send(call)) {
      if (response.status() != 204 && response.status() != 200) {
        return Optional.empty();
      }
      URI location = location(call, response).orElse(session.location);
      long next = rangeEnd(response).map(end -> end + 1).orElse(0L);
      // Distribution reports "0-0" both for an empty session and for one byte; take it as empty
      // (a wrong guess ends in DIGEST_INVALID, and the caller restarts from scratch).
      if (response.headers().firstValue("Range").map(r -> r.endsWith("-0")).orElse(false)) {
        next = 0;
      }
      return Optional.of(new Resume(location, next));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private record Resume(URI location, long offset) {}

  /** Control flow inside {@link #push}: continue at this session and offset. */
  private static final class ResumeException extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient Session session;
    private final long offset;

    ResumeException(Session session, long offset) {
      super("resume at " + offset);
      this.session = session;
      this.offset = offset;
    }
  }

  private static boolean resumable(IOException e, boolean resumed) {
    if (e instanceof RegistryErrorResponseException failure) {
      int status = failure.status();
      if (isDigestInvalid(e)) {
        // After a resume the registry may hold a byte we re-sent; start over once.
        return resumed;
      }
      return status >= 500
          || status == 416
          || status == 408
          || status == 429
          || failure.hasCode(ErrorCode.BLOB_UPLOAD_UNKNOWN)
          || failure.hasCode(ErrorCode.BLOB_UPLOAD_INVALID);
    }
    if (e instanceof DigestMismatchException || e.getCause() instanceof DigestMismatchException) {
      // The source is corrupt: sending it again cannot help.
      return false;
    }
    if (e instanceof RegistryTlsException
        || e instanceof AuthenticationException
        || e instanceof PlainHttpRegistryException
        || e instanceof RateLimitedException) {
      return false;
    }
    return Errors.isConnectionFailure(e);
  }

  /**
   * The failure as the caller should see it: content that does not match its digest — refused by
   * the registry with {@code DIGEST_INVALID}, or found short while it was read — is a corrupt
   * source ({@link CorruptBlobSourceException}), not a registry or network problem.
   */
  private static IOException corruptSourceOr(IOException e, String operation, Digest digest) {
    if (isDigestInvalid(e)) {
      return new CorruptBlobSourceException(operation, digest, e);
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof DigestMismatchException mismatch && mismatch.expected().equals(digest)) {
        return new CorruptBlobSourceException(operation, digest, mismatch);
      }
    }
    return e;
  }

  private static boolean isDigestInvalid(IOException e) {
    return e instanceof RegistryErrorResponseException failure
        && failure.hasCode(ErrorCode.DIGEST_INVALID);
  }

  private Session session(Call call, HttpResponse response) throws RegistryException {
    URI location =
        location(call, response)
            .orElseThrow(
                () ->
                    new RegistryException(
                        call.operation(),
                        "the registry answered "
                            + response.status()
                            + " without a Location header for the upload"));
    long min =
        response
            .headers()
            .firstValue("OCI-Chunk-Min-Length")
            .flatMap(BlobUploader::parseLong)
            .filter(v -> v > 0)
            .orElse(0L);
    return new Session(location, min);
  }

  private Optional<URI> location(Call call, HttpResponse response) throws RegistryException {
    return sender.location(call, response);
  }

  private static Optional<Long> rangeEnd(HttpResponse response) {
    return response.headers().firstValue("Range").flatMap(BlobUploader::parseRangeEnd);
  }

  /** {@code 0-1023}, also tolerating a {@code bytes=} or {@code bytes } prefix. */
  static Optional<Long> parseRangeEnd(String range) {
    String r = range.trim();
    if (r.startsWith("bytes=") || r.startsWith("bytes ")) {
      r = r.substring(6).trim();
    }
    int dash = r.indexOf('-');
    if (dash < 0) {
      return Optional.empty();
    }
    return parseLong(r.substring(dash + 1).trim());
  }

  private static Optional<Long> parseLong(String s) {
    try {
      return Optional.of(Long.parseLong(s.trim()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  static URI withDigest(URI location, Digest digest) {
    String s = location.toString();
    return URI.create(s + (location.getRawQuery() == null ? "?" : "&") + "digest=" + digest);
  }
}
