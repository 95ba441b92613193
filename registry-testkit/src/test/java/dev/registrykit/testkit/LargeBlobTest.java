package dev.registrykit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.digest.DigestAlgorithm;
import dev.registrykit.testkit.junit.EnableFakeRegistry;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Multi-MiB blobs through every upload path: monolithic {@code PUT}, {@code PATCH} chunks with
 * {@code Content-Range}, a streamed {@code PATCH} in chunked transfer encoding, and a single {@code
 * POST}, each streamed into the upload's chunks; the stored bytes, full and ranged {@code GET}s,
 * the digest check and deduplication.
 */
@Timeout(120)
@EnableFakeRegistry(perClass = true)
class LargeBlobTest {
  private static final String OCTET = "application/octet-stream";

  /** Not a multiple of the upload's 256 KiB chunks, so slices straddle chunk boundaries. */
  private static final int SIZE = 6 * 1024 * 1024 + 12_345;

  private static final byte[] BLOB = new byte[SIZE];
  private static final Digest digest;

  static {
    new Random(20261127L).nextBytes(BLOB);
    digest = Digest.sha256(BLOB);
  }

  private final FakeRegistry registry;

  LargeBlobTest(FakeRegistry registry) {
    this.registry = registry;
  }

  private HttpResponse<byte[]> send(
      String method, String path, Map<String, String> headers, byte[] body) throws Exception {
    return Http.send(registry.url(path), method, headers, body);
  }

  private String openUpload(String repo) throws Exception {
    HttpResponse<byte[]> r = send("POST", "/v2/" + repo + "/blobs/uploads/", Map.of(), new byte[0]);
    assertThat(r.statusCode()).isEqualTo(202);
    return r.headers().firstValue("Location").orElseThrow();
  }

