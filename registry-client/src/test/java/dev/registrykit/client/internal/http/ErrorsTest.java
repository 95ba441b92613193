package dev.registrykit.client.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.client.errors.BlobNotFoundException;
import dev.registrykit.client.errors.ManifestNotFoundException;
import dev.registrykit.client.errors.NotFoundException;
import dev.registrykit.client.errors.RegistryErrorResponseException;
import dev.registrykit.client.transport.HttpHeaders;
import dev.registrykit.client.transport.HttpResponse;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The wording and type of error responses: what a user reads when a call fails. */
class ErrorsTest {
  private static RegistryErrorResponseException failure(
      String method, String path, int status, String body) {
    Call call =
        Call.of(
            method,
            "registry.test",
            URI.create(path),
            HttpHeaders.empty(),
            "team/app",
            Call.PULL,
            method + " " + path);
    HttpResponse response =
        HttpResponse.of(
            URI.create("https://registry.test" + path),
            status,
            HttpHeaders.builder().add("Content-Type", "application/json").build(),
            new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    return Errors.failure(call, response);
  }

  private static String errors(String code, String message) {
    return "{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}]}";
  }

  @Test
  void manifestUnknown_onATag_namesTheTag_notTheRepository() {
    var e =
        failure(
            "GET",
            "/v2/team/app/manifests/v9",
            404,
            errors("MANIFEST_UNKNOWN", "manifest unknown"));

    assertThat(e).isInstanceOf(ManifestNotFoundException.class);
    assertThat(e.getMessage())
        .contains("tag v9 is unknown in repository team/app on registry.test")
        .doesNotContain("does not exist");
  }

  @Test
  void manifestUnknown_onADigest_namesTheManifest() {
    String digest = "sha256:" + "a".repeat(64);
    var e =
        failure(
            "GET",
            "/v2/team/app/manifests/" + digest,
            404,
            errors("MANIFEST_UNKNOWN", "manifest unknown"));

    assertThat(e.getMessage())
        .contains("manifest " + digest + " is unknown in repository team/app");
  }

  @Test
  void nameUnknown_saysTheRepositoryDoesNotExist() {
    var e =
        failure(
            "GET",
            "/v2/team/app/manifests/v1",
            404,
            errors("NAME_UNKNOWN", "repository name not known"));

    assertThat(e).isInstanceOf(ManifestNotFoundException.class);
    assertThat(e.getMessage()).contains("repository team/app does not exist on registry.test");
  }

  @Test
  void blobUnknown_namesTheBlob() {
    String digest = "sha256:" + "b".repeat(64);
    var e =
        failure("GET", "/v2/team/app/blobs/" + digest, 404, errors("BLOB_UNKNOWN", "blob unknown"));

    assertThat(e).isInstanceOf(BlobNotFoundException.class);
    assertThat(e.getMessage()).contains("blob " + digest + " is unknown in repository team/app");
  }

  @Test
  void notFoundWithoutABody_onAManifest_admitsItCouldBeEither() {
    var e = failure("GET", "/v2/team/app/manifests/v1", 404, "");

    assertThat(e.getMessage()).contains("tag v1 is unknown", "or the repository does not exist");
  }

  @Test
  void uploadUnknown_saysToStartAgain() {
    var e =
        failure(
            "PATCH",
            "/v2/team/app/blobs/uploads/abc",
            404,
            errors("BLOB_UPLOAD_UNKNOWN", "upload unknown"));

    assertThat(e).isExactlyInstanceOf(NotFoundException.class);
    assertThat(e.getMessage()).contains("upload session is unknown", "start the upload again");
  }

  @Test
  void registryMessage_withTerminalControls_reachesTheMessageEscaped() {
    var e =
        failure(
            "GET",
            "/v2/team/app/manifests/v1",
            404,
            errors("MANIFEST_UNKNOWN", "gone\\u001b]0;pwned\\u0007 \\u202Etxt.exe"));

    assertThat(e.getMessage())
        .contains("gone\\x1B]0;pwned\\x07 \\u202Etxt.exe")
        .doesNotContain("\u001b", "\u0007", "\u202e");
  }
}
