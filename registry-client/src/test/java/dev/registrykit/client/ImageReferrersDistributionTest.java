package dev.registrykit.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.client.referrers.ImageReferrers;
import dev.registrykit.client.referrers.Referrer;
import dev.registrykit.client.referrers.ReferrerFilter;
import dev.registrykit.client.remote.TransferOptions;
import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.manifest.MediaType;
import dev.registrykit.core.manifest.RawManifest;
import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.core.reference.Repository;
import dev.registrykit.core.reference.Tag;
import dev.registrykit.testkit.FakeRegistry;
import dev.registrykit.testkit.fixtures.GeneratedImage;
import dev.registrykit.testkit.fixtures.RandomImages;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Copies that keep what refers to the image: an image with a cosign-tag signature and an SBOM (with
 * its own signature) listed through the referrers API, copied from the fake (referrers API) to the
 * real Distribution registry (no referrers API: the fallback tag) and back to another fake, every
 * digest identical.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ImageReferrersDistributionTest extends PlainDistributionTestBase {
  private static final String REPO = "signed/app";
  private static final String SBOM_TYPE = "application/spdx+json";
  private static final String SIG_TYPE = "application/vnd.dev.cosign.artifact.sig.v1+json";

  private record Signed(
      GeneratedImage image,
      RawManifest sbom,
      RawManifest sbomSignature,
      RawManifest cosignSignature) {}

  @Test
  void copy_fakeToDistributionAndBack_keepsEveryReferrerWithIdenticalDigests() throws IOException {
    try (FakeRegistry origin = FakeRegistry.builder().referrers(true).start();
        FakeRegistry back = FakeRegistry.builder().referrers(true).start();
        RegistryClient originClient = TestClients.plain(origin.registry()).build();
        RegistryClient backClient = TestClients.plain(back.registry()).build()) {
      Signed signed = signedImage(origin);

      ImageReferrers.CopyResult there =
          ImageReferrers.copy(
              originClient,
              origin.reference(REPO + ":v1"),
              client,
              ImageReference.parse(registry.hostPort() + "/mirror/app:v1"),
              TransferOptions.defaults(),
              ReferrerFilter.ALL);
      ImageReferrers.CopyResult again =
          ImageReferrers.copy(
              client,
              ImageReference.parse(registry.hostPort() + "/mirror/app:v1"),
              backClient,
              back.reference("returned/app:v1"),
              TransferOptions.defaults(),
              ReferrerFilter.ALL);

      Set<Digest> expected =
          Set.of(
              signed.sbom().digest(),
              signed.sbomSignature().digest(),
              signed.cosignSignature().digest());
      assertThat(there.referrerCount()).isEqualTo(3);
      assertThat(digests(there.referrers())).isEqualTo(expected);
      assertThat(again.image().manifestDigest()).isEqualTo(signed.image().digest());
      // Distribution has no referrers API: the SBOM is listed through the fallback tag the copy
      // wrote
      Repository mirror = Repository.parse(registry.hostPort() + "/mirror/app");
      assertThat(client.listTags(mirror))
          .extracting(Tag::toString)
          .contains(
              "v1",
              "sha256-" + signed.image().digest().hex(),
              "sha256-" + signed.image().digest().hex() + ".sig");
      List<Referrer> onDistribution =
          ImageReferrers.list(client, mirror.tag(Tag.parse("v1")), ReferrerFilter.ALL);
      assertThat(digests(onDistribution)).isEqualTo(expected);
      // and back on a registry with the API, the same tree, found the same way
      List<Referrer> returned =
          ImageReferrers.list(backClient, back.reference("returned/app:v1"), ReferrerFilter.ALL);
      assertThat(tree(returned))
          .isEqualTo(
              tree(
                  ImageReferrers.list(
                      originClient, origin.reference(REPO + ":v1"), ReferrerFilter.ALL)));
      assertThat(back.manifest("returned/app", signed.sbomSignature().digest().toString()))
          .contains(signed.sbomSignature());
      assertThat(back.manifest("returned/app", "sha256-" + signed.image().digest().hex() + ".sig"))
          .contains(signed.cosignSignature());
    }
  }

  @Test
  void copy_withArtifactTypeFilter_bringsOnlyThatType() throws IOException {
    try (FakeRegistry origin = FakeRegistry.builder().referrers(true).start();
        RegistryClient originClient = TestClients.plain(origin.registry()).build()) {
      Signed signed = signedImage(origin);

      ImageReferrers.CopyResult result =
          ImageReferrers.copy(
              originClient,
              origin.reference(REPO + ":v1"),
              client,
              ImageReference.parse(registry.hostPort() + "/sbom-only/app:v1"),
              TransferOptions.defaults(),
              ReferrerFilter.artifactTypes(List.of(SBOM_TYPE)));

      assertThat(digests(result.referrers())).containsExactly(signed.sbom().digest());
      Repository target = Repository.parse(registry.hostPort() + "/sbom-only/app");
      assertThat(client.headManifest(target.digest(signed.sbomSignature().digest()))).isEmpty();
      assertThat(client.listTags(target))
          .extracting(Tag::toString)
          .doesNotContain("sha256-" + signed.image().digest().hex() + ".sig");
    }
  }

  /**
   * An image on the fake with an SBOM (referrers API), a signature of the SBOM, and a cosign-tag
   * signature.
   */
  private static Signed signedImage(FakeRegistry fake) throws IOException {
    GeneratedImage image = RandomImages.image(41, 2, 3000);
    image.pushTo(fake, REPO, "v1");
    fake.putBlob(REPO, Descriptor.EMPTY_JSON_CONTENT);
    RawManifest sbom = TestImages.referrer(image.manifest(), SBOM_TYPE, "sbom");
    RawManifest sbomSignature = TestImages.referrer(sbom, SIG_TYPE, "signature of the sbom");
    fake.putManifest(REPO, sbom);
    fake.putManifest(REPO, sbomSignature);
    Bytes payload =
        Bytes.ofUtf8(
            "{\"critical\":{\"image\":{\"docker-manifest-digest\":\"" + image.digest() + "\"}}}");
    fake.putBlob(REPO, payload);
    RawManifest cosign =
        new RawManifest(
            Bytes.ofUtf8(
                "{\"schemaVersion\":2,\"mediaType\":\""
                    + MediaType.OCI_IMAGE_MANIFEST.value()
                    + "\","
                    + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
                    + Descriptor.EMPTY_JSON_CONTENT.sha256()
                    + "\",\"size\":2},"
                    + "\"layers\":[{\"mediaType\":\"application/vnd.dev.cosign.simplesigning.v1+json\",\"digest\":\""
                    + payload.sha256()
                    + "\",\"size\":"
                    + payload.size()
                    + ",\"annotations\":{\"dev.cosignproject.cosign/signature\":\"MEUCIQ\"}}]}"),
            MediaType.OCI_IMAGE_MANIFEST);
    fake.putManifest(REPO, cosign, "sha256-" + image.digest().hex() + ".sig");
    return new Signed(image, sbom, sbomSignature, cosign);
  }

  private static Set<Digest> digests(List<Referrer> roots) {
    return roots.stream()
        .flatMap(r -> r.flatten().stream())
        .map(Referrer::digest)
        .collect(Collectors.toSet());
  }

  /**
   * Subject, digest, artifact type and cosign tag of every node: what must survive a round trip.
   */
  private static Set<String> tree(List<Referrer> roots) {
    return roots.stream()
        .flatMap(r -> r.flatten().stream())
        .map(
            r ->
                r.subject()
                    + " <- "
                    + r.digest()
                    + " "
                    + r.artifactType()
                    + " "
                    + r.cosignTag().map(Tag::toString).orElse("-"))
        .collect(Collectors.toSet());
  }
}
