package dev.registrykit.client.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.client.BlobResult;
import dev.registrykit.client.RegistryClient;
import dev.registrykit.client.config.RetryPolicy;
import dev.registrykit.core.build.BuiltLayer;
import dev.registrykit.core.build.ImageBuilder;
import dev.registrykit.core.build.LayerBuilder;
import dev.registrykit.core.image.Image;
import dev.registrykit.core.manifest.Platform;
import dev.registrykit.core.reference.Registry;
import dev.registrykit.testkit.FakeRegistry;
import dev.registrykit.testkit.fixtures.GeneratedImage;
import dev.registrykit.testkit.fixtures.RandomImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image built on a base read from a registry remembers where the base's layers live: pushed to
 * the same registry, they are mounted from the base's repository, not downloaded and uploaded
 * again, with no mount source named by the caller.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BaseLayerMountTest {

  @Test
  void push_imageBuiltOnRemoteBase_sameRegistry_mountsBaseLayersUploadsOnlyTheNewOne(
      @TempDir Path tmp) throws IOException {
    try (FakeRegistry fake = FakeRegistry.builder().start();
        RegistryClient client =
            RegistryClient.builder()
                .plainHttp(Registry.parse(fake.host()))
                .retryPolicy(RetryPolicy.none())
                .build()) {
      GeneratedImage base = RandomImages.image(31, 3, 4096);
      base.pushTo(fake, "team/base", "v1");
      Image remoteBase = Remote.image(client, fake.reference("team/base:v1"), Platform.LINUX_AMD64);
      Files.writeString(tmp.resolve("app.txt"), "the application");
      BuiltLayer added =
          LayerBuilder.builder()
              .addFile(tmp.resolve("app.txt"), "/app/app.txt")
              .writeTo(tmp.resolve("app.tgz"));
      Image app = ImageBuilder.from(remoteBase).addLayer(added, "COPY app.txt /app/").build();
      fake.clearRequests();

      PushResult pushed =
          Remote.push(client, app, fake.reference("team/app:v1"), TransferOptions.defaults());

      var config = app.manifest().config().digest();
      assertThat(pushed.blobs())
          .filteredOn(b -> !b.digest().equals(added.digest()) && !b.digest().equals(config))
          .hasSize(3)
          .allSatisfy(
              b -> {
                assertThat(b.outcome()).isEqualTo(BlobResult.Outcome.MOUNTED);
                assertThat(b.mountedFrom()).contains(fake.repository("team/base"));
              });
      assertThat(pushed.blobs())
          .filteredOn(b -> b.digest().equals(added.digest()))
          .singleElement()
          .satisfies(b -> assertThat(b.outcome()).isEqualTo(BlobResult.Outcome.PUSHED));
      // No base layer travelled: nothing was read from the base repository's blobs.
      assertThat(fake.requests())
          .noneMatch(r -> r.method().equals("GET") && r.path().startsWith("/v2/team/base/blobs/"));
    }
  }
}
