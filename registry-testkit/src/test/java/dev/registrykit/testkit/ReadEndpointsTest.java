package dev.registrykit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Tables for the read endpoints: end-1, end-2, end-3, end-8, catalog, end-12, unknown routes. */
@Timeout(60)
class ReadEndpointsTest extends SeededRegistryTest {

  @BeforeEach
  void seedOtherRepository() {
    registry.putManifest("team/other", Seed.OCI_MANIFEST, SEED.manifest, "a", "b", "c", "d");
  }

  static Stream<Case> base() {
    return Stream.of(
        Case.of("version check", "GET", "/v2/", 200),
        Case.of("version check without slash", "GET", "/v2", 200),
        Case.of("version check HEAD", "HEAD", "/v2/", 200),
        Case.of("POST on /v2/ is not allowed", "POST", "/v2/", 405).code("UNSUPPORTED"),
        Case.of("unknown route", "GET", "/v3/foo", 404).code("UNSUPPORTED"),
        Case.of("unknown route under /v2", "GET", "/v2/team/app/nothing/here", 404)
            .code("UNSUPPORTED"),
        Case.of("method not allowed on blobs", "PATCH", R + "/blobs/" + SEED.layerDigest, 405)
            .code("UNSUPPORTED"),
        Case.of("invalid repository name", "GET", "/v2/Team/App/tags/list", 400)
            .code("NAME_INVALID"),
        Case.of("repository name with a double slash", "GET", "/v2/team//app/tags/list", 400)
            .code("NAME_INVALID"));
  }

  static Stream<Case> blobs() {
    String layer = R + "/blobs/" + SEED.layerDigest;
    return Stream.of(
        Case.of("GET a blob", "GET", layer, 200)
            .expectHeader("Docker-Content-Digest", SEED.layerDigest.toString())
            .expectHeader("Content-Length", Integer.toString(SEED.layer.length))
            .expectHeader("Content-Type", "application/octet-stream"),
        Case.of("HEAD a blob", "HEAD", layer, 200)
            .expectHeader("Docker-Content-Digest", SEED.layerDigest.toString())
            .expectHeader("Content-Length", Integer.toString(SEED.layer.length)),
        Case.of("Range bytes=0-9", "GET", layer, 206)
            .header("Range", "bytes=0-9")
            .expectHeader("Content-Range", "bytes 0-9/" + SEED.layer.length)
            .expectHeader("Content-Length", "10"),
        Case.of("Range open-ended", "GET", layer, 206)
            .header("Range", "bytes=30-")
            .expectHeader("Content-Range", "bytes 30-35/36"),
        Case.of("Range suffix", "GET", layer, 206)
            .header("Range", "bytes=-6")
            .expectHeader("Content-Range", "bytes 30-35/36"),
        Case.of("Range beyond the end", "GET", layer, 416)
            .header("Range", "bytes=100-200")
            .expectHeader("Content-Range", "bytes */36"),
        Case.of("unknown blob", "GET", R + "/blobs/sha256:" + "0".repeat(64), 404)
            .code("BLOB_UNKNOWN"),
        Case.of("HEAD unknown blob", "HEAD", R + "/blobs/sha256:" + "0".repeat(64), 404),
        Case.of(
                "blob of another repository is unknown here",
                "GET",
                "/v2/team/nobody/blobs/" + SEED.layerDigest,
                404)
            .code("BLOB_UNKNOWN"),
        Case.of("invalid digest", "GET", R + "/blobs/sha256:xyz", 400).code("DIGEST_INVALID"),
        Case.of("unsupported algorithm", "GET", R + "/blobs/md5:abc", 400).code("DIGEST_INVALID"));
  }

