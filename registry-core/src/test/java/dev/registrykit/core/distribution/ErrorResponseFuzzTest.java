package dev.registrykit.core.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.registrykit.core.digest.Bytes;

/**
 * Arbitrary error bodies never make {@link ErrorResponse#parse(Bytes)} throw, and parsed bodies
 * re-encode.
 */
class ErrorResponseFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void parse_arbitraryBytes_neverThrows(byte[] input) {
    ErrorResponse r = ErrorResponse.parse(Bytes.of(input));

    assertThat(ErrorResponse.parse(r.encode())).isEqualTo(r);
  }
}
