package dev.registrykit.testkit.internal.server;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.testkit.Endpoint;
import dev.registrykit.testkit.RecordedExchange;
import dev.registrykit.testkit.internal.storage.BlobContent;
import dev.registrykit.testkit.internal.storage.RegistryStorage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;

/**
 * The second server that redirected blob {@code GET}s land on, like the object store behind an
 * S3-backed registry: {@code GET /blobs/<digest>} serves the bytes, with no authentication, and
 * every request is journaled with its headers so a test can assert that no {@code Authorization}
 * header crossed to this host.
 */
final class BlobRedirectDispatcher extends Dispatcher {
  private final RegistryStorage storage;
  private final List<RecordedExchange> journal = Collections.synchronizedList(new ArrayList<>());

  BlobRedirectDispatcher(RegistryStorage storage) {
    this.storage = storage;
  }

  List<RecordedExchange> journal() {
    synchronized (journal) {
      return List.copyOf(journal);
    }
  }

  void clearJournal() {
    journal.clear();
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    List<String> segments = request.getUrl().pathSegments();
    Optional<BlobContent> content = Optional.empty();
    if (segments.size() == 2 && segments.get(0).equals("blobs")) {
      content = Digest.tryParse(segments.get(1)).flatMap(storage::content);
    }
    int status;
    MockResponse.Builder b = new MockResponse.Builder();
    if (content.isPresent() && (request.getMethod().equals("GET") || request.getMethod().equals("HEAD"))) {
      status = 200;
      b.code(200).setHeader("Content-Type", "application/octet-stream");
      if (request.getMethod().equals("GET")) {
        b.body(new ContentBody(content.get()));
      } else {
        b.setHeader("Content-Length", content.get().size());
      }
    } else {
      status = 404;
      b.code(404).body("<Error><Code>NoSuchKey</Code></Error>");
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    Headers h = request.getHeaders();
    for (String name : h.names()) {
      String lower = name.toLowerCase(Locale.ROOT);
      List<String> values = new ArrayList<>(h.values(name));
      if (lower.equals("authorization")) {
        values.replaceAll(v -> RecordedExchange.REDACTED);
      }
      headers.put(lower, values);
    }
    journal.add(
        new RecordedExchange(
            Optional.of(Endpoint.END_2),
            request.getMethod(),
            "/" + String.join("/", segments),
            Optional.ofNullable(request.getUrl().encodedQuery()),
            Optional.empty(),
            status,
            Optional.empty(),
            headers,
            request.getBodySize(),
            Optional.empty()));
    return b.build();
  }
}
