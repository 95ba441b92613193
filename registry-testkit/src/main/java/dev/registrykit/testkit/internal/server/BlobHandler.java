package dev.registrykit.testkit.internal.server;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.distribution.ErrorCode;
import dev.registrykit.testkit.internal.storage.RegistryStorage;
import dev.registrykit.testkit.internal.storage.StoredContent;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * end-2 ({@code GET}/{@code HEAD} a blob, with {@code Range} → 206) and end-10 ({@code DELETE}).
 *
 * @see <a
 *     href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pulling-blobs">Pulling
 *     blobs</a>
 * @see <a
 *     href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#deleting-blobs">Deleting
 *     blobs</a>
 */
final class BlobHandler implements Handler {
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
  private static final String OCTET_STREAM = "application/octet-stream";

  private final RegistryStorage storage;

  BlobHandler(RegistryStorage storage) {
    this.storage = storage;
  }

  @Override
  public Reply handle(RoutedRequest call) {
    Digest digest = Problems.digest(call.route().parameter());
    if (call.route().method().equals("DELETE")) {
      if (!storage.deleteBlob(call.repo(), digest)) {
        throw RegistryProblem.of(
            404, ErrorCode.BLOB_UNKNOWN, "blob unknown to registry: " + digest);
      }
      return Reply.status(202).header("Docker-Content-Digest", digest.toString());
    }
    StoredContent content =
        storage
            .blob(call.repo(), digest)
            .orElseThrow(
                () ->
                    RegistryProblem.of(
                        404, ErrorCode.BLOB_UNKNOWN, "blob unknown to registry: " + digest));
    Reply reply = Reply.status(200);
    Optional<String> range = call.header("Range");
    if (call.route().method().equals("GET") && range.isPresent()) {
      Optional<long[]> span = parseRange(range.get(), content.size());
      if (span.isPresent()) {
        long start = span.get()[0];
        long end = span.get()[1];
        if (start >= content.size() || start > end) {
          // RFC 9110 §15.5.17: no error code in the spec's table fits; answer like Distribution.
          return Reply.status(416).header("Content-Range", "bytes */" + content.size());
        }
        reply =
            Reply.status(206)
                .header("Content-Range", "bytes " + start + "-" + end + "/" + content.size());
        content = content.slice(start, end - start + 1);
      }
    }
    reply.header("Docker-Content-Digest", digest.toString()).header("Accept-Ranges", "bytes");
    if (call.route().method().equals("HEAD")) {
      return reply.headOf(content.size(), OCTET_STREAM);
    }
    return reply.body(content, OCTET_STREAM);
  }

  /**
   * A single byte range ({@code bytes=a-b}, {@code bytes=a-}, {@code bytes=-n}) clamped to the
   * size; empty for a header this server ignores (RFC 9110 §14.2: a server MAY ignore Range).
   */
  static Optional<long[]> parseRange(String header, long size) {
    Matcher m = RANGE.matcher(header.trim());
    if (!m.matches() || m.group(1).isEmpty() && m.group(2).isEmpty()) {
      return Optional.empty();
    }
    try {
      if (m.group(1).isEmpty()) {
        long suffix = Long.parseLong(m.group(2));
        long start = Math.max(0, size - suffix);
        return Optional.of(new long[] {suffix == 0 ? size : start, size - 1});
      }
      long start = Long.parseLong(m.group(1));
      long end = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
      return Optional.of(new long[] {start, end});
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
