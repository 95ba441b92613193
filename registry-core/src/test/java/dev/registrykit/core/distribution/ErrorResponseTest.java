package dev.registrykit.core.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.core.digest.Bytes;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ErrorResponseTest {

  @Test
  void parse_specBody_readsCodesMessagesAndDetail() {
    String body =
        "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\",\"detail\":{\"Tag\":\"latest\"}},"
            + "{\"code\":\"X_NEW\",\"message\":\"new\"}]}";

    ErrorResponse r = ErrorResponse.parse(body);

    assertThat(r.errors()).hasSize(2);
    assertThat(r.errors().get(0).code()).isEqualTo(ErrorCode.MANIFEST_UNKNOWN);
    assertThat(r.errors().get(0).message()).isEqualTo("manifest unknown");
    assertThat(r.errors().get(0).detail()).contains("{\"Tag\":\"latest\"}");
    assertThat(r.errors().get(1).code()).isEqualTo(ErrorCode.UNKNOWN);
    assertThat(r.errors().get(1).wireCode()).isEqualTo("X_NEW");
    assertThat(r.hasCode(ErrorCode.MANIFEST_UNKNOWN)).isTrue();
    assertThat(r.summary()).isEqualTo("MANIFEST_UNKNOWN: manifest unknown; X_NEW: new");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "<html>502 Bad Gateway</html>",
        "{",
        "[]",
        "{\"errors\":1}",
        "null",
        "{\"errors\":[1,{}]} trailing"
      })
  void parse_garbage_neverThrows(String body) {
    ErrorResponse r = ErrorResponse.parse(body);

    assertThat(r.errors()).allSatisfy(e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN));
  }

  @Test
  void parse_entriesWithoutCode_becomeUnknown() {
    ErrorResponse r = ErrorResponse.parse("{\"errors\":[1,{\"message\":\"m\"}]}");

    assertThat(r.errors())
        .extracting(RegistryError::code)
        .containsExactly(ErrorCode.UNKNOWN, ErrorCode.UNKNOWN);
    assertThat(r.errors().get(1).message()).isEqualTo("m");
  }

  @Test
  void encode_thenParse_roundTrips() {
    ErrorResponse r =
        ErrorResponse.of(
            RegistryError.of(
                ErrorCode.BLOB_UNKNOWN,
                "blob unknown to registry",
                " {\"digest\": \"sha256:00\"} "),
            RegistryError.of(ErrorCode.DENIED, ""));

    Bytes encoded = r.encode();

    assertThat(encoded.utf8())
        .isEqualTo(
            "{\"errors\":[{\"code\":\"BLOB_UNKNOWN\",\"message\":\"blob unknown to registry\",\"detail\":{\"digest\":\"sha256:00\"}},"
                + "{\"code\":\"DENIED\",\"message\":\"\"}]}");
    assertThat(ErrorResponse.parse(encoded)).isEqualTo(r);
    assertThat(r.errors().get(1).detail()).isEqualTo(Optional.empty());
  }

  @Test
  void parse_hugeBody_isIgnored() {
    String huge =
        "{\"errors\":[{\"code\":\"DENIED\",\"message\":\""
            + "x".repeat(ErrorBodies.MAX_BODY)
            + "\"}]}";

    assertThat(ErrorResponse.parse(huge).isEmpty()).isTrue();
  }
}
