package dev.registrykit.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.core.manifest.Platform;
import dev.registrykit.core.reference.ImageReference;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResolvedTagTest {

  @Test
  void of_image_chainsTagToManifestDigestToImageId() throws IOException {
    Image image = TestImages.image(Platform.LINUX_AMD64, 1, "s");
    ImageReference ref = ImageReference.parse("localhost:5000/figlet:1.0");

    SingleImage resolved = ResolvedTag.of(ref, image);

    assertThat(resolved.ref()).isEqualTo(ref);
    assertThat(resolved.manifestDigest()).isEqualTo(image.digest());
    assertThat(resolved.imageId()).isEqualTo(image.id());
    assertThat(resolved.pinned()).hasToString("localhost:5000/figlet:1.0@" + image.digest());
  }

  @Test
  void of_index_resolvesEveryPlatform() throws IOException {
    Image amd64 = TestImages.image(Platform.LINUX_AMD64, 1, "amd");
    Image arm64 = TestImages.image(Platform.parse("linux/arm64/v8"), 2, "arm");
    ImageIndex index = Images.index(List.of(amd64, arm64));

    ResolvedTag resolved = ResolvedTag.of(ImageReference.parse("alpine:3.19"), index);

    assertThat(resolved).isInstanceOf(MultiPlatform.class);
    MultiPlatform multi = (MultiPlatform) resolved;
    assertThat(multi.digest()).isEqualTo(index.digest());
    assertThat(multi.platforms())
        .extracting(Platform::toString)
        .containsExactly("linux/amd64", "linux/arm64/v8");
    assertThat(multi.images())
        .extracting(PlatformImage::imageId)
        .containsExactly(amd64.id(), arm64.id());
    assertThat(multi.imageFor(Platform.parse("linux/arm64")).orElseThrow().manifestDigest())
        .isEqualTo(arm64.digest());
    assertThat(multi.imageFor(Platform.parse("windows/amd64"))).isEmpty();
  }
}
