package dev.registrykit.testkit.internal.server;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.digest.DigestAlgorithm;
import dev.registrykit.core.distribution.ErrorCode;
import dev.registrykit.testkit.Endpoint;
import dev.registrykit.testkit.Permission;
import dev.registrykit.testkit.internal.storage.HeapFullException;
import dev.registrykit.testkit.internal.storage.RegistryStorage;
import dev.registrykit.testkit.internal.storage.StoredContent;
import dev.registrykit.testkit.internal.storage.UploadSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Blob pushes: end-4a/b/c (open a session, or a single-request upload), end-5 ({@code PATCH} a
 * chunk), end-6 ({@code PUT} to complete), end-11 (cross-repository mount), end-13 (session status)
 * and end-14 (cancel).
 *
 * <p>The digest is verified on completion; on a mismatch the answer is {@code 400 DIGEST_INVALID},
 * the session is closed and nothing is stored. Chunks must arrive in order: a {@code Content-Range}
 * that does not start at the current size (out of order, or a repeated chunk) gets {@code 416} with
 * the current {@code Range}. A {@code PATCH} without {@code Content-Range} appends (skopeo and
 * Docker stream the whole blob that way). Bodies stream into the session as they arrive, digested
 * on the way (see {@link UploadSession}).
 *
 * @see <a
 *     href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pushing-blobs">Pushing
 *     blobs</a>
 */
final class UploadHandler implements Handler {
  private static final Pattern CONTENT_RANGE =
      Pattern.compile("(?:bytes[ =])?(\\d{1,18})-(\\d{1,18})(?:/(?:\\d+|\\*))?");

  private final RegistryStorage storage;

  UploadHandler(RegistryStorage storage) {
    this.storage = storage;
  }

  @Override
  public Reply handle(RoutedRequest call) {
    Endpoint endpoint = call.route().requireEndpoint();
    switch (endpoint) {
      case END_4A:
        return open(call);
      case END_4C:
        return openWithAlgorithm(call);
      case END_4B:
        return single(call);
      case END_11:
        return mount(call);
      case END_5:
        return patch(call);
      case END_6:
        return complete(call);
      case END_13:
        return status(call);
      case END_14:
        return cancel(call);
      default:
        throw new IllegalStateException("not an upload endpoint: " + endpoint);
    }
  }

  private Reply open(RoutedRequest call) {
    UploadSession session = storage.startUpload(call.repo());
    return sessionReply(202, session, call.repo());
  }

  private Reply openWithAlgorithm(RoutedRequest call) {
    String algorithm = call.route().query("digest-algorithm").orElse("");
    if (DigestAlgorithm.fromPrefix(algorithm).isEmpty()) {
      throw RegistryProblem.of(
          400,
          ErrorCode.DIGEST_INVALID,
          "unsupported digest algorithm: " + Problems.shorten(algorithm));
    }
    return open(call);
  }

  private Reply single(RoutedRequest call) {
    Digest digest = Problems.digest(call.route().query("digest").orElse(""));
    UploadSession scratch = storage.scratchUpload(call.repo());
    try {
      append(call, scratch);
      StoredContent body = contentOf(scratch);
      if (body.size() == 0 && !digest.equals(StoredContent.empty().digest(digest.algorithm()))) {
        // No body: not a single-request upload; answer as a registry without that feature would.
        return open(call);
      }
      store(call.repo(), digest, body);
      return created(call.repo(), digest);
    } finally {
      storage.finishScratch(scratch);
    }
  }

  private Reply mount(RoutedRequest call) {
    Digest digest = Problems.digest(call.route().query("mount").orElse(""));
    Optional<String> from = call.route().query("from");
    String target = call.repo();
    if (from.isPresent()) {
      String source = from.get();
      if (RouteParser.validName(source)
          && call.access().allows(source, Permission.PULL)
          && storage.mount(source, target, digest)) {
        return created(target, digest);
      }
    } else {
      // The spec lets a registry mount without "from" when it can find the blob; only repositories
      // the caller may pull from are considered.
      for (String source : storage.repositoriesWithBlob(digest)) {
        if (call.access().allows(source, Permission.PULL)
            && storage.mount(source, target, digest)) {
          return created(target, digest);
        }
      }
    }
    return open(call);
  }

  private UploadSession session(RoutedRequest call) {
    return storage
        .upload(call.route().parameter())
        .filter(s -> s.repository().equals(call.repo()))
        .orElseThrow(
            () ->
                RegistryProblem.of(
                    404, ErrorCode.BLOB_UPLOAD_UNKNOWN, "blob upload unknown to registry"));
  }

  private Reply patch(RoutedRequest call) {
    UploadSession session = session(call);
    append(call, session);
    return sessionReply(202, session, call.repo());
  }

