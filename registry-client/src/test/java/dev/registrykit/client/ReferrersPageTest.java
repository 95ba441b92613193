package dev.registrykit.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.reference.Registry;
import dev.registrykit.core.reference.Repository;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The referrers listing page by page, like tags and catalog: a caller stops when it likes, so a
 * registry that links page after page for ever costs one request per page asked for.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ReferrersPageTest {
  private static final Digest SUBJECT = Bytes.ofUtf8("subject").sha256();

  private MockWebServer server;
  private RegistryClient client;
  private Repository repository;
  private final List<RecordedRequest> referrerRequests = new CopyOnWriteArrayList<>();
  private volatile boolean referrersApi = true;

  /** Page {@code n} lists one signature and one SBOM and links to page {@code n + 1}, for ever. */
  private MockResponse endlessPages(RecordedRequest request) {
    String target = request.getTarget();
    int n = target.contains("page=") ? Integer.parseInt(target.replaceAll(".*page=", "")) : 0;
    String index =
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\","
            + "\"manifests\":["
            + entry(n, "application/vnd.example.signature")
            + ","
            + entry(n, "application/vnd.example.sbom")
            + "]}";
    return new MockResponse.Builder()
        .code(200)
        .addHeader("Content-Type", "application/vnd.oci.image.index.v1+json")
        .addHeader(
            "Link", "</v2/team/app/referrers/" + SUBJECT + "?page=" + (n + 1) + ">; rel=\"next\"")
        .body(index)
        .build();
  }

  private static String entry(int page, String artifactType) {
    return "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\""
        + digestOf(page, artifactType)
        + "\",\"size\":10,\"artifactType\":\""
        + artifactType
        + "\"}";
  }

  private static Digest digestOf(int page, String artifactType) {
    return Bytes.ofUtf8(page + artifactType).sha256();
  }

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.setDispatcher(
        new mockwebserver3.Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String target = request.getTarget();
            if (target.startsWith("/v2/team/app/referrers/")) {
              referrerRequests.add(request);
              if (!referrersApi) {
                return new MockResponse.Builder().code(404).body("404 page not found").build();
              }
              return endlessPages(request);
            }
            if (target.contains("/manifests/")) {
              return new MockResponse.Builder()
                  .code(404)
                  .addHeader("Content-Type", "application/json")
                  .body("{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"unknown\"}]}")
                  .build();
            }
            return new MockResponse.Builder().code(200).build();
          }
        });
    server.start();
    Registry registry = Registry.parse("127.0.0.1:" + server.getPort());
    repository = Repository.of(registry, "team/app");
    client = TestClients.plain(registry).build();
  }

  @AfterEach
  void stop() throws IOException {
    client.close();
    server.close();
  }

  @Test
  void firstPage_endlessListing_oneRequest_andALinkToTheNext() throws IOException {
    Page<Descriptor> page = client.referrersPage(repository, SUBJECT);

    assertThat(page.items())
        .extracting(Descriptor::digest)
        .containsExactly(
            digestOf(0, "application/vnd.example.signature"),
            digestOf(0, "application/vnd.example.sbom"));
    assertThat(page.next()).isPresent();
    assertThat(referrerRequests).hasSize(1);
  }

  @Test
  void followingNext_readsTheLinkedPage_andStopsWhenTheCallerStops() throws IOException {
    Page<Descriptor> page = client.referrersPage(repository, SUBJECT);
    for (int i = 0; i < 2; i++) {
      page = client.referrersPage(repository, SUBJECT, page.next().orElseThrow());
    }

    assertThat(page.items())
        .extracting(Descriptor::digest)
        .contains(digestOf(2, "application/vnd.example.sbom"));
    assertThat(referrerRequests).hasSize(3);
    assertThat(referrerRequests.get(2).getTarget()).endsWith("?page=2");
  }

  @Test
  void artifactTypeTheRegistryDoesNotFilter_isFilteredPageByPage() throws IOException {
    String sbom = "application/vnd.example.sbom";
    Page<Descriptor> first = client.referrersPage(repository, SUBJECT, sbom);
    Page<Descriptor> second =
        client.referrersPage(repository, SUBJECT, sbom, first.next().orElseThrow());

    assertThat(first.items()).extracting(Descriptor::digest).containsExactly(digestOf(0, sbom));
    assertThat(second.items()).extracting(Descriptor::digest).containsExactly(digestOf(1, sbom));
    assertThat(referrerRequests.get(0).getTarget()).contains("artifactType=");
  }

  @Test
  void registryWithoutReferrersApi_fallbackIsTheOnlyPage() throws IOException {
    referrersApi = false;

    Page<Descriptor> page = client.referrersPage(repository, SUBJECT);

    assertThat(page.items()).isEmpty();
    assertThat(page.next()).isEmpty();
    assertThat(referrerRequests).hasSize(1);
  }
}
