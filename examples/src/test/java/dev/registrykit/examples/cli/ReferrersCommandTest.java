package dev.registrykit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.image.Image;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.manifest.MediaType;
import dev.registrykit.core.manifest.RawManifest;
import dev.registrykit.testkit.FakeRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code registrykit referrers} and {@code copy --referrers} against two fakes, one without the
 * referrers API.
 */
@Timeout(60)
class ReferrersCommandTest {
  private FakeRegistry source;
  private FakeRegistry noApi;
  private Image image;
  private RawManifest sbom;
  private RawManifest sbomSignature;
  private RawManifest cosign;

  @BeforeEach
  void start() throws Exception {
    source = FakeRegistry.builder().start();
    noApi = FakeRegistry.builder().referrers(false).start();
    image = SeedImages.image("figlet", 1);
    SeedImages.seed(source, "figlet", "latest", image);
    source.putBlob("figlet", Descriptor.EMPTY_JSON_CONTENT);
    sbom = artifact("application/spdx+json", image.rawManifest(), "sbom");
    sbomSignature = artifact("application/vnd.example.signature", sbom, "sig");
    source.putManifest("figlet", sbom);
    source.putManifest("figlet", sbomSignature);
    cosign = artifact("application/vnd.dev.cosign.artifact.sig.v1+json", null, "cosign");
    source.putManifest("figlet", cosign, "sha256-" + image.digest().hex() + ".sig");
  }

  @AfterEach
  void stop() {
    source.close();
    noApi.close();
  }

  @Test
  void referrers_printsTheTree() throws Exception {
    CliRun run = CliRun.of("referrers", source.host() + "/figlet").assertSuccess();

    assertThat(run.stdout().lines())
        .containsExactly(
            source.host() + "/figlet:latest@" + image.digest(),
            "├── " + sbom.digest() + "  application/spdx+json",
            "│   └── " + sbomSignature.digest() + "  application/vnd.example.signature",
            "└── "
                + cosign.digest()
                + "  application/vnd.dev.cosign.artifact.sig.v1+json  (tag sha256-"
                + image.digest().hex()
                + ".sig)");
  }

  @Test
  void referrers_artifactTypeWithTerminalControls_printedEscaped() throws Exception {
    // The registry's text: an ESC sequence that would clear the screen, BEL and a bidi override.
    RawManifest hostile =
        artifact("application/x\\u001b[2J\\u0007\\u202eevil", image.rawManifest(), "hostile");
    source.putManifest("figlet", hostile);

    CliRun run = CliRun.of("referrers", source.host() + "/figlet").assertSuccess();

    assertThat(run.stdout()).doesNotContain("\u001b", "\u0007", "\u202e");
    assertThat(run.stdout()).contains(hostile.digest() + "  application/x\\x1B[2J\\x07\\u202Eevil");
  }

  @Test
  void referrers_json_withArtifactTypeFilter() throws Exception {
    CliRun run =
        CliRun.of(
                "referrers",
                source.host() + "/figlet",
                "--artifact-type",
                "application/spdx+json",
                "--format",
                "json")
            .assertSuccess();

    assertThat(run.stdout())
        .startsWith(
            "{\"subject\":\""
                + image.digest()
                + "\",\"referrers\":[{\"digest\":\""
                + sbom.digest()
                + "\"")
        .contains(
            "\"artifactType\":\"application/spdx+json\"",
            "\"annotations\":{\"note\":\"sbom\"}",
            "\"referrers\":[]")
        .doesNotContain(sbomSignature.digest().toString(), cosign.digest().toString());
  }

  @Test
  void copyReferrers_toARegistryWithoutTheApi_listedThroughTheFallbackTag() throws Exception {
    CliRun run =
        CliRun.of(
                "copy", "--referrers", source.host() + "/figlet", noApi.host() + "/mirror/figlet:1")
            .assertSuccess();

    assertThat(run.stdout()).contains("Copied 3 referrers");
    assertThat(noApi.tags("mirror/figlet"))
        .contains("1", "sha256-" + image.digest().hex(), "sha256-" + image.digest().hex() + ".sig");
    assertThat(noApi.manifest("mirror/figlet", sbomSignature.digest().toString()))
        .contains(sbomSignature);
    CliRun listed = CliRun.of("referrers", noApi.host() + "/mirror/figlet:1").assertSuccess();
    assertThat(listed.stdout())
        .contains(
            sbom.digest().toString(),
            sbomSignature.digest().toString(),
            cosign.digest().toString());
  }

  @Test
  void copyReferrers_toALayout_isAUsageError() throws Exception {
    CliRun run = CliRun.of("copy", "--referrers", source.host() + "/figlet", "oci:/tmp/never");

    assertThat(run.exitCode()).isNotZero();
    assertThat(run.stderr()).contains("--referrers copies between registries only");
  }

  private static RawManifest artifact(String artifactType, RawManifest subject, String note) {
    String subjectField =
        subject == null
            ? ""
            : ",\"subject\":{\"mediaType\":\""
                + subject.mediaType().value()
                + "\",\"digest\":\""
                + subject.digest()
                + "\",\"size\":"
                + subject.size()
                + "}";
    String json =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + MediaType.OCI_IMAGE_MANIFEST.value()
            + "\",\"artifactType\":\""
            + artifactType
            + "\","
            + "\"config\":"
            + empty()
            + ",\"layers\":["
            + empty()
            + "]"
            + subjectField
            + ",\"annotations\":{\"note\":\""
            + note
            + "\"}}";
    return new RawManifest(Bytes.ofUtf8(json), MediaType.OCI_IMAGE_MANIFEST);
  }

  private static String empty() {
    return "{\"mediaType\":\""
        + MediaType.OCI_EMPTY.value()
        + "\",\"digest\":\""
        + Descriptor.EMPTY_JSON_CONTENT.sha256()
        + "\",\"size\":2}";
  }
}
