package dev.registrykit.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.core.digest.Bytes;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Round-trip properties over seeded random manifests; each case's name is its seed, for replay. */
class ManifestCodecPropertiesTest {
  private static final long BASE_SEED = 0x5eed_2026L;

  static Stream<Long> seeds() {
    return LongStream.range(0, 300).mapToObj(i -> BASE_SEED + i);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void encodeThenParse_anyManifest_givesEqualManifest(long seed) throws Exception {
    Manifest m = new ManifestGenerators(seed).manifest();

    RawManifest raw = ManifestCodec.encode(m);
    Manifest parsed = ManifestCodec.parse(raw);

    assertThat(parsed).as("seed %d: %s", seed, raw.bytes().utf8()).isEqualTo(m);
    assertThat(ManifestCodec.encode(parsed))
        .as("seed %d: encoding is deterministic", seed)
        .isEqualTo(raw);
    assertThat(ManifestCodec.parse(new RawManifest(raw.bytes(), MediaType.APPLICATION_JSON)))
        .as("seed %d: kind detection without content type", seed)
        .isEqualTo(m);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void encodeThenParse_anyConfig_givesEqualConfig(long seed) throws Exception {
    ImageConfig c = new ManifestGenerators(seed).config();

    Bytes bytes = ManifestCodec.encodeConfig(c);
    ImageConfig parsed = ManifestCodec.parseConfig(bytes);

    assertThat(parsed).as("seed %d: %s", seed, bytes.utf8()).isEqualTo(c);
    assertThat(ManifestCodec.encodeConfig(parsed)).as("seed %d", seed).isEqualTo(bytes);
  }
}
