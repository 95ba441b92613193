package dev.registrykit.core.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ErrorCodeTest {

  @ParameterizedTest
  @EnumSource(ErrorCode.class)
  void fromWire_wireName_roundTrips(ErrorCode code) {
    assertThat(ErrorCode.fromWire(code.wireName())).isEqualTo(code);
    assertThat(code.wireName()).matches("[A-Z_]+");
  }

  @Test
  void fromWire_unknownOrSloppy_mapsSensibly() {
    assertThat(ErrorCode.fromWire("SOMETHING_NEW")).isEqualTo(ErrorCode.UNKNOWN);
    assertThat(ErrorCode.fromWire("")).isEqualTo(ErrorCode.UNKNOWN);
    assertThat(ErrorCode.fromWire(" blob_unknown ")).isEqualTo(ErrorCode.BLOB_UNKNOWN);
  }

  @Test
  void httpStatus_matchesSpecPairs() {
    assertThat(ErrorCode.BLOB_UNKNOWN.httpStatus()).isEqualTo(404);
    assertThat(ErrorCode.MANIFEST_UNKNOWN.httpStatus()).isEqualTo(404);
    assertThat(ErrorCode.DIGEST_INVALID.httpStatus()).isEqualTo(400);
    assertThat(ErrorCode.UNAUTHORIZED.httpStatus()).isEqualTo(401);
    assertThat(ErrorCode.DENIED.httpStatus()).isEqualTo(403);
    assertThat(ErrorCode.UNSUPPORTED.httpStatus()).isEqualTo(405);
    assertThat(ErrorCode.RANGE_INVALID.httpStatus()).isEqualTo(416);
    assertThat(ErrorCode.TOOMANYREQUESTS.httpStatus()).isEqualTo(429);
    assertThat(ErrorCode.UNAVAILABLE.httpStatus()).isEqualTo(503);
  }

  @Test
  void isTemporary_onlyRateLimitAndUnavailable() {
    assertThat(Arrays.stream(ErrorCode.values()).filter(ErrorCode::isTemporary))
        .containsExactlyInAnyOrder(ErrorCode.TOOMANYREQUESTS, ErrorCode.UNAVAILABLE);
  }
}
