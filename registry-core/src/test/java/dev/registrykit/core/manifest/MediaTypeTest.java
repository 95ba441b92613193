package dev.registrykit.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MediaTypeTest {

  @Test
  void predicates_classifyKnownTypes() {
    assertThat(MediaType.OCI_IMAGE_INDEX.isIndex()).isTrue();
    assertThat(MediaType.DOCKER_MANIFEST_LIST.isIndex()).isTrue();
    assertThat(MediaType.OCI_IMAGE_MANIFEST.isImageManifest()).isTrue();
    assertThat(MediaType.DOCKER_MANIFEST_V2.isImageManifest()).isTrue();
    assertThat(MediaType.DOCKER_MANIFEST_V2.isManifest()).isTrue();
    assertThat(MediaType.OCI_CONFIG.isManifest()).isFalse();
    assertThat(MediaType.OCI_CONFIG.isConfig()).isTrue();
    assertThat(MediaType.DOCKER_CONFIG.isConfig()).isTrue();
    assertThat(MediaType.OCI_LAYER.isLayer()).isTrue();
    assertThat(MediaType.OCI_LAYER.isGzip()).isFalse();
    assertThat(MediaType.OCI_LAYER_GZIP.isGzip()).isTrue();
    assertThat(MediaType.DOCKER_LAYER_GZIP.isGzip()).isTrue();
    assertThat(MediaType.OCI_LAYER_ZSTD.isZstd()).isTrue();
    assertThat(MediaType.OCI_LAYER_ZSTD.isGzip()).isFalse();
    assertThat(MediaType.DOCKER_FOREIGN_LAYER_GZIP.isLayer()).isTrue();
    assertThat(MediaType.DOCKER_FOREIGN_LAYER_GZIP.isDistributable()).isFalse();
    assertThat(MediaType.OCI_LAYER_NONDISTRIBUTABLE_GZIP.isDistributable()).isFalse();
    assertThat(MediaType.OCI_LAYER_GZIP.isDistributable()).isTrue();
    assertThat(MediaType.OCI_EMPTY.isLayer()).isFalse();
    assertThat(MediaType.OCI_EMPTY.isDistributable()).isTrue();
    assertThat(MediaType.MANIFEST_ACCEPT).allMatch(MediaType::isManifest).hasSize(4);
  }

  @Test
  void unknownType_isKeptVerbatim() {
    MediaType t = MediaType.of("application/vnd.Example.Thing+json");

    assertThat(t.value()).isEqualTo("application/vnd.Example.Thing+json");
    assertThat(t.isManifest()).isFalse();
    assertThat(t.isLayer()).isFalse();
    assertThat(t).hasToString("application/vnd.Example.Thing+json");
  }

  @Test
  void parse_contentTypeHeader_dropsParametersAndCase() {
    assertThat(MediaType.parse(" Application/JSON; charset=utf-8"))
        .isEqualTo(MediaType.APPLICATION_JSON);
    assertThat(MediaType.parse("application/vnd.oci.image.index.v1+json"))
        .isEqualTo(MediaType.OCI_IMAGE_INDEX);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a b", "a/b;c=d", "a\nb", "a/b,c/d"})
  void constructor_invalid_throws(String value) {
    assertThatThrownBy(() -> MediaType.of(value)).isInstanceOf(IllegalArgumentException.class);
  }
}
