package dev.registrykit.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.registrykit.core.digest.Bytes;

/**
 * Fuzzes the parsers: arbitrary bytes either parse (and then re-encode to an equal value) or throw
 * {@link InvalidManifestException}; nothing else escapes. The seed corpus under {@code
 * ManifestCodecFuzzTestInputs/} runs in every build; {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class ManifestCodecFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void parse_arbitraryBytes_onlyThrowsInvalidManifest(byte[] input) throws Exception {
    Bytes bytes = Bytes.of(input);
    for (MediaType type :
        new MediaType[] {
          MediaType.APPLICATION_JSON, MediaType.OCI_IMAGE_MANIFEST, MediaType.DOCKER_MANIFEST_LIST
        }) {
      Manifest m;
      try {
        m = ManifestCodec.parse(new RawManifest(bytes, type));
      } catch (InvalidManifestException expected) {
        continue;
      }
      assertThat(ManifestCodec.parse(ManifestCodec.encode(m))).isEqualTo(m);
    }
    try {
      RawManifest.of(bytes);
    } catch (InvalidManifestException expected) {
      // fine
    }
  }

  @FuzzTest(maxDuration = "30s")
  void parseConfig_arbitraryBytes_onlyThrowsInvalidManifest(byte[] input) throws Exception {
    ImageConfig c;
    try {
      c = ManifestCodec.parseConfig(Bytes.of(input));
    } catch (InvalidManifestException expected) {
      return;
    }
    assertThat(ManifestCodec.parseConfig(ManifestCodec.encodeConfig(c))).isEqualTo(c);
  }
}
