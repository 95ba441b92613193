package dev.registrykit.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageIdTest {
  private static final String HEX =
      "3f5ef9003cef2b6b3e1a5e5f6c4f0a4a9d1d3b4a1e2f3a4b5c6d7e8f90a1b2c3";

  @Test
  void shortForm_isTwelveHexLikeDockerImageLs() {
    ImageId id = ImageId.parse("sha256:" + HEX);

    assertThat(id.shortForm()).isEqualTo("3f5ef9003cef");
    assertThat(id).hasToString("sha256:" + HEX);
    assertThat(ImageId.parse(id.toString())).isEqualTo(id);
  }

  @Test
  void matchesPrefix_acceptsHexOrAlgorithmPrefixed() {
    ImageId id = ImageId.parse("sha256:" + HEX);

    assertThat(id.matchesPrefix("3f5e")).isTrue();
    assertThat(id.matchesPrefix("sha256:3f5ef9")).isTrue();
    assertThat(id.matchesPrefix("sha256:")).isFalse();
    assertThat(id.matchesPrefix("")).isFalse();
    assertThat(id.matchesPrefix("3f5f")).isFalse();
  }
}