  static Stream<Case> manifests() {
    String v1 = R + "/manifests/v1";
    return Stream.of(
        Case.of("GET by tag", "GET", v1, 200)
            .expectHeader("Content-Type", Seed.OCI_MANIFEST)
            .expectHeader("Docker-Content-Digest", SEED.manifestDigest.toString()),
        Case.of("GET by digest", "GET", R + "/manifests/" + SEED.manifestDigest, 200)
            .expectHeader("Docker-Content-Digest", SEED.manifestDigest.toString()),
        Case.of("HEAD by tag", "HEAD", v1, 200)
            .expectHeader("Content-Length", Integer.toString(SEED.manifest.length))
            .expectHeader("Content-Type", Seed.OCI_MANIFEST),
        Case.of("Accept lists the type", "GET", v1, 200)
            .header("Accept", Seed.OCI_INDEX + ", " + Seed.OCI_MANIFEST),
        Case.of("Accept with parameters", "GET", v1, 200)
            .header("Accept", Seed.OCI_MANIFEST + ";q=0.9"),
        Case.of("Accept */*", "GET", v1, 200).header("Accept", "*/*"),
        Case.of("Accept excludes the type", "GET", v1, 404)
            .header("Accept", "application/vnd.docker.distribution.manifest.v2+json")
            .code("MANIFEST_UNKNOWN"),
        Case.of("index by tag", "GET", R + "/manifests/multi", 200)
            .expectHeader("Content-Type", Seed.OCI_INDEX),
        Case.of("unknown tag", "GET", R + "/manifests/nope", 404).code("MANIFEST_UNKNOWN"),
        Case.of("unknown digest", "GET", R + "/manifests/sha256:" + "1".repeat(64), 404)
            .code("MANIFEST_UNKNOWN"),
        Case.of("unknown repository", "GET", "/v2/nobody/manifests/v1", 404)
            .code("MANIFEST_UNKNOWN"),
        // A reference that is neither a tag nor a digest names no manifest: 404, as the conformance
        // suite expects (its .INVALID_MANIFEST_NAME case).
        Case.of("invalid tag", "GET", R + "/manifests/-bad", 404).code("MANIFEST_UNKNOWN"),
        Case.of("conformance's invalid name", "GET", R + "/manifests/.INVALID_MANIFEST_NAME", 404)
            .code("MANIFEST_UNKNOWN"),
        Case.of("invalid tag, HEAD", "HEAD", R + "/manifests/.INVALID_MANIFEST_NAME", 404),
        Case.of("invalid digest", "GET", R + "/manifests/sha256:abc", 404)
            .code("MANIFEST_UNKNOWN"));
  }

  static Stream<Case> tags() {
    String list = "/v2/team/other/tags/list";
    return Stream.of(
        Case.of("all tags", "GET", list, 200),
        Case.of("first page", "GET", list + "?n=2", 200)
            .expectHeader("Link", "</v2/team/other/tags/list?n=2&last=b>; rel=\"next\""),
        Case.of("second page", "GET", list + "?n=2&last=b", 200),
        Case.of("n=0 is empty without Link", "GET", list + "?n=0", 200),
        Case.of("negative n", "GET", list + "?n=-1", 400).code("PAGINATION_NUMBER_INVALID"),
        Case.of("non-numeric n", "GET", list + "?n=x", 400).code("PAGINATION_NUMBER_INVALID"),
        Case.of("unknown repository", "GET", "/v2/nobody/tags/list", 404).code("NAME_UNKNOWN"));
  }

  static Stream<Case> referrers() {
    String base = R + "/referrers/" + SEED.manifestDigest;
    return Stream.of(
        Case.of("referrers", "GET", base, 200).expectHeader("Content-Type", Seed.OCI_INDEX),
        Case.of("filtered", "GET", base + "?artifactType=application/vnd.example.sig", 200)
            .expectHeader("OCI-Filters-Applied", "artifactType"),
        Case.of(
            "none for an unknown subject", "GET", R + "/referrers/sha256:" + "2".repeat(64), 200),
        Case.of("invalid digest", "GET", R + "/referrers/sha256:zz", 400).code("DIGEST_INVALID"));
  }

