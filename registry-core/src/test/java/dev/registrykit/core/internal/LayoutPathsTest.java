package dev.registrykit.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.core.digest.Digest;
import org.junit.jupiter.api.Test;

class LayoutPathsTest {
  @Test
  void blob_sha256Digest_pathUnderItsAlgorithm() {
    Digest digest = Digest.parse("sha256:" + "ab".repeat(32));

    assertThat(LayoutPaths.blob(digest)).isEqualTo("blobs/sha256/" + "ab".repeat(32));
  }
}
