package dev.registrykit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.testkit.fixtures.GeneratedImage;
import dev.registrykit.testkit.fixtures.RandomImages;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Many clients pushing and pulling in parallel, to the same and to different repositories. */
@Timeout(120)
class ConcurrencyTest {
  private static final String OCTET = "application/octet-stream";

  /**
   * Pushes an image over HTTP: chunked for even layers, single POST for odd ones, then the
   * manifest.
   */
  private static void push(
      FakeRegistry registry, String repository, GeneratedImage image, String tag) throws Exception {
    int i = 0;
    for (Map.Entry<Digest, Bytes> blob : image.blobs().entrySet()) {
      byte[] bytes = blob.getValue().toByteArray();
      if (i++ % 2 == 0) {
        HttpResponse<byte[]> post =
            Http.send(
                registry.url("/v2/" + repository + "/blobs/uploads/"),
                "POST",
                Map.of(),
                new byte[0]);
        String location = post.headers().firstValue("Location").orElseThrow();
        int half = bytes.length / 2;
        byte[] first = java.util.Arrays.copyOfRange(bytes, 0, half);
        byte[] second = java.util.Arrays.copyOfRange(bytes, half, bytes.length);
        assertThat(
                Http.send(
                        registry.url(location),
                        "PATCH",
                        Map.of("Content-Type", OCTET, "Content-Range", "0-" + (half - 1)),
                        first)
                    .statusCode())
            .isEqualTo(202);
        HttpResponse<byte[]> put =
            Http.send(
                registry.url(location + "?digest=" + blob.getKey()),
                "PUT",
                Map.of("Content-Type", OCTET),
                second);
        assertThat(put.statusCode()).isEqualTo(201);
      } else {
        HttpResponse<byte[]> single =
            Http.send(
                registry.url("/v2/" + repository + "/blobs/uploads/?digest=" + blob.getKey()),
                "POST",
                Map.of("Content-Type", OCTET),
                bytes);
        assertThat(single.statusCode()).isEqualTo(201);
      }
    }
    HttpResponse<byte[]> manifest =
        Http.send(
            registry.url("/v2/" + repository + "/manifests/" + tag),
            "PUT",
            Map.of("Content-Type", image.manifest().mediaType().value()),
            image.manifest().bytes().toByteArray());
    assertThat(manifest.statusCode()).as(Http.text(manifest)).isEqualTo(201);
  }

  private static void pull(
      FakeRegistry registry, String repository, GeneratedImage image, String tag) throws Exception {
    HttpResponse<byte[]> manifest = Http.get(registry, "/v2/" + repository + "/manifests/" + tag);
    assertThat(Digest.sha256(manifest.body())).isEqualTo(image.digest());
    for (Digest digest : image.blobs().keySet()) {
      assertThat(Digest.sha256(Http.get(registry, "/v2/" + repository + "/blobs/" + digest).body()))
          .isEqualTo(digest);
    }
  }

  @Test
  void parallelPushesAndPulls_sameAndDifferentRepositories_allConsistent() throws Exception {
    int clients = 12;
    GeneratedImage shared = RandomImages.image(100, 4, 20_000);
    List<GeneratedImage> own = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      own.add(RandomImages.image(200 + i, 3, 10_000));
    }
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try (FakeRegistry registry = FakeRegistry.start()) {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        int n = i;
        futures.add(
            pool.submit(
                () -> {
                  // Everyone pushes the shared image into one repository and its own image into
                  // either a shared repository (even clients) or its own (odd clients).
                  push(registry, "conc/shared", shared, "t" + n);
                  String repository = n % 2 == 0 ? "conc/common" : "conc/own-" + n;
                  push(registry, repository, own.get(n), "v" + n);
                  pull(registry, repository, own.get(n), "v" + n);
                  pull(registry, "conc/shared", shared, "t" + n);
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get(100, TimeUnit.SECONDS);
      }
      assertThat(registry.tags("conc/shared")).hasSize(clients);
      assertThat(registry.tags("conc/common")).hasSize(clients / 2);
      assertThat(registry.openUploads()).isEmpty();
      // Each distinct content is stored once, however often and wherever it was pushed.
      long distinct =
          shared.blobs().size() + own.stream().mapToLong(img -> img.blobs().size()).sum();
      assertThat(registry.distinctBlobCount()).isEqualTo(distinct);
      assertThat(registry.requests()).noneMatch(RecordedExchange::isUnexpected);
      assertThat(registry.requests()).allSatisfy(e -> assertThat(e.status()).isLessThan(400));
    } finally {
      pool.shutdownNow();
    }
  }
}
