package dev.registrykit.testkit.internal.server;

import dev.registrykit.core.distribution.ErrorCode;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.digest.DigestAlgorithm;
import dev.registrykit.testkit.Endpoint;
import dev.registrykit.testkit.Permission;
import dev.registrykit.testkit.internal.storage.BlobContent;
import dev.registrykit.testkit.internal.storage.RegistryStorage;
import dev.registrykit.testkit.internal.storage.UploadSession;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
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
 * Docker stream the whole blob that way).
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pushing-blobs">Pushing blobs</a>
 */
final class UploadHandler implements Handler {
  private static final Pattern CONTENT_RANGE = Pattern.compile("(?:bytes[ =])?(\\d+)-(\\d+)(?:/(?:\\d+|\\*))?");

  private final RegistryStorage storage;
  /**
   * Sessions whose content so far is one request body that the connection's {@link BodyTap} digested as
   * it arrived, e.g. skopeo's single streamed {@code PATCH}: its digest is then known at completion
   * without another pass. Weak, identity-keyed: abandoned sessions take their entry with them.
   */
  private final Map<UploadSession, StreamedUpload> streamedSha256s = Collections.synchronizedMap(new WeakHashMap<>());

  /** The SHA-256 digest of an upload session's first {@code size} bytes. */
  private record StreamedUpload(long size, Digest sha256) {}

  UploadHandler(RegistryStorage storage) {
    this.storage = storage;
  }

  @Override
  public Reply handle(Call call) {
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

  private Reply open(Call call) {
    UploadSession session = storage.startUpload(call.repo());
    return sessionReply(202, session, call.repo());
  }

  private Reply openWithAlgorithm(Call call) {
    String algorithm = call.route().query("digest-algorithm").orElse("");
    if (DigestAlgorithm.fromPrefix(algorithm).isEmpty()) {
      throw RegistryProblem.of(400, ErrorCode.DIGEST_INVALID, "unsupported digest algorithm: " + Problems.shorten(algorithm));
    }
    return open(call);
  }

  private Reply single(Call call) {
    Digest digest = Problems.digest(call.route().query("digest").orElse(""));
    BlobContent body = call.body();
    if (body.size() == 0 && !digest.equals(BlobContent.empty().digest(digest.algorithm()))) {
      // No body: not a single-request upload; answer as a registry without that feature would.
      return open(call);
    }
    store(call.repo(), digest, body, call.bodySha256());
    return created(call.repo(), digest);
  }

  private Reply mount(Call call) {
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
        if (call.access().allows(source, Permission.PULL) && storage.mount(source, target, digest)) {
          return created(target, digest);
        }
      }
    }
    return open(call);
  }

  private UploadSession session(Call call) {
    return storage
        .upload(call.route().parameter())
        .filter(s -> s.repository().equals(call.repo()))
        .orElseThrow(() -> RegistryProblem.of(404, ErrorCode.BLOB_UPLOAD_UNKNOWN, "blob upload unknown to registry"));
  }

  private Reply patch(Call call) {
    UploadSession session = session(call);
    append(call, session);
    return sessionReply(202, session, call.repo());
  }

  /** Appends the request body, checking {@code Content-Range} when present. */
  private void append(Call call, UploadSession session) {
    BlobContent body = call.body();
    Optional<String> contentRange = call.header("Content-Range");
    long expectedStart = -1;
    if (contentRange.isPresent()) {
      Matcher m = CONTENT_RANGE.matcher(contentRange.get().trim());
      if (!m.matches()) {
        throw RegistryProblem.of(400, ErrorCode.BLOB_UPLOAD_INVALID, "malformed Content-Range: " + Problems.shorten(contentRange.get()));
      }
      long start = Long.parseLong(m.group(1));
      long end = Long.parseLong(m.group(2));
      if (start != session.size()) {
        throw outOfOrder(session, call.repo());
      }
      if (end < start || end - start + 1 != body.size()) {
        throw RegistryProblem.of(
            400, ErrorCode.SIZE_INVALID, "Content-Range " + start + "-" + end + " does not match the " + body.size() + " bytes sent");
      }
      expectedStart = start;
    }
    long size = session.append(expectedStart, body);
    if (size < 0) {
      throw outOfOrder(session, call.repo());
    }
    if (size > 0 && size == body.size()) {
      // The first bytes of the upload: their streamed digest, if any, is the upload's so far.
      call.bodySha256().ifPresent(sha256 -> streamedSha256s.put(session, new StreamedUpload(size, sha256)));
    }
  }

  private static RegistryProblem outOfOrder(UploadSession session, String repository) {
    return RegistryProblem.of(416, ErrorCode.BLOB_UPLOAD_INVALID, "chunk out of order: the upload holds " + session.size() + " bytes")
        .header("Location", Problems.uploadPath(repository, session.id()))
        .header("Range", Problems.uploadRange(session.size()))
        .header("Docker-Upload-UUID", session.id());
  }

  private Reply complete(Call call) {
    UploadSession session = session(call);
    Optional<String> digestParam = call.route().query("digest");
    if (digestParam.isEmpty()) {
      throw RegistryProblem.of(400, ErrorCode.DIGEST_INVALID, "the digest query parameter is required");
    }
    Digest digest = Problems.digest(digestParam.get());
    append(call, session);
    BlobContent content = session.content();
    storage.removeUpload(session.id());
    Optional<Digest> streamed =
        Optional.ofNullable(streamedSha256s.remove(session)).filter(s -> s.size() == content.size()).map(StreamedUpload::sha256);
    store(call.repo(), digest, content, streamed);
    return created(call.repo(), digest);
  }

  /**
   * Verifies {@code content} against {@code digest}, then links it; the registry keeps the first
   * copy of each distinct content and drops later ones. The content's SHA-256 digest computed while
   * it arrived is used when there is one; otherwise it is one streaming pass over its segments.
   */
  private void store(String repository, Digest digest, BlobContent content, Optional<Digest> streamedSha256) {
    Digest actual =
        digest.algorithm() == DigestAlgorithm.SHA256 && streamedSha256.isPresent()
            ? streamedSha256.get()
            : content.digest(digest.algorithm());
    if (!actual.equals(digest)) {
      throw RegistryProblem.of(400, ErrorCode.DIGEST_INVALID, "provided digest " + digest + " did not match uploaded content " + actual);
    }
    storage.putBlob(repository, digest, content);
  }

  private Reply status(Call call) {
    UploadSession session = session(call);
    return sessionReply(204, session, call.repo());
  }

  private Reply cancel(Call call) {
    UploadSession session = session(call);
    storage.removeUpload(session.id());
    streamedSha256s.remove(session);
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
