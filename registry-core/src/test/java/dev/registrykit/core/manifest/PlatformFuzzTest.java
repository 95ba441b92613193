package dev.registrykit.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * {@link Platform#parse} and {@link MediaType#parse} throw only IllegalArgumentException, and
 * parsed platforms round-trip.
 */
class PlatformFuzzTest {

  @FuzzTest(maxDuration = "20s")
  void parse_arbitraryText_onlyThrowsIllegalArgument(byte[] input) {
    String s = new String(input, StandardCharsets.UTF_8);
    try {
      Platform p = Platform.parse(s);
      assertThat(Platform.parse(p.toString())).isEqualTo(p);
      assertThat(p.satisfies(p)).isTrue();
    } catch (IllegalArgumentException expected) {
      // the documented failure
    }
    try {
      MediaType t = MediaType.parse(s);
      assertThat(MediaType.parse(t.value())).isEqualTo(t);
    } catch (IllegalArgumentException expected) {
      // the documented failure
    }
  }
}