  /**
   * Streams the request body into the session, checking {@code Content-Range} and {@code
   * Content-Length} first: a chunk that does not start where the upload is, a range that is
   * malformed, reversed or overflowing, a range whose length differs from the declared one, or a
   * declared length the registry cannot hold is refused before a byte is read, and the connection
   * is closed after the answer (the unread body is not left on it).
   */
  private void append(RoutedRequest call, UploadSession session) {
    long declared = call.body().declaredLength();
    Optional<String> contentRange = call.header("Content-Range");
    long expectedStart = -1;
    long expectedLength = declared;
    if (contentRange.isPresent()) {
      Matcher m = CONTENT_RANGE.matcher(contentRange.get().trim());
      if (!m.matches()) {
        // Also a negative or overflowing (over 18 digits) position: the pattern allows neither.
        throw RegistryProblem.of(
                400,
                ErrorCode.BLOB_UPLOAD_INVALID,
                "malformed Content-Range: " + Problems.shorten(contentRange.get()))
            .header("Connection", "close");
      }
      long start = Long.parseLong(m.group(1));
      long end = Long.parseLong(m.group(2));
      if (start != session.size()) {
        throw outOfOrder(session, call.repo()).header("Connection", "close");
      }
      if (end < start) {
        throw RegistryProblem.of(
                416,
                ErrorCode.BLOB_UPLOAD_INVALID,
                "Content-Range " + start + "-" + end + " ends before it starts")
            .header("Connection", "close");
      }
      long length = end - start + 1;
      if (declared >= 0 && declared != length) {
        throw RegistryProblem.of(
                400,
                ErrorCode.SIZE_INVALID,
                "Content-Range "
                    + start
                    + "-"
                    + end
                    + " is "
                    + length
                    + " bytes, Content-Length "
                    + declared)
            .header("Connection", "close");
      }
      expectedStart = start;
      expectedLength = length;
    }
    if (expectedLength > storage.capacity()) {
      throw RegistryProblem.of(413, ErrorCode.SIZE_INVALID, storage.refusal(expectedLength))
          .header("Connection", "close");
    }
    UploadSession.Appended appended;
    try {
      appended = session.append(expectedStart, expectedLength, call.body().stream(), storage.now());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (HeapFullException e) {
      // The rest of the body is not read: the connection closes after the answer.
      throw RegistryProblem.of(500, ErrorCode.UNKNOWN, String.valueOf(e.getMessage()))
          .header("Connection", "close");
    }
    if (appended.outcome() == UploadSession.Outcome.WRONG_OFFSET) {
      throw outOfOrder(session, call.repo()).header("Connection", "close");
    }
    if (appended.outcome() == UploadSession.Outcome.WRONG_LENGTH) {
      throw RegistryProblem.of(
          400,
          ErrorCode.SIZE_INVALID,
          "the body held " + appended.received() + " bytes, " + expectedLength + " were declared");
    }
  }

  private static StoredContent contentOf(UploadSession session) {
    try {
      return session.content();
    } catch (IOException e) {
      throw RegistryProblem.of(
          500,
          ErrorCode.UNKNOWN,
          "cannot read the upload back from the storage directory: " + e.getMessage());
    }
  }

  private static RegistryProblem outOfOrder(UploadSession session, String repository) {
    return RegistryProblem.of(
            416,
            ErrorCode.BLOB_UPLOAD_INVALID,
            "chunk out of order: the upload holds " + session.size() + " bytes")
        .header("Location", Problems.uploadPath(repository, session.id()))
        .header("Range", Problems.uploadRange(session.size()))
        .header("Docker-Upload-UUID", session.id());
  }

  private Reply complete(RoutedRequest call) {
    UploadSession session = session(call);
    Optional<String> digestParam = call.route().query("digest");
    if (digestParam.isEmpty()) {
      throw RegistryProblem.of(
          400, ErrorCode.DIGEST_INVALID, "the digest query parameter is required");
    }
    Digest digest = Problems.digest(digestParam.get());
    append(call, session);
    StoredContent content = contentOf(session);
    storage.removeUpload(session.id());
    store(call.repo(), digest, content);
    return created(call.repo(), digest);
  }

  /**
   * Verifies {@code content} against {@code digest}, then links it; the registry keeps the first
   * copy of each distinct content and drops later ones. An upload's SHA-256 digest was computed as
   * its bytes arrived; other algorithms take one pass over the stored bytes.
   */
  private void store(String repository, Digest digest, StoredContent content) {
    Digest actual = content.digest(digest.algorithm());
    if (!actual.equals(digest)) {
      throw RegistryProblem.of(
          400,
          ErrorCode.DIGEST_INVALID,
          "provided digest " + digest + " did not match uploaded content " + actual);
    }
    storage.putBlob(repository, digest, content);
  }

  private Reply status(RoutedRequest call) {
    UploadSession session = session(call);
    return sessionReply(204, session, call.repo());
  }

  private Reply cancel(RoutedRequest call) {
    UploadSession session = session(call);
    storage.removeUpload(session.id());
    return Reply.status(204);
  }

  private static Reply sessionReply(int status, UploadSession session, String repository) {
    return Reply.status(status)
        .header("Location", Problems.uploadPath(repository, session.id()))
        .header("Range", Problems.uploadRange(session.size()))
        .header("Docker-Upload-UUID", session.id());
  }

  private static Reply created(String repository, Digest digest) {
    return Reply.status(201)
        .header("Location", Problems.blobPath(repository, digest))
        .header("Docker-Content-Digest", digest.toString());
  }
}
