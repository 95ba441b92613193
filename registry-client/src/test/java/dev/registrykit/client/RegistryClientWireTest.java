package dev.registrykit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.client.errors.AuthenticationException;
import dev.registrykit.client.errors.ManifestNotFoundException;
import dev.registrykit.client.errors.RateLimitedException;
import dev.registrykit.client.errors.RegistryErrorResponseException;
import dev.registrykit.client.errors.RegistryException;
import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.digest.DigestMismatchException;
import dev.registrykit.core.distribution.ErrorCode;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.reference.Registry;
import dev.registrykit.core.reference.Repository;
import dev.registrykit.core.reference.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Wire-level behaviour of the operations, with scripted responses. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RegistryClientWireTest {
  private MockWebServer server;
  private RegistryClient client;
  private Repository repository;

  /** Scripted answers, in order, to every request except the pipeline's {@code GET /v2/} probes. */
  private final Queue<Function<RecordedRequest, MockResponse>> script =
      new ConcurrentLinkedQueue<>();

  /** Every request except {@code GET /v2/}. */
  private final List<RecordedRequest> journal = new CopyOnWriteArrayList<>();

  private int taken;

  private void enqueue(MockResponse response) {
    script.add(r -> response);
  }

  private RecordedRequest takeRequest() {
    return journal.get(taken++);
  }

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.setDispatcher(
        new mockwebserver3.Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            if (request.getTarget().equals("/v2/")) {
              return new MockResponse.Builder().code(200).build();
            }
            journal.add(request);
            Function<RecordedRequest, MockResponse> next = script.poll();
            return next == null
                ? new MockResponse.Builder().code(500).body("unscripted request").build()
                : next.apply(request);
          }
        });
    server.start();
    Registry registry = Registry.parse("127.0.0.1:" + server.getPort());
    repository = Repository.of(registry, "team/app");
    client = TestClients.plain(registry).chunkSize(10).build();
  }

  @AfterEach
  void stop() throws IOException {
    client.close();
    server.close();
  }

  private static MockResponse response(int code, String... headers) {
    MockResponse.Builder builder = new MockResponse.Builder().code(code);
    for (int i = 0; i < headers.length; i += 2) {
      builder.addHeader(headers[i], headers[i + 1]);
    }
    return builder.build();
  }

  private static MockResponse json(int code, String body, String... headers) {
    MockResponse.Builder builder =
        new MockResponse.Builder()
            .code(code)
            .addHeader("Content-Type", "application/json")
            .body(body);
    for (int i = 0; i < headers.length; i += 2) {
      builder.addHeader(headers[i], headers[i + 1]);
    }
    return builder.build();
  }

  private List<RecordedRequest> requests(int n) {
    assertThat(journal).hasSize(n);
    return journal;
  }

  @Test
  void pushBlob_chunkFailsMidway_resumesFromReportedRange() throws Exception {
    Bytes blob = Bytes.ofUtf8("0123456789abcdefghijKLMNO");
    String path = "/v2/team/app/blobs/uploads/";
    enqueue(response(202, "Location", path + "u1", "OCI-Chunk-Min-Length", "5"));
    enqueue(response(202, "Location", path + "u2", "Range", "0-9")); // PATCH 0-9
    enqueue(
        json(
            503,
            "{\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"busy\"}]}")); // PATCH 10-19 fails
    enqueue(response(204, "Location", path + "u3", "Range", "0-9")); // GET status
    enqueue(response(202, "Location", path + "u4", "Range", "0-19")); // PATCH 10-19 again
    enqueue(response(201, "Location", "/v2/team/app/blobs/" + blob.sha256())); // PUT last chunk

    client.pushBlob(
        repository,
        blob.sha256(),
        blob.size(),
        BlobContent.ofBytes(blob.toByteArray()),
        ProgressListener.NONE);

    // Larger than the chunk size: no single-POST attempt, straight to a chunked session.
    List<RecordedRequest> r = requests(6);
    assertThat(r.get(0).getMethod()).isEqualTo("POST");
    assertThat(r.get(1).getTarget()).isEqualTo(path + "u1");
    assertThat(r.get(1).getHeaders().get("Content-Range")).isEqualTo("0-9");
    assertThat(r.get(1).getBody().utf8()).isEqualTo("0123456789");
    assertThat(r.get(2).getTarget()).isEqualTo(path + "u2");
    assertThat(r.get(3).getMethod()).isEqualTo("GET");
    assertThat(r.get(3).getTarget()).isEqualTo(path + "u2");
    assertThat(r.get(4).getTarget()).isEqualTo(path + "u3");
    assertThat(r.get(4).getHeaders().get("Content-Range")).isEqualTo("10-19");
    assertThat(r.get(4).getBody().utf8()).isEqualTo("abcdefghij");
    assertThat(r.get(5).getMethod()).isEqualTo("PUT");
    assertThat(r.get(5).getTarget()).isEqualTo(path + "u4?digest=" + blob.sha256());
    assertThat(r.get(5).getBody().utf8()).isEqualTo("KLMNO");
  }

  @Test
  void pushBlob_singlePostAnswered201_oneRequestAndRemembered() throws Exception {
    Bytes first = Bytes.ofUtf8("abc");
    Bytes second = Bytes.ofUtf8("defgh");
    enqueue(response(201, "Location", "/v2/team/app/blobs/" + first.sha256()));
    enqueue(response(201, "Location", "/v2/team/app/blobs/" + second.sha256()));

    client.pushBlob(
        repository,
        first.sha256(),
        first.size(),
        BlobContent.ofBytes(first.toByteArray()),
        ProgressListener.NONE);
    client.pushBlob(
        repository,
        second.sha256(),
        second.size(),
        BlobContent.ofBytes(second.toByteArray()),
        ProgressListener.NONE);

    List<RecordedRequest> r = requests(2);
    assertThat(r.get(0).getBody().utf8()).isEqualTo("abc");
    assertThat(r.get(1).getTarget())
        .isEqualTo("/v2/team/app/blobs/uploads/?digest=" + second.sha256());
    assertThat(journal.size()).isEqualTo(2);
  }

  @Test
  void openBlob_connectionDropsMidBody_resumesWithRange() throws Exception {
    byte[] content = new byte[64 * 1024];
    new Random(1).nextBytes(content);
    Bytes blob = Bytes.of(content);
    enqueue(
        new MockResponse.Builder()
            .code(200)
            .body(new Buffer().write(content))
            .onResponseBody(new SocketEffect.CloseSocket(true, true, true))
            .build());
    script.add(
        request -> {
          String range = request.getHeaders().get("Range");
          int from = Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
          return new MockResponse.Builder()
              .code(206)
              .addHeader(
                  "Content-Range",
                  "bytes " + from + "-" + (content.length - 1) + "/" + content.length)
              .body(new Buffer().write(content, from, content.length - from))
              .build();
        });
    List<Long> progress = new ArrayList<>();

    byte[] read;
    try (InputStream in =
        client.openBlob(
            repository,
            blob.sha256(),
            blob.size(),
            new ProgressListener() {
              @Override
              public void blobProgress(Digest digest, long bytesDone, long totalBytes) {
                progress.add(bytesDone);
              }
            })) {
      read = in.readAllBytes();
    }

    assertThat(Bytes.of(read)).isEqualTo(blob);
    assertThat(journal.size()).isEqualTo(2);
    takeRequest();
    assertThat(takeRequest().getHeaders().get("Range")).matches("bytes=[1-9][0-9]*-");
    assertThat(progress.get(progress.size() - 1)).isEqualTo(content.length);
  }

  @Test
  void openBlob_corruptContent_neverAccepted() {
    Bytes blob = Bytes.ofUtf8("the real content");
    enqueue(new MockResponse.Builder().code(200).body("the fake content").build());

    assertThatThrownBy(
            () -> {
              try (InputStream in =
                  client.openBlob(repository, blob.sha256(), blob.size(), ProgressListener.NONE)) {
                in.readAllBytes();
              }
            })
        .isInstanceOf(DigestMismatchException.class);
  }

  @Test
  void openBlob_truncatedButWellFramed_sizeMismatchNeverAccepted() {
    Bytes blob = Bytes.ofUtf8("the real content");
    enqueue(new MockResponse.Builder().code(200).body("the real").build());

    assertThatThrownBy(
            () -> {
              try (InputStream in =
                  client.openBlob(repository, blob.sha256(), blob.size(), ProgressListener.NONE)) {
                in.readAllBytes();
              }
            })
        .isInstanceOf(DigestMismatchException.class)
        .hasMessageContaining("size mismatch");
  }

  @Test
  void listTags_linkPagination_followsRelativeLinkAndNullTags() throws Exception {
    enqueue(
        json(
            200,
            "{\"name\":\"team/app\",\"tags\":[\"a\",\"b\"]}",
            "Link",
            "</v2/team/app/tags/list?n=2&last=b>; rel=\"next\""));
    enqueue(json(200, "{\"name\":\"team/app\",\"tags\":[\"c\"]}"));
    enqueue(json(200, "{\"name\":\"team/app\",\"tags\":null}"));

    List<Tag> tags = client.listTags(repository);
    List<Tag> none = client.listTags(repository);

    assertThat(tags).extracting(Tag::toString).containsExactly("a", "b", "c");
    assertThat(none).isEmpty();
    takeRequest();
    assertThat(takeRequest().getTarget()).isEqualTo("/v2/team/app/tags/list?n=2&last=b");
  }

  @Test
  void getManifest_unauthorized_actionableMessage() {
    enqueue(
        json(
            401,
            "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}",
            "WWW-Authenticate",
            "Basic realm=\"x\""));

    assertThatThrownBy(() -> client.getManifest(repository.tag(Tag.parse("v1"))))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageStartingWith("GET manifest 127.0.0.1:" + server.getPort() + "/team/app:v1: ")
        .hasMessageContaining("credentials");
  }

  @Test
  void putManifest_denied_actionableMessage() {
    var image = TestImages.image(4, 1, 10);
    enqueue(
        json(
            403,
            "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"requested access to the resource is denied\"}]}"));

    assertThatThrownBy(() -> client.putManifest(repository.tag(Tag.parse("v1")), image.manifest()))
        .isInstanceOfSatisfying(
            RegistryErrorResponseException.class, e -> assertThat(e.status()).isEqualTo(403))
        .hasMessageStartingWith(
            "PUT manifest 127.0.0.1:"
                + server.getPort()
                + "/team/app:v1: denied (DENIED: requested access")
        .hasMessageContaining("push needs write access");
  }

  @Test
  void getManifest_notFound_typedWithCode() {
    enqueue(
        json(
            404,
            "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}"));

    assertThatThrownBy(() -> client.getManifest(repository.tag(Tag.parse("v9"))))
        .isInstanceOfSatisfying(
            ManifestNotFoundException.class,
            e -> assertThat(e.hasCode(ErrorCode.MANIFEST_UNKNOWN)).isTrue())
        .hasMessageContaining("not found (MANIFEST_UNKNOWN: manifest unknown)");
  }

  @Test
  void getManifest_rateLimited_temporary() {
    enqueue(json(429, "{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":\"slow down\"}]}"));

    assertThatThrownBy(() -> client.getManifest(repository.tag(Tag.parse("v1"))))
        .isInstanceOf(RateLimitedException.class)
        .hasMessageContaining("rate limited");
  }

  @Test
  void getManifest_servedBytesDoNotMatchRequestedDigest_rejected() {
    var image = TestImages.image(1, 1, 10);
    enqueue(
        new MockResponse.Builder()
            .code(200)
            .addHeader("Content-Type", image.manifest().mediaType().value())
            .body("{\"schemaVersion\":2}")
            .build());

    assertThatThrownBy(() -> client.getManifest(repository.digest(image.digest())))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("does not match its digest");
  }

  @Test
  void errorBody_huge_readWithCap() {
    enqueue(
        new MockResponse.Builder()
            .code(500)
            .body(new Buffer().write(new byte[5 * 1024 * 1024]))
            .build());

    assertThatThrownBy(() -> client.getManifest(repository.tag(Tag.parse("v1"))))
        .isInstanceOfSatisfying(
            RegistryErrorResponseException.class, e -> assertThat(e.status()).isEqualTo(500));
  }

  @Test
  void referrers_api_filtersAppliedAndPaginated() throws Exception {
    var image = TestImages.image(2, 1, 10);
    var sig = TestImages.referrer(image.manifest(), "application/vnd.example.sig", "one");
    String entry =
        "{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\""
            + sig.digest()
            + "\",\"size\":"
            + sig.size()
            + ",\"artifactType\":\"application/vnd.example.sig\"}";
    enqueue(
        json(
            200,
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
                + entry
                + "]}",
            "OCI-Filters-Applied",
            "artifactType",
            "Link",
            "</v2/team/app/referrers/" + image.digest() + "?page=2>; rel=\"next\""));
    enqueue(
        json(
            200,
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":[]}"));

    List<Descriptor> found =
        client.referrers(repository, image.digest(), "application/vnd.example.sig");

    assertThat(found).extracting(Descriptor::digest).containsExactly(sig.digest());
    assertThat(takeRequest().getTarget())
        .isEqualTo(
            "/v2/team/app/referrers/"
                + image.digest()
                + "?artifactType=application%2Fvnd.example.sig");
  }

  @Test
  void putManifest_subjectAcknowledged_noFallbackWrites() throws Exception {
    var image = TestImages.image(3, 1, 10);
    var sig = TestImages.referrer(image.manifest(), "application/vnd.example.sig", "one");
    enqueue(
        response(
            201,
            "Docker-Content-Digest",
            sig.digest().toString(),
            "OCI-Subject",
            image.digest().toString()));

    client.putManifest(repository.digest(sig.digest()), sig);

    assertThat(journal.size()).isEqualTo(1);
    RecordedRequest put = takeRequest();
    assertThat(put.getHeaders().get("Content-Type"))
        .isEqualTo("application/vnd.oci.image.manifest.v1+json");
    assertThat(put.getBody().toByteArray()).isEqualTo(sig.bytes().toByteArray());
  }
}
