package dev.registrykit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.registrykit.client.auth.Credential;
import dev.registrykit.client.auth.CredentialProviders;
import dev.registrykit.client.errors.ManifestNotFoundException;
import dev.registrykit.client.errors.RegistryException;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.manifest.RawManifest;
import dev.registrykit.core.reference.Repository;
import dev.registrykit.core.reference.Tag;
import dev.registrykit.testkit.AuthMode;
import dev.registrykit.testkit.FakeRegistry;
import dev.registrykit.testkit.Grant;
import dev.registrykit.testkit.Permission;
import dev.registrykit.testkit.RecordedExchange;
import dev.registrykit.testkit.fixtures.GeneratedImage;
import dev.registrykit.testkit.fixtures.RandomImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Deleting a manifest with a {@code subject}: without the referrers API the client removes its
 * entry from the fallback tag (spec "Deleting Manifests"); with the API it leaves tags alone.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FakeRegistryReferrersDeleteTest {
  private static final String REPO = "ref/app";

  private static final class Setup implements AutoCloseable {
    final FakeRegistry fake;
    final RegistryClient client;
    final Repository repository;
    final GeneratedImage image;
    final String fallbackTag;

    Setup(boolean referrersApi) throws IOException {
      fake = FakeRegistry.builder().referrers(referrersApi).start();
      client = TestClients.plain(fake.registry()).build();
      repository = fake.repository(REPO);
      image = RandomImages.image(11, 1, 100);
      image.pushTo(fake, REPO, "v1");
      fake.putBlob(REPO, Descriptor.EMPTY_JSON_CONTENT);
      fallbackTag = "sha256-" + image.digest().hex();
    }

    RawManifest pushReferrer(String note) throws IOException {
      RawManifest referrer =
          TestImages.referrer(image.manifest(), "application/vnd.example.sig", note);
      client.putManifest(repository.digest(referrer.digest()), referrer);
      return referrer;
    }

    List<Digest> referrers() throws IOException {
      return client.referrers(repository, image.digest()).stream().map(Descriptor::digest).toList();
    }

    List<RecordedExchange> writesTo(String reference) {
      return fake.requests().stream()
          .filter(e -> e.method().equals("PUT") && e.path().endsWith("/manifests/" + reference))
          .toList();
    }

    @Override
    public void close() throws IOException {
      client.close();
      fake.close();
    }
  }

  @Test
  void deleteManifest_referrerWithoutApi_removedFromFallbackIndex() throws IOException {
    try (Setup s = new Setup(false)) {
      RawManifest first = s.pushReferrer("one");
      RawManifest second = s.pushReferrer("two");
      assertThat(s.referrers()).containsExactly(first.digest(), second.digest());

      s.client.deleteManifest(s.repository.digest(first.digest()));

      assertThat(s.fake.manifest(REPO, first.digest().toString())).isEmpty();
      assertThat(s.referrers()).containsExactly(second.digest());
      String index =
          new String(
              s.fake.manifest(REPO, s.fallbackTag).orElseThrow().bytes().toByteArray(),
              StandardCharsets.UTF_8);
      assertThat(index)
          .doesNotContain(first.digest().toString())
          .contains(second.digest().toString());
    }
  }

  @Test
  void deleteManifest_lastReferrerWithoutApi_leavesAnEmptyFallbackIndex() throws IOException {
    try (Setup s = new Setup(false)) {
      RawManifest only = s.pushReferrer("only");

      s.client.deleteManifest(s.repository.digest(only.digest()));

      assertThat(s.referrers()).isEmpty();
      assertThat(s.fake.tags(REPO)).contains(s.fallbackTag);
    }
  }

  @Test
  void deleteManifest_referrerWithApi_noFallbackTagTouched() throws IOException {
    try (Setup s = new Setup(true)) {
      RawManifest referrer = s.pushReferrer("one");

      s.client.deleteManifest(s.repository.digest(referrer.digest()));

      assertThat(s.referrers()).isEmpty();
      assertThat(s.fake.tags(REPO)).containsExactly("v1");
      assertThat(s.writesTo(s.fallbackTag)).isEmpty();
    }
  }

  @Test
  void deleteManifest_withoutSubject_noReferrersRequests() throws IOException {
    try (Setup s = new Setup(false)) {
      s.pushReferrer("one");
      s.fake.clearRequests();

      s.client.deleteManifest(s.repository.digest(s.image.digest()));

      assertThat(s.fake.requests()).noneMatch(e -> e.path().contains("/referrers/"));
      assertThat(s.writesTo(s.fallbackTag)).isEmpty();
    }
  }

  @Test
  void deleteManifest_referrerNotInFallbackIndex_indexNotRewritten() throws IOException {
    try (Setup s = new Setup(false)) {
      RawManifest listed = s.pushReferrer("listed");
      // Stored behind the client's back, so the fallback index never listed it.
      RawManifest unlisted =
          TestImages.referrer(s.image.manifest(), "application/vnd.example.sig", "unlisted");
      s.fake.putManifest(REPO, unlisted);
      s.fake.clearRequests();

      s.client.deleteManifest(s.repository.digest(unlisted.digest()));

      assertThat(s.writesTo(s.fallbackTag)).isEmpty();
      assertThat(s.referrers()).containsExactly(listed.digest());
    }
  }

  @Test
  void deleteManifest_unknownDigest_notFoundAndNothingWritten() throws IOException {
    try (Setup s = new Setup(false)) {
      s.pushReferrer("one");
      s.fake.clearRequests();
      Digest unknown = Digest.parse("sha256:" + "0".repeat(64));

      assertThatThrownBy(() -> s.client.deleteManifest(s.repository.digest(unknown)))
          .isInstanceOf(ManifestNotFoundException.class);
      assertThat(s.fake.requests()).noneMatch(e -> e.method().equals("PUT"));
    }
  }

  @Test
  void deleteManifest_fallbackTagHoldsAnImage_failsSayingTheManifestWasDeleted()
      throws IOException {
    try (Setup s = new Setup(false)) {
      RawManifest referrer = s.pushReferrer("one");
      // Something else (not an index) now sits on the fallback tag.
      s.fake.putManifest(REPO, s.image.manifest(), s.fallbackTag);

      assertThatThrownBy(() -> s.client.deleteManifest(s.repository.digest(referrer.digest())))
          .isInstanceOf(RegistryException.class)
          .hasMessageContaining("was deleted")
          .hasMessageContaining(s.fallbackTag);
      assertThat(s.fake.manifest(REPO, referrer.digest().toString())).isEmpty();
    }
  }

  @Test
  void putManifest_fallbackTagHoldsAnImage_failsAndLeavesTheImage() throws IOException {
    try (Setup s = new Setup(false)) {
      s.fake.putManifest(REPO, s.image.manifest(), s.fallbackTag);
      RawManifest referrer =
          TestImages.referrer(s.image.manifest(), "application/vnd.example.sig", "one");

      assertThatThrownBy(
              () -> s.client.putManifest(s.repository.digest(referrer.digest()), referrer))
          .isInstanceOf(RegistryException.class)
          .hasMessageContaining("not an index");
      assertThat(s.fake.manifest(REPO, s.fallbackTag)).contains(s.image.manifest());
    }
  }

  @Test
  void deleteTag_onFallbackRegistry_stillOneDeleteAndNoReferrersRequests() throws IOException {
    try (Setup s = new Setup(false)) {
      s.client.putManifest(s.repository, s.image.manifest(), List.of(Tag.parse("v2")));
      s.fake.clearRequests();

      s.client.deleteTag(s.repository.tag(Tag.parse("v2")));

      assertThat(s.fake.tags(REPO)).containsExactly("v1");
      assertThat(s.fake.requests()).noneMatch(e -> e.path().contains("/referrers/"));
    }
  }

  @Test
  void deleteManifest_callerMayDeleteButNotPull_deletesWithoutTouchingTheFallbackTag()
      throws IOException {
    try (FakeRegistry fake =
            FakeRegistry.builder()
                .referrers(false)
                .auth(AuthMode.BASIC)
                .user("deleter", "s3cret", Grant.of(REPO, Permission.DELETE))
                .start();
        RegistryClient deleter =
            TestClients.plain(fake.registry())
                .credentials(
                    CredentialProviders.fixed(
                        fake.host(), Credential.usernamePassword("deleter", "s3cret")))
                .build()) {
      GeneratedImage image = RandomImages.image(12, 1, 100);
      image.pushTo(fake, REPO, "v1");
      fake.putBlob(REPO, Descriptor.EMPTY_JSON_CONTENT);
      RawManifest referrer =
          TestImages.referrer(image.manifest(), "application/vnd.example.sig", "sig");
      fake.putManifest(REPO, referrer);
      Repository repository = fake.repository(REPO);

      deleter.deleteManifest(repository.digest(referrer.digest()));

      assertThat(fake.manifest(REPO, referrer.digest().toString())).isEmpty();
      assertThat(fake.requests())
          .filteredOn(e -> e.path().endsWith("/manifests/" + referrer.digest()))
          .extracting(RecordedExchange::method, RecordedExchange::status)
          .containsExactly(tuple("GET", 403), tuple("DELETE", 202));
      assertThat(fake.requests())
          .noneMatch(e -> e.method().equals("PUT") || e.path().contains("/referrers/"));
    }
  }
}
