package dev.registrykit.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * skopeo copies a hand-written OCI layout into the real Distribution registry and inspects it back,
 * over plain HTTP, with basic auth and over HTTPS with the generated CA.
 */
@Timeout(180)
class SkopeoInteropTest {

  private static final PeerCredentials BOB = PeerCredentials.of("bob", "p@ss:w0rd");

  private static TestOciLayout layout;

  @BeforeAll
  static void layout(@TempDir Path dir) throws Exception {
    Peers.requireInstalled();
    layout = TestOciLayout.write(dir.resolve("layout"), "v1", "hello from RegistryKit\n");
  }

  @Test
  void copy_plainHttp_inspectShowsSameDigestAndManifest() throws Exception {
    try (DistributionRegistry registry = DistributionRegistry.startPlain()) {
      Skopeo skopeo = Skopeo.create();
      String image = registry.dockerReference("peers/plain:v1");
      skopeo.copy(layout.skopeoName(), image, SkopeoAccess.local(), SkopeoAccess.of(registry));

      SkopeoResult raw = skopeo.inspect(image, SkopeoAccess.of(registry), "--raw");
      assertThat(raw.stdout().getBytes(StandardCharsets.UTF_8)).isEqualTo(layout.manifestBytes);
      SkopeoResult summary = skopeo.inspect(image, SkopeoAccess.of(registry));
      assertThat(summary.stdout())
          .contains("\"Digest\": \"" + layout.manifestDigest + "\"")
          .contains(layout.layerDigest);
      assertThat(
              skopeo
                  .listTags(registry.dockerReference("peers/plain"), SkopeoAccess.of(registry))
                  .stdout())
          .contains("\"v1\"");
    }
  }

  @Test
  void copy_basicAuth_withCredsSucceedsAnonymousFailsWithoutLeakingPassword() throws Exception {
    try (DistributionRegistry registry = DistributionRegistry.builder().basicAuth(BOB).start()) {
      Skopeo skopeo = Skopeo.create();
      String image = registry.dockerReference("peers/auth:v1");
      SkopeoAccess withCreds = SkopeoAccess.of(registry);
      skopeo.copy(layout.skopeoName(), image, SkopeoAccess.local(), withCreds);

      assertThat(skopeo.inspect(image, withCreds).stdout()).contains(layout.manifestDigest);

      SkopeoAccess wrongPassword =
          withCreds.withCredentials(PeerCredentials.of("bob", "p@ss:wrong"));
      assertThatThrownBy(() -> skopeo.inspect(image, wrongPassword))
          .isInstanceOf(SkopeoException.class)
          .hasMessageContaining("--creds=***")
          .hasMessageNotContaining("p@ss:wrong");
      SkopeoAccess anonymous = withCreds.withoutCredentials();
      assertThatThrownBy(
              () ->
                  skopeo.copy(
                      layout.skopeoName(),
                      registry.dockerReference("peers/anon:v1"),
                      SkopeoAccess.local(),
                      anonymous))
          .isInstanceOf(SkopeoException.class)
          .satisfies(
              e ->
                  assertThat(((SkopeoException) e).result())
                      .hasValueSatisfying(r -> assertThat(r.exitCode()).isNotZero()));
    }
  }

  @Test
  void copy_bearerAuth_skopeoFetchesTokenWithCreds() throws Exception {
    try (DistributionRegistry registry = DistributionRegistry.builder().bearerAuth(BOB).start()) {
      Skopeo skopeo = Skopeo.create();
      String image = registry.dockerReference("peers/bearer:v1");
      SkopeoAccess withCreds = SkopeoAccess.of(registry);
      skopeo.copy(layout.skopeoName(), image, SkopeoAccess.local(), withCreds);

      assertThat(skopeo.inspect(image, withCreds).stdout()).contains(layout.manifestDigest);
      assertThat(skopeo.listTags(registry.dockerReference("peers/bearer"), withCreds).stdout())
          .contains("\"v1\"");
      assertThatThrownBy(() -> skopeo.inspect(image, withCreds.withoutCredentials()))
          .isInstanceOf(SkopeoException.class);
    }
  }

  @Test
  void copy_tlsWithCertDir_roundTripsBackToLayoutWithSameDigests(@TempDir Path out)
      throws Exception {
    try (DistributionRegistry registry = DistributionRegistry.builder().tls().start()) {
      Skopeo skopeo = Skopeo.create();
      String image = registry.dockerReference("peers/tls:v1");
      SkopeoAccess access = SkopeoAccess.of(registry);
      assertThat(access.certDirectory()).contains(registry.tls().orElseThrow().certDirectory());
      skopeo.copy(layout.skopeoName(), image, SkopeoAccess.local(), access);

      assertThat(skopeo.inspect(image, access).stdout()).contains(layout.manifestDigest);
      skopeo.copy(image, "oci:" + out + ":back", access, SkopeoAccess.local());
      assertThat(out.resolve("blobs/sha256/" + layout.manifestDigest.substring(7))).exists();
      assertThat(out.resolve("blobs/sha256/" + layout.layerDigest.substring(7))).exists();
      assertThat(out.resolve("blobs/sha256/" + layout.configDigest.substring(7))).exists();

      SkopeoAccess noCa = SkopeoAccess.https(out.resolve("no-such-dir"));
      assertThatThrownBy(() -> skopeo.inspect(image, noCa))
          .isInstanceOf(SkopeoException.class)
          .hasMessageContaining("certificate");
    }
  }
}