  private void assertStoredAndServed(String repo) throws Exception {
    assertThat(registry.blob(repo, digest))
        .hasValueSatisfying(b -> assertThat(b.toByteArray()).isEqualTo(BLOB));
    HttpResponse<byte[]> get = Http.get(registry, "/v2/" + repo + "/blobs/" + digest);
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.headers().firstValueAsLong("Content-Length")).hasValue(SIZE);
    assertThat(Digest.sha256(get.body())).isEqualTo(digest);
    assertThat(get.body()).isEqualTo(BLOB);
    assertThat(registry.openUploads()).isEmpty();
  }

  @Test
  void monolithicPut_multiMiB_storesAndServesTheExactBytes() throws Exception {
    String location = openUpload("big/mono");
    HttpResponse<byte[]> put =
        send("PUT", location + "?digest=" + digest, Map.of("Content-Type", OCTET), BLOB);

    assertThat(put.statusCode()).isEqualTo(201);
    assertThat(put.headers().firstValue("Docker-Content-Digest")).hasValue(digest.toString());
    assertStoredAndServed("big/mono");
    assertThat(registry.distinctBlobBytes()).isEqualTo(SIZE);
    // The body streamed into storage: the journal still has its size.
    assertThat(registry.requests())
        .filteredOn(e -> e.method().equals("PUT"))
        .singleElement()
        .extracting(RecordedExchange::requestBodySize)
        .isEqualTo((long) SIZE);
  }

  @Test
  void patchChunksWithContentRange_thenPutWithTheLastChunk_storesTheConcatenation()
      throws Exception {
    int[] cuts = {0, 1, 8191, 8192 + 3, 3 * 1024 * 1024, SIZE - 100};
    String location = openUpload("big/chunks");
    for (int i = 0; i + 1 < cuts.length; i++) {
      byte[] chunk = Arrays.copyOfRange(BLOB, cuts[i], cuts[i + 1]);
      HttpResponse<byte[]> patch =
          send(
              "PATCH",
              location,
              Map.of("Content-Type", OCTET, "Content-Range", cuts[i] + "-" + (cuts[i + 1] - 1)),
              chunk);
      assertThat(patch.statusCode()).as("chunk %d", i).isEqualTo(202);
      assertThat(patch.headers().firstValue("Range")).hasValue("0-" + (cuts[i + 1] - 1));
      location = patch.headers().firstValue("Location").orElseThrow();
    }
    byte[] last = Arrays.copyOfRange(BLOB, cuts[cuts.length - 1], SIZE);
    HttpResponse<byte[]> put =
        send(
            "PUT",
            location + "?digest=" + digest,
            Map.of(
                "Content-Type", OCTET, "Content-Range", cuts[cuts.length - 1] + "-" + (SIZE - 1)),
            last);

    assertThat(put.statusCode()).isEqualTo(201);
    assertStoredAndServed("big/chunks");
  }

  @Test
  void streamedPatchInChunkedEncoding_thenEmptyPut_storesTheBlob() throws Exception {
    // As skopeo pushes: one PATCH without Content-Range (here without Content-Length either, so the
    // body arrives in chunked transfer encoding), then PUT ?digest= with no body.
    String location = openUpload("big/stream");
    HttpRequest patch =
        HttpRequest.newBuilder(URI.create(registry.url(location).toString()))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", OCTET)
            .method(
                "PATCH",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(BLOB)))
            .build();
    HttpResponse<byte[]> patched = Http.CLIENT.send(patch, HttpResponse.BodyHandlers.ofByteArray());
    assertThat(patched.statusCode()).isEqualTo(202);
    assertThat(patched.headers().firstValue("Range")).hasValue("0-" + (SIZE - 1));

    HttpResponse<byte[]> put =
        send(
            "PUT",
            patched.headers().firstValue("Location").orElseThrow() + "?digest=" + digest,
            Map.of(),
            new byte[0]);

    assertThat(put.statusCode()).isEqualTo(201);
    assertStoredAndServed("big/stream");
  }

  @Test
  void singlePost_multiMiB_storesTheBlob() throws Exception {
    HttpResponse<byte[]> post =
        send(
            "POST",
            "/v2/big/single/blobs/uploads/?digest=" + digest,
            Map.of("Content-Type", OCTET),
            BLOB);

    assertThat(post.statusCode()).isEqualTo(201);
    assertStoredAndServed("big/single");
  }

  @Test
  void chunkedUpload_wrongDigest_isDigestInvalidAndStoresNothing() throws Exception {
    Digest wrong = Digest.sha256(Arrays.copyOf(BLOB, SIZE - 1));
    String location = openUpload("big/wrong");
    HttpResponse<byte[]> patch =
        send(
            "PATCH",
            location,
            Map.of("Content-Type", OCTET, "Content-Range", "0-" + (SIZE / 2 - 1)),
            Arrays.copyOf(BLOB, SIZE / 2));
    assertThat(patch.statusCode()).isEqualTo(202);

    HttpResponse<byte[]> put =
        send(
            "PUT",
            patch.headers().firstValue("Location").orElseThrow() + "?digest=" + wrong,
            Map.of("Content-Type", OCTET, "Content-Range", SIZE / 2 + "-" + (SIZE - 1)),
            Arrays.copyOfRange(BLOB, SIZE / 2, SIZE));

    assertThat(put.statusCode()).isEqualTo(400);
    assertThat(Http.text(put)).contains("DIGEST_INVALID");
    assertThat(registry.blob("big/wrong", wrong)).isEmpty();
    assertThat(registry.blob("big/wrong", digest)).isEmpty();
    assertThat(registry.distinctBlobCount()).isZero();
    assertThat(registry.openUploads()).isEmpty();
  }

  @Test
  void monolithicPut_wrongDigest_isDigestInvalidAndStoresNothing() throws Exception {
    Digest wrong = Digest.sha256(new byte[] {1});
    String location = openUpload("big/wrong");

    HttpResponse<byte[]> put =
        send("PUT", location + "?digest=" + wrong, Map.of("Content-Type", OCTET), BLOB);

    assertThat(put.statusCode()).isEqualTo(400);
    assertThat(Http.text(put)).contains("DIGEST_INVALID");
    assertThat(registry.distinctBlobCount()).isZero();
    assertThat(registry.repositories()).doesNotContain("big/wrong");
  }

  @Test
  void sha512Upload_multiMiB_isVerifiedWithThatAlgorithm() throws Exception {
    Digest sha512 = Digest.of(DigestAlgorithm.SHA512, BLOB);
    HttpResponse<byte[]> open =
        send(
            "POST", "/v2/big/sha512/blobs/uploads/?digest-algorithm=sha512", Map.of(), new byte[0]);
    assertThat(open.statusCode()).isEqualTo(202);

    HttpResponse<byte[]> put =
        send(
            "PUT",
            open.headers().firstValue("Location").orElseThrow() + "?digest=" + sha512,
            Map.of("Content-Type", OCTET),
            BLOB);

    assertThat(put.statusCode()).isEqualTo(201);
    assertThat(registry.blob("big/sha512", sha512))
        .hasValueSatisfying(b -> assertThat(b.toByteArray()).isEqualTo(BLOB));
  }

  @Test
  void rangeGets_acrossSegmentBoundaries_returnExactSlices() throws Exception {
    registry.putBlob("big/range", BLOB);
    long[][] ranges = {
      {0, 0}, {8191, 8192}, {8190, 3 * 1024 * 1024 + 7}, {SIZE - 1, SIZE - 1}, {4096, SIZE - 1}
    };
    for (long[] range : ranges) {
      HttpResponse<byte[]> r =
          send(
              "GET",
              "/v2/big/range/blobs/" + digest,
              Map.of("Range", "bytes=" + range[0] + "-" + range[1]),
              new byte[0]);
      assertThat(r.statusCode()).as("range %d-%d", range[0], range[1]).isEqualTo(206);
      assertThat(r.headers().firstValue("Content-Range"))
          .hasValue("bytes " + range[0] + "-" + range[1] + "/" + SIZE);
      assertThat(r.body()).isEqualTo(Arrays.copyOfRange(BLOB, (int) range[0], (int) range[1] + 1));
    }
  }

  @Test
  void samePushIntoTwoRepositories_isStoredOnce() throws Exception {
    for (String repo : new String[] {"big/one", "big/two"}) {
      HttpResponse<byte[]> put =
          send("PUT", openUpload(repo) + "?digest=" + digest, Map.of("Content-Type", OCTET), BLOB);
      assertThat(put.statusCode()).isEqualTo(201);
    }

    assertThat(registry.distinctBlobCount()).isEqualTo(1);
    assertThat(registry.distinctBlobBytes()).isEqualTo(SIZE);
    assertStoredAndServed("big/two");
  }
}
