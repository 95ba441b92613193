package dev.registrykit.client.errors;

import dev.registrykit.core.distribution.ErrorCode;
import dev.registrykit.core.distribution.RegistryError;
import java.util.List;
import java.util.Objects;

/**
 * The registry answered with an error status: carries the HTTP status, the registry's error codes
 * from the {@code {"errors":[…]}} body (empty when the body was not one, e.g. Distribution's {@code
 * text/plain} 404 for unknown routes) and the operation.
 *
 * <p>Messages are actionable for the common cases (unauthorized, denied, not found, rate limited)
 * and never contain credentials.
 *
 * @see <a
 *     href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#error-codes">spec:
 *     error codes</a>
 */
public class RegistryErrorResponseException extends RegistryException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final transient List<RegistryError> errors;

  /**
   * Creates the exception.
   *
   * @param operation the operation, e.g. {@code GET manifest localhost:5000/a:b}
   * @param status the HTTP status code
   * @param errors the registry's errors, possibly empty
   * @param message the explanation, including what to do about it where possible
   */
  public RegistryErrorResponseException(
      String operation, int status, List<RegistryError> errors, String message) {
    super(operation, message);
    this.status = status;
    this.errors = List.copyOf(Objects.requireNonNull(errors, "errors"));
  }

  /** The HTTP status code of the response. */
  public int status() {
    return status;
  }

  /** The registry's errors in the order it listed them; empty when the body held none. */
  public List<RegistryError> errors() {
    return errors == null ? List.of() : errors;
  }

  /** Whether the registry reported {@code code}. */
  public boolean hasCode(ErrorCode code) {
    return errors().stream().anyMatch(e -> e.code() == code);
  }

  /**
   * Whether trying again later may succeed: 429, 502, 503, 504, or every error code the registry
   * sent is temporary ({@link ErrorCode#isTemporary()}).
   */
  public boolean isTemporary() {
    if (status == 429 || status == 502 || status == 503 || status == 504) {
      return true;
    }
    return !errors().isEmpty() && errors().stream().allMatch(e -> e.code().isTemporary());
  }
}
