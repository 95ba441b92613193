package dev.registrykit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.core.digest.Digest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tables and sequences for the write endpoints: end-4a/b/c, end-5, end-6, end-7a/b, end-9, end-10,
 * end-11, end-13, end-14.
 */
@Timeout(60)
class WriteEndpointsTest extends SeededRegistryTest {
  private static final String OCTET = "application/octet-stream";

  private HttpResponse<byte[]> send(
      String method, String path, Map<String, String> headers, byte[] body) throws Exception {
    return Http.send(registry.url(path), method, headers, body);
  }

  private String openUpload(String repo) throws Exception {
    HttpResponse<byte[]> r = send("POST", "/v2/" + repo + "/blobs/uploads/", Map.of(), new byte[0]);
    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(r.headers().firstValue("Range")).hasValue("0-0");
    return r.headers().firstValue("Location").orElseThrow();
  }

  static Stream<Case> errors() {
    String upload = R + "/blobs/uploads/00000000-0000-0000-0000-00000000dead";
    String manifestJson = new String(SEED.manifest, java.nio.charset.StandardCharsets.UTF_8);
    String missingLayer =
        manifestJson.replace(SEED.layerDigest.toString(), "sha256:" + "3".repeat(64));
    return Stream.of(
        Case.of("PATCH unknown upload", "PATCH", upload, 404)
            .body("x")
            .header("Content-Type", OCTET)
            .code("BLOB_UPLOAD_UNKNOWN"),
        Case.of("PUT unknown upload", "PUT", upload + "?digest=" + SEED.layerDigest, 404)
            .code("BLOB_UPLOAD_UNKNOWN"),
        Case.of("GET unknown upload", "GET", upload, 404).code("BLOB_UPLOAD_UNKNOWN"),
        Case.of("DELETE unknown upload", "DELETE", upload, 404).code("BLOB_UPLOAD_UNKNOWN"),
        Case.of(
                "single POST with a wrong digest",
                "POST",
                R + "/blobs/uploads/?digest=sha256:" + "4".repeat(64),
                400)
            .body("content")
            .header("Content-Type", OCTET)
            .code("DIGEST_INVALID"),
        Case.of(
                "single POST with an invalid digest",
                "POST",
                R + "/blobs/uploads/?digest=sha256:nothex",
                400)
            .body("x")
            .code("DIGEST_INVALID"),
        Case.of(
                "POST with an unsupported digest-algorithm",
                "POST",
                R + "/blobs/uploads/?digest-algorithm=md5",
                400)
            .code("DIGEST_INVALID"),
        Case.of(
            "POST with digest-algorithm sha512",
            "POST",
            R + "/blobs/uploads/?digest-algorithm=sha512",
            202),
        Case.of(
                "mount with an invalid digest",
                "POST",
                R + "/blobs/uploads/?mount=nope&from=team/other",
                400)
            .code("DIGEST_INVALID"),
        Case.of("manifest PUT without Content-Type", "PUT", R + "/manifests/v2", 400)
            .body(manifestJson)
            .code("MANIFEST_INVALID"),
        Case.of("manifest PUT that is not JSON", "PUT", R + "/manifests/v2", 400)
            .header("Content-Type", Seed.OCI_MANIFEST)
            .body("not json")
            .code("MANIFEST_INVALID"),
        Case.of(
                "manifest PUT whose mediaType differs from Content-Type",
                "PUT",
                R + "/manifests/v2",
                400)
            .header("Content-Type", Seed.OCI_INDEX)
            .body(manifestJson)
            .code("MANIFEST_INVALID"),
        Case.of("manifest PUT referencing a missing blob", "PUT", R + "/manifests/v2", 400)
            .header("Content-Type", Seed.OCI_MANIFEST)
            .body(missingLayer)
            .code("MANIFEST_BLOB_UNKNOWN"),
        Case.of(
                "manifest PUT to a wrong digest",
                "PUT",
                R + "/manifests/sha256:" + "5".repeat(64),
                400)
            .header("Content-Type", Seed.OCI_MANIFEST)
            .body(manifestJson)
            .code("DIGEST_INVALID"),
        Case.of("manifest PUT with an invalid tag", "PUT", R + "/manifests/.bad", 400)
            .header("Content-Type", Seed.OCI_MANIFEST)
            .body(manifestJson)
            .code("MANIFEST_INVALID"),
        Case.of("index PUT whose child is missing", "PUT", "/v2/team/empty/manifests/multi", 400)
            .header("Content-Type", Seed.OCI_INDEX)
            .body(new String(SEED.index, java.nio.charset.StandardCharsets.UTF_8))
            .code("MANIFEST_BLOB_UNKNOWN"),
        Case.of(
                "manifest PUT into a repository without the blobs",
                "PUT",
                "/v2/team/empty/manifests/v1",
                400)
            .header("Content-Type", Seed.OCI_MANIFEST)
            .body(manifestJson)
            .code("MANIFEST_BLOB_UNKNOWN"),
        Case.of("DELETE unknown tag", "DELETE", R + "/manifests/nope", 404)
            .code("MANIFEST_UNKNOWN"),
        Case.of("DELETE unknown manifest", "DELETE", R + "/manifests/sha256:" + "6".repeat(64), 404)
            .code("MANIFEST_UNKNOWN"),
        Case.of("DELETE unknown blob", "DELETE", R + "/blobs/sha256:" + "7".repeat(64), 404)
            .code("BLOB_UNKNOWN"),
        Case.of("DELETE blob with an invalid digest", "DELETE", R + "/blobs/sha256:q", 400)
            .code("DIGEST_INVALID"),
        Case.of("POST to an invalid repository name", "POST", "/v2/UPPER/blobs/uploads/", 400)
            .code("NAME_INVALID"),
        Case.of("PUT on the uploads collection is not allowed", "PUT", R + "/blobs/uploads/", 405)
            .code("UNSUPPORTED"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void errorPaths_table_answerSpecErrors(Case c) throws Exception {
    Tables.run(registry, c);
  }

  @Test
  void postThenPut_monolithic_storesTheBlob() throws Exception {
    byte[] blob = Seed.utf8("monolithic blob");
    Digest digest = Digest.sha256(blob);
    String location = openUpload("team/new");
    assertThat(location).startsWith("/v2/team/new/blobs/uploads/00000000-0000-0000-0000-");
    HttpResponse<byte[]> put =
        send("PUT", location + "?digest=" + digest, Map.of("Content-Type", OCTET), blob);
    assertThat(put.statusCode()).isEqualTo(201);
    assertThat(put.headers().firstValue("Location")).hasValue("/v2/team/new/blobs/" + digest);
    assertThat(put.headers().firstValue("Docker-Content-Digest")).hasValue(digest.toString());
    assertThat(registry.blob("team/new", digest))
        .hasValueSatisfying(b -> assertThat(b.toByteArray()).isEqualTo(blob));
    assertThat(registry.openUploads()).isEmpty();
  }

  @Test
  void singlePost_withDigest_returns201() throws Exception {
    byte[] blob = Seed.utf8("single post");
    Digest digest = Digest.sha256(blob);
    HttpResponse<byte[]> r =
        send("POST", R + "/blobs/uploads/?digest=" + digest, Map.of("Content-Type", OCTET), blob);
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.headers().firstValue("Location")).hasValue(R + "/blobs/" + digest);
    assertThat(registry.blobs(Seed.REPO)).contains(digest);
  }

  @Test
  void chunked_inOrderPatches_thenPut_storesTheConcatenation() throws Exception {
    String location = openUpload(Seed.REPO);
    HttpResponse<byte[]> p1 =
        send(
            "PATCH",
            location,
            Map.of("Content-Type", OCTET, "Content-Range", "0-4"),
            Seed.utf8("hello"));
    assertThat(p1.statusCode()).isEqualTo(202);
    assertThat(p1.headers().firstValue("Range")).hasValue("0-4");
    assertThat(p1.headers().firstValue("Location")).hasValue(location);
    HttpResponse<byte[]> status = send("GET", location, Map.of(), new byte[0]);
    assertThat(status.statusCode()).isEqualTo(204);
    assertThat(status.headers().firstValue("Range")).hasValue("0-4");
    HttpResponse<byte[]> outOfOrder =
        send(
            "PATCH",
            location,
            Map.of("Content-Type", OCTET, "Content-Range", "7-9"),
            Seed.utf8("xyz"));
    assertThat(outOfOrder.statusCode()).isEqualTo(416);
    assertThat(outOfOrder.headers().firstValue("Range")).hasValue("0-4");
    HttpResponse<byte[]> repeated =
        send(
            "PATCH",
            location,
            Map.of("Content-Type", OCTET, "Content-Range", "0-4"),
            Seed.utf8("hello"));
    assertThat(repeated.statusCode()).isEqualTo(416);
    HttpResponse<byte[]> wrongLength =
        send(
            "PATCH",
            location,
            Map.of("Content-Type", OCTET, "Content-Range", "5-9"),
            Seed.utf8("ab"));
    assertThat(wrongLength.statusCode()).isEqualTo(400);
    assertThat(Http.text(wrongLength)).contains("SIZE_INVALID");
    HttpResponse<byte[]> malformed =
        send(
            "PATCH",
            location,
            Map.of("Content-Type", OCTET, "Content-Range", "five"),
            Seed.utf8("ab"));
    assertThat(Http.text(malformed)).contains("BLOB_UPLOAD_INVALID");
    HttpResponse<byte[]> p2 =
        send("PATCH", location, Map.of("Content-Type", OCTET), Seed.utf8(", wor"));
    assertThat(p2.headers().firstValue("Range")).hasValue("0-9");
    Digest digest = Digest.sha256(Seed.utf8("hello, world"));
    HttpResponse<byte[]> put =
        send(
            "PUT",
            location + "?digest=" + digest,
            Map.of("Content-Type", OCTET, "Content-Range", "10-11"),
            Seed.utf8("ld"));
    assertThat(put.statusCode()).isEqualTo(201);
    assertThat(registry.blob(Seed.REPO, digest))
        .hasValueSatisfying(b -> assertThat(b.utf8()).isEqualTo("hello, world"));
  }

  @Test
  void completion_withWrongDigest_isDigestInvalidAndStoresNothing() throws Exception {
    String location = openUpload(Seed.REPO);
    send("PATCH", location, Map.of("Content-Type", OCTET), Seed.utf8("some bytes"));
    Digest wrong = Digest.sha256(Seed.utf8("other bytes"));
    HttpResponse<byte[]> put = send("PUT", location + "?digest=" + wrong, Map.of(), new byte[0]);
    assertThat(put.statusCode()).isEqualTo(400);
    assertThat(Http.text(put)).contains("DIGEST_INVALID");
    assertThat(registry.blobs(Seed.REPO))
        .doesNotContain(wrong, Digest.sha256(Seed.utf8("some bytes")));
    assertThat(registry.openUploads()).isEmpty();
    HttpResponse<byte[]> noDigest = send("PUT", openUpload(Seed.REPO), Map.of(), new byte[0]);
    assertThat(noDigest.statusCode()).isEqualTo(400);
    assertThat(Http.text(noDigest)).contains("DIGEST_INVALID");
  }

  @Test
  void sha512_upload_isVerifiedWithSha512() throws Exception {
    byte[] blob = Seed.utf8("sha512 content");
    Digest digest = Digest.of(dev.registrykit.core.digest.DigestAlgorithm.SHA512, blob);
    HttpResponse<byte[]> post =
        send("POST", R + "/blobs/uploads/?digest-algorithm=sha512", Map.of(), new byte[0]);
    String location = post.headers().firstValue("Location").orElseThrow();
    HttpResponse<byte[]> put =
        send("PUT", location + "?digest=" + digest, Map.of("Content-Type", OCTET), blob);
    assertThat(put.statusCode()).isEqualTo(201);
    assertThat(Http.get(registry, R + "/blobs/" + digest).body()).isEqualTo(blob);
  }

  @Test
  void cancel_deletesTheSession() throws Exception {
    String location = openUpload(Seed.REPO);
    assertThat(send("DELETE", location, Map.of(), new byte[0]).statusCode()).isEqualTo(204);
    assertThat(send("GET", location, Map.of(), new byte[0]).statusCode()).isEqualTo(404);
    assertThat(registry.openUploads()).isEmpty();
  }

  @Test
  void uploadSession_ofAnotherRepository_isUnknown() throws Exception {
    String location = openUpload(Seed.REPO);
    String elsewhere = location.replace(Seed.REPO, "team/other");
    HttpResponse<byte[]> r = send("GET", elsewhere, Map.of(), new byte[0]);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(Http.text(r)).contains("BLOB_UPLOAD_UNKNOWN");
  }

  @Test
  void mount_fromRepositoryWithTheBlob_is201_otherwise202() throws Exception {
    HttpResponse<byte[]> mounted =
        send(
            "POST",
            "/v2/team/copy/blobs/uploads/?mount=" + SEED.layerDigest + "&from=" + Seed.REPO,
            Map.of(),
            new byte[0]);
    assertThat(mounted.statusCode()).isEqualTo(201);
    assertThat(mounted.headers().firstValue("Location"))
        .hasValue("/v2/team/copy/blobs/" + SEED.layerDigest);
    assertThat(mounted.headers().firstValue("Docker-Content-Digest"))
        .hasValue(SEED.layerDigest.toString());
    assertThat(registry.blobs("team/copy")).containsExactly(SEED.layerDigest);
    assertThat(registry.distinctBlobCount()).isEqualTo(3);

    HttpResponse<byte[]> unknownSource =
        send(
            "POST",
            "/v2/team/copy2/blobs/uploads/?mount=" + SEED.layerDigest + "&from=team/nobody",
            Map.of(),
            new byte[0]);
    assertThat(unknownSource.statusCode()).isEqualTo(202);
    assertThat(unknownSource.headers().firstValue("Location"))
        .get()
        .asString()
        .contains("/v2/team/copy2/blobs/uploads/");

    HttpResponse<byte[]> withoutFrom =
        send(
            "POST",
            "/v2/team/copy3/blobs/uploads/?mount=" + SEED.configDigest,
            Map.of(),
            new byte[0]);
    assertThat(withoutFrom.statusCode()).isEqualTo(201);

    HttpResponse<byte[]> unknownBlob =
        send(
            "POST",
            "/v2/team/copy4/blobs/uploads/?mount=sha256:" + "8".repeat(64),
            Map.of(),
            new byte[0]);
    assertThat(unknownBlob.statusCode()).isEqualTo(202);
  }

  @Test
  void manifestPut_byTag_storesExactBytes_andAnswersLocationAndDigest() throws Exception {
    String body =
        "{\n  \"schemaVersion\": 2,  \"mediaType\": \""
            + Seed.OCI_MANIFEST
            + "\", \"config\": "
            + Seed.descriptor(Seed.OCI_CONFIG, SEED.configDigest, SEED.config.length)
            + ", \"layers\": []}";
    byte[] bytes = Seed.utf8(body);
    Digest digest = Digest.sha256(bytes);
    HttpResponse<byte[]> put =
        send(
            "PUT",
            R + "/manifests/v9",
            Map.of("Content-Type", Seed.OCI_MANIFEST + "; charset=utf-8"),
            bytes);
    assertThat(put.statusCode()).isEqualTo(201);
    assertThat(put.headers().firstValue("Location")).hasValue(R + "/manifests/" + digest);
    assertThat(put.headers().firstValue("Docker-Content-Digest")).hasValue(digest.toString());
    assertThat(registry.manifest(Seed.REPO, "v9"))
        .hasValueSatisfying(
            m -> {
              assertThat(m.bytes().toByteArray()).isEqualTo(bytes);
              assertThat(m.mediaType().value()).isEqualTo(Seed.OCI_MANIFEST);
            });
    assertThat(Http.get(registry, R + "/manifests/v9").body()).isEqualTo(bytes);
  }

  @Test
  void manifestPut_byDigestWithTags_answersOciTag() throws Exception {
    HttpResponse<byte[]> put =
        send(
            "PUT",
            R + "/manifests/" + SEED.manifestDigest + "?tag=1.0&tag=1&tag=stable",
            Map.of("Content-Type", Seed.OCI_MANIFEST),
            SEED.manifest);
    assertThat(put.statusCode()).isEqualTo(201);
    assertThat(put.headers().allValues("OCI-Tag")).containsExactly("1.0", "1", "stable");
    assertThat(registry.tags(Seed.REPO)).contains("1.0", "1", "stable");
  }

  @Test
  void manifestPut_withSubject_answersOciSubject() throws Exception {
    HttpResponse<byte[]> put =
        send(
            "PUT",
            R + "/manifests/" + SEED.signatureDigest,
            Map.of("Content-Type", Seed.OCI_MANIFEST),
            SEED.signature);
    assertThat(put.statusCode()).isEqualTo(201);
    assertThat(put.headers().firstValue("OCI-Subject")).hasValue(SEED.manifestDigest.toString());
  }

  @Test
  void indexPut_withChildrenPresent_isAccepted() throws Exception {
    HttpResponse<byte[]> put =
        send("PUT", R + "/manifests/multi2", Map.of("Content-Type", Seed.OCI_INDEX), SEED.index);
    assertThat(put.statusCode()).isEqualTo(201);
  }

  @Test
  void deleteTag_keepsManifest_deleteDigest_removesItAndItsTags() throws Exception {
    assertThat(send("DELETE", R + "/manifests/latest", Map.of(), new byte[0]).statusCode())
        .isEqualTo(202);
    assertThat(registry.tags(Seed.REPO)).containsExactly("multi", "v1");
    assertThat(Http.get(registry, R + "/manifests/latest").statusCode()).isEqualTo(404);
    assertThat(Http.get(registry, R + "/manifests/" + SEED.manifestDigest).statusCode())
        .isEqualTo(200);
    assertThat(
            send("DELETE", R + "/manifests/" + SEED.manifestDigest, Map.of(), new byte[0])
                .statusCode())
        .isEqualTo(202);
    assertThat(registry.tags(Seed.REPO)).containsExactly("multi");
    assertThat(Http.get(registry, R + "/manifests/v1").statusCode()).isEqualTo(404);
  }

  @Test
  void deleteBlob_removesOnlyThisRepositorysLink() throws Exception {
    registry.putBlob("team/other", SEED.layer);
    assertThat(send("DELETE", R + "/blobs/" + SEED.layerDigest, Map.of(), new byte[0]).statusCode())
        .isEqualTo(202);
    assertThat(Http.get(registry, R + "/blobs/" + SEED.layerDigest).statusCode()).isEqualTo(404);
    assertThat(Http.get(registry, "/v2/team/other/blobs/" + SEED.layerDigest).statusCode())
        .isEqualTo(200);
  }

  @Test
  void sameContent_inTwoRepositories_isStoredOnce() throws Exception {
    byte[] blob = Seed.utf8("shared");
    Digest digest = Digest.sha256(blob);
    for (String repo : new String[] {"a/one", "b/two"}) {
      HttpResponse<byte[]> r =
          send(
              "POST",
              "/v2/" + repo + "/blobs/uploads/?digest=" + digest,
              Map.of("Content-Type", OCTET),
              blob);
      assertThat(r.statusCode()).isEqualTo(201);
    }
    assertThat(registry.blobs("a/one")).contains(digest);
    assertThat(registry.blobs("b/two")).contains(digest);
    assertThat(registry.distinctBlobCount()).isEqualTo(4);
  }
}
