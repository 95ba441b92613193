package dev.registrykit.testkit.internal.server;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.testkit.Endpoint;
import dev.registrykit.testkit.RecordedExchange;
import dev.registrykit.testkit.internal.storage.RegistryStorage;
import dev.registrykit.testkit.internal.storage.StoredContent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The second server that redirected blob {@code GET}s land on, like the object store behind an
 * S3-backed registry: {@code GET /blobs/<digest>} serves the bytes, with no authentication, and
 * every request is journaled with its headers so a test can assert that no {@code Authorization}
 * header crossed to this host. Thread-safe.
 */
final class BlobRedirectHandler {
  private static final StoredContent NO_SUCH_KEY =
      StoredContent.of("<Error><Code>NoSuchKey</Code></Error>".getBytes(StandardCharsets.UTF_8));

  private final RegistryStorage storage;
  private final Journal journal;

  BlobRedirectHandler(RegistryStorage storage, int journalLimit) {
    this.storage = storage;
    this.journal = new Journal(journalLimit);
  }

  List<RecordedExchange> journal() {
    return journal.entries();
  }

  void clearJournal() {
    journal.clear();
  }

  Outgoing handle(Incoming request) {
    Optional<StoredContent> content = Optional.empty();
    String path = request.path();
    if (path.startsWith("/blobs/") && path.indexOf('/', 7) < 0) {
      content = Digest.tryParse(path.substring(7)).flatMap(storage::content);
    }
    boolean read = request.method().equals("GET") || request.method().equals("HEAD");
    Outgoing out;
    if (content.isPresent() && read) {
      List<String[]> headers =
          List.<String[]>of(new String[] {"Content-Type", "application/octet-stream"});
      StoredContent body = request.method().equals("GET") ? content.get() : null;
      out = new Outgoing(200, headers, body, content.get().size(), Outgoing.Delivery.NORMAL, 0);
    } else {
      List<String[]> headers = List.<String[]>of(new String[] {"Content-Type", "application/xml"});
      out =
          new Outgoing(404, headers, NO_SUCH_KEY, NO_SUCH_KEY.size(), Outgoing.Delivery.NORMAL, 0);
    }
    String query = request.query().raw();
    journal.add(
        new RecordedExchange(
            Optional.of(Endpoint.END_2),
            request.method(),
            path,
            query.isEmpty() ? Optional.empty() : Optional.of(query),
            Optional.empty(),
            out.status(),
            Optional.empty(),
            request.headers().redacted(RecordedExchange.REDACTED),
            Math.max(0, request.body().declaredLength()),
            Optional.empty()));
    return out;
  }
}