  static Stream<Case> catalog() {
    return Stream.of(
        Case.of("catalog", "GET", "/v2/_catalog", 200),
        Case.of("catalog page", "GET", "/v2/_catalog?n=1", 200)
            .expectHeader("Link", "</v2/_catalog?n=1&last=team%2Fapp>; rel=\"next\""),
        Case.of("catalog bad n", "GET", "/v2/_catalog?n=-4", 400)
            .code("PAGINATION_NUMBER_INVALID"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"base", "blobs", "manifests", "tags", "referrers", "catalog"})
  void endpoint_table_answersAsSpecified(Case c) throws Exception {
    Tables.run(registry, c);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("blobs")
  void blobs_unknownRoutesAreJournaledAsUnexpected_onlyForUnknownRoutes(Case c) throws Exception {
    Tables.run(registry, c);
    assertThat(registry.unexpected()).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void blobGet_body_isTheStoredBytes() throws Exception {
    HttpResponse<byte[]> r = Http.get(registry, R + "/blobs/" + SEED.layerDigest);
    assertThat(r.body()).isEqualTo(SEED.layer);
    HttpResponse<byte[]> ranged =
        Http.send(
            registry.url(R + "/blobs/" + SEED.layerDigest),
            "GET",
            java.util.Map.of("Range", "bytes=10-12"),
            new byte[0]);
    assertThat(Http.text(ranged)).isEqualTo("abc");
  }

  @org.junit.jupiter.api.Test
  void manifestGet_body_isTheExactBytesPushed() throws Exception {
    assertThat(Http.get(registry, R + "/manifests/v1").body()).isEqualTo(SEED.manifest);
  }

  @org.junit.jupiter.api.Test
  void tagsList_pages_followTheLinkToTheEnd() throws Exception {
    assertThat(Http.text(Http.get(registry, "/v2/team/other/tags/list")))
        .isEqualTo("{\"name\":\"team/other\",\"tags\":[\"a\",\"b\",\"c\",\"d\"]}");
    assertThat(Http.text(Http.get(registry, "/v2/team/other/tags/list?n=2")))
        .isEqualTo("{\"name\":\"team/other\",\"tags\":[\"a\",\"b\"]}");
    HttpResponse<byte[]> second = Http.get(registry, "/v2/team/other/tags/list?n=2&last=b");
    assertThat(Http.text(second)).isEqualTo("{\"name\":\"team/other\",\"tags\":[\"c\",\"d\"]}");
    assertThat(second.headers().firstValue("Link")).isEmpty();
    HttpResponse<byte[]> zero = Http.get(registry, "/v2/team/other/tags/list?n=0");
    assertThat(Http.text(zero)).isEqualTo("{\"name\":\"team/other\",\"tags\":[]}");
    assertThat(zero.headers().firstValue("Link")).isEmpty();
    assertThat(Http.text(Http.get(registry, "/v2/team/other/tags/list?last=c")))
        .isEqualTo("{\"name\":\"team/other\",\"tags\":[\"d\"]}");
  }

  @org.junit.jupiter.api.Test
  void catalog_listsRepositoriesSorted() throws Exception {
    assertThat(Http.text(Http.get(registry, "/v2/_catalog")))
        .isEqualTo("{\"repositories\":[\"team/app\",\"team/other\"]}");
    assertThat(Http.text(Http.get(registry, "/v2/_catalog?n=1&last=team/app")))
        .isEqualTo("{\"repositories\":[\"team/other\"]}");
  }

  @org.junit.jupiter.api.Test
  void referrers_listsSubjectsReferrers_withArtifactTypeAndAnnotations() throws Exception {
    String all = Http.text(Http.get(registry, R + "/referrers/" + SEED.manifestDigest));
    assertThat(all)
        .contains("\"digest\":\"" + SEED.signatureDigest + "\"")
        .contains("\"artifactType\":\"application/vnd.example.sig\"")
        .contains("\"annotations\":{\"org.example\":\"yes\"}")
        .contains("\"digest\":\"" + SEED.sbomDigest + "\"")
        .contains("\"artifactType\":\"application/vnd.example.sbom\"");
    String filtered =
        Http.text(
            Http.get(
                registry,
                R
                    + "/referrers/"
                    + SEED.manifestDigest
                    + "?artifactType=application/vnd.example.sbom"));
    assertThat(filtered)
        .contains(SEED.sbomDigest.toString())
        .doesNotContain(SEED.signatureDigest.toString());
    assertThat(Http.text(Http.get(registry, R + "/referrers/sha256:" + "2".repeat(64))))
        .isEqualTo(
            "{\"schemaVersion\":2,\"mediaType\":\"" + Seed.OCI_INDEX + "\",\"manifests\":[]}");
  }

  @org.junit.jupiter.api.Test
  void unknownRoute_isJournaledAsUnexpected() throws Exception {
    Http.get(registry, "/v2/team/app/nothing/here");
    assertThat(registry.unexpected())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path()).isEqualTo("/v2/team/app/nothing/here");
              assertThat(e.status()).isEqualTo(404);
            });
  }
}
