package dev.registrykit.core.distribution;

import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a registry error body: {@code {"code":…,"message":…,"detail":…}}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param code the error code ({@link ErrorCode#UNKNOWN} for codes this library does not know)
 * @param wireCode the code exactly as the registry sent it, e.g. {@code BLOB_UNKNOWN} or an unknown
 *     one
 * @param message the human-readable message, possibly empty
 * @param detail the {@code detail} member as compact JSON text, if present (any JSON value)
 */
public record RegistryError(
    ErrorCode code, String wireCode, String message, Optional<String> detail) {
  /** Validates the components. */
  public RegistryError {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(wireCode, "wireCode");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(detail, "detail");
  }

  /** An error with a known code, a message and no detail. */
  public static RegistryError of(ErrorCode code, String message) {
    return new RegistryError(code, code.wireName(), message, Optional.empty());
  }

  /**
   * An error with a known code, a message and a detail given as JSON text.
   *
   * @throws IllegalArgumentException when {@code detailJson} is not one JSON value
   */
  public static RegistryError of(ErrorCode code, String message, String detailJson) {
    return new RegistryError(
        code, code.wireName(), message, Optional.of(ErrorBodies.normalize(detailJson)));
  }

  /** {@code CODE: message}. */
  @Override
  public String toString() {
    return wireCode + (message.isEmpty() ? "" : ": " + message);
  }
}
