package dev.registrykit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.client.errors.RegistryException;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.reference.Registry;
import dev.registrykit.core.reference.Repository;
import dev.registrykit.core.reference.Tag;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Listings against a hostile registry that answers every page with a link to one more distinct
 * page: the listing ends with a clear error at the configured bounds, and a caller reading page by
 * page stops whenever it likes.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ListingLimitsTest {
  private static final Digest SUBJECT = Digest.sha256(new byte[] {1});

  private MockWebServer server;
  private Registry registry;
  private Repository repository;

  /** Requests other than the pipeline's {@code GET /v2/} probes. */
  private final AtomicInteger requests = new AtomicInteger();

  /** Entries on each endless page. */
  private volatile int perPage = 10;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String target = request.getTarget();
            if (target.equals("/v2/")) {
              return new MockResponse.Builder().code(200).build();
            }
            int page = requests.incrementAndGet();
            String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
            String next = "<" + path + "?page=" + (page + 1) + ">; rel=\"next\"";
            return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json")
                .addHeader("Link", next)
                .body(body(path, page))
                .build();
          }
        });
    server.start();
    registry = Registry.parse("127.0.0.1:" + server.getPort());
    repository = Repository.of(registry, "team/app");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /**
   * Page {@code page} of an endless listing: distinct entries, so no duplicate check can end it.
   */
  private String body(String path, int page) {
    List<String> items = new ArrayList<>();
    for (int i = 0; i < perPage; i++) {
      items.add("p" + page + "-" + i);
    }
    if (path.endsWith("/tags/list")) {
      return "{\"name\":\"team/app\",\"tags\":[" + quoted(items) + "]}";
    }
    if (path.endsWith("/_catalog")) {
      return "{\"repositories\":[" + quoted(items.stream().map(s -> "ns/" + s).toList()) + "]}";
    }
    List<String> manifests = new ArrayList<>();
    for (String item : items) {
      manifests.add(
          "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\""
              + Digest.sha256(item.getBytes(java.nio.charset.StandardCharsets.UTF_8))
              + "\",\"size\":100}");
    }
    return "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
        + String.join(",", manifests)
        + "]}";
  }

  private static String quoted(List<String> items) {
    return String.join(",", items.stream().map(s -> "\"" + s + "\"").toList());
  }

  private RegistryClient.Builder client() {
    return TestClients.plain(registry);
  }

  @Test
  void listTags_endlessDistinctPages_failsAtTheEntryLimit() throws IOException {
    try (RegistryClient client = client().maxListingEntries(200).build()) {
      assertThatThrownBy(() -> client.listTags(repository))
          .isInstanceOf(RegistryException.class)
          .hasMessageContaining("GET tags " + repository.name())
          .hasMessageContaining("exceeds 200 entries");
    }
    assertThat(requests.get()).isEqualTo(21);
  }

  @Test
  void catalog_endlessDistinctPages_failsAtTheEntryLimit() throws IOException {
    try (RegistryClient client = client().maxListingEntries(100).build()) {
      assertThatThrownBy(() -> client.catalog(registry))
          .isInstanceOf(RegistryException.class)
          .hasMessageContaining("GET catalog " + registry)
          .hasMessageContaining("exceeds 100 entries");
    }
    assertThat(requests.get()).isEqualTo(11);
  }

  @Test
  void referrers_endlessDistinctPages_failsAtTheEntryLimit() throws IOException {
    try (RegistryClient client = client().maxListingEntries(50).build()) {
      assertThatThrownBy(() -> client.referrers(repository, SUBJECT))
          .isInstanceOf(RegistryException.class)
          .hasMessageContaining("GET referrers")
          .hasMessageContaining("exceeds 50 entries");
    }
    assertThat(requests.get()).isEqualTo(6);
  }

  @Test
  void listTags_endlessEmptyPages_failsAtTheByteLimit() throws IOException {
    perPage = 0;
    try (RegistryClient client = client().maxListingBytes(2_000).build()) {
      assertThatThrownBy(() -> client.listTags(repository))
          .isInstanceOf(RegistryException.class)
          .hasMessageContaining("exceeds 2000 bytes");
    }
    // Each empty page still costs its link and body: a few dozen requests, not an endless walk.
    assertThat(requests.get()).isBetween(10, 100);
  }

  @Test
  void listTags_pageLargerThanWhatIsLeft_refusedWithoutReadingOn() throws IOException {
    perPage = 5_000;
    try (RegistryClient client = client().maxListingBytes(10_000).build()) {
      assertThatThrownBy(() -> client.listTags(repository))
          .isInstanceOf(RegistryException.class)
          .hasMessageContaining("exceeds 10000 bytes");
    }
    assertThat(requests.get()).isEqualTo(1);
  }

  @Test
  void listTags_pageByPage_callerStopsWhenItLikes() throws IOException {
    List<Tag> read = new ArrayList<>();
    try (RegistryClient client = client().maxListingEntries(15).build()) {
      Page<Tag> page = client.listTags(repository, 10);
      read.addAll(page.items());
      for (int i = 0; i < 4 && page.next().isPresent(); i++) {
        // Each page is one request within the limits; the caller decides how many.
        page = client.listTags(repository, page.next().get());
        read.addAll(page.items());
      }
    }
    assertThat(read).hasSize(50).startsWith(Tag.parse("p1-0")).endsWith(Tag.parse("p5-9"));
    assertThat(requests.get()).isEqualTo(5);
  }

  @Test
  void listTags_linkBackToAnEarlierPage_failsNamingTheLoop() throws IOException {
    server.close();
    server = new MockWebServer();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            if (request.getTarget().equals("/v2/")) {
              return new MockResponse.Builder().code(200).build();
            }
            requests.incrementAndGet();
            boolean first = !request.getTarget().contains("page=2");
            String next = first ? "</v2/team/app/tags/list?page=2>" : "</v2/team/app/tags/list>";
            return new MockResponse.Builder()
                .code(200)
                .addHeader("Link", next + "; rel=\"next\"")
                .body("{\"name\":\"team/app\",\"tags\":[\"" + (first ? "a" : "b") + "\"]}")
                .build();
          }
        });
    server.start();
    Registry looping = Registry.parse("127.0.0.1:" + server.getPort());
    try (RegistryClient client = TestClients.plain(looping).build()) {
      assertThatThrownBy(() -> client.listTags(Repository.of(looping, "team/app")))
          .isInstanceOf(RegistryException.class)
          .hasMessageContaining("links back to a page already read");
    }
    assertThat(requests.get()).isEqualTo(2);
  }

  @Test
  void builder_nonPositiveLimits_refused() {
    assertThatThrownBy(() -> RegistryClient.builder().maxListingEntries(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RegistryClient.builder().maxListingBytes(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
