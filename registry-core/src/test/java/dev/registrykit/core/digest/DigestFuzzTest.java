package dev.registrykit.core.digest;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Jazzer fuzz test: any string is a digest that round-trips or an {@link InvalidDigestException};
 * {@code tryParse} agrees. The corpus under {@code DigestFuzzTestInputs} runs in every build.
 */
class DigestFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void parse_anyBytes_roundTripsOrThrowsInvalidDigest(byte[] data) {
    String input = new String(data, StandardCharsets.UTF_8);
    Digest digest;
    try {
      digest = Digest.parse(input);
    } catch (InvalidDigestException expected) {
      assertThat(Digest.tryParse(input)).isEmpty();
      return;
    }
    assertThat(digest).hasToString(input);
    assertThat(Digest.parse(digest.toString())).isEqualTo(digest);
    assertThat(Digest.tryParse(input)).contains(digest);
  }
}
