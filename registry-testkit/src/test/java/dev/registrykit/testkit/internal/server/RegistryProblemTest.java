package dev.registrykit.testkit.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.core.distribution.ErrorCode;
import dev.registrykit.core.distribution.ErrorResponse;
import dev.registrykit.core.distribution.RegistryError;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegistryProblemTest {
  @Test
  void json_oneEntry_specBodyWithoutDetail() {
    RegistryProblem problem =
        RegistryProblem.of(404, ErrorCode.BLOB_UNKNOWN, "blob unknown to registry");

    assertThat(problem.json())
        .isEqualTo(
            "{\"errors\":[{\"code\":\"BLOB_UNKNOWN\",\"message\":\"blob unknown to registry\"}]}");
  }

  @Test
  void json_severalEntriesWithTextDetail_parsesBackThroughCore() {
    String digest = "sha256:" + "a".repeat(64);
    RegistryProblem problem =
        new RegistryProblem(
            400,
            List.of(
                new RegistryProblem.Entry(
                    ErrorCode.MANIFEST_BLOB_UNKNOWN, "blob unknown to registry", digest),
                new RegistryProblem.Entry(ErrorCode.MANIFEST_INVALID, "say \"why\"", "")));

    ErrorResponse parsed = ErrorResponse.parse(problem.json());

    assertThat(parsed.errors())
        .containsExactly(
            new RegistryError(
                ErrorCode.MANIFEST_BLOB_UNKNOWN,
                "MANIFEST_BLOB_UNKNOWN",
                "blob unknown to registry",
                Optional.of("\"" + digest + "\"")),
            new RegistryError(
                ErrorCode.MANIFEST_INVALID, "MANIFEST_INVALID", "say \"why\"", Optional.empty()));
    assertThat(problem.status()).isEqualTo(400);
    assertThat(problem.code()).isEqualTo(ErrorCode.MANIFEST_BLOB_UNKNOWN);
  }
}
