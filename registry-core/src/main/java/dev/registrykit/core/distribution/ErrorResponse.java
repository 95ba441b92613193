package dev.registrykit.core.distribution;

import dev.registrykit.core.digest.Bytes;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A registry error body, {@code {"errors":[{"code":…,"message":…,"detail":…}, …]}}.
 *
 * <p>Immutable and thread-safe. {@link #parse(Bytes)} is lenient and never throws: a body that is
 * not the spec's JSON (an HTML error page from a proxy, a truncated body) yields no errors, and an
 * entry without a usable code yields {@link ErrorCode#UNKNOWN}, so callers can always fall back to
 * the HTTP status.
 *
 * @param errors the entries, in body order
 * @see <a
 *     href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#error-codes">distribution-spec,
 *     error codes</a>
 */
public record ErrorResponse(List<RegistryError> errors) {
  /** Copies the list. */
  public ErrorResponse {
    errors = List.copyOf(errors);
  }

  /** A body with the given entries. */
  public static ErrorResponse of(RegistryError... errors) {
    return new ErrorResponse(List.of(errors));
  }

  /** A body with one entry. */
  public static ErrorResponse of(ErrorCode code, String message) {
    return of(RegistryError.of(code, message));
  }

  /** Parses a body leniently; see the class documentation. Never throws. */
  public static ErrorResponse parse(Bytes body) {
    Objects.requireNonNull(body, "body");
    return new ErrorResponse(ErrorBodies.parse(body.toByteArray()));
  }

  /** Parses a body given as text leniently. Never throws. */
  public static ErrorResponse parse(String body) {
    Objects.requireNonNull(body, "body");
    return parse(Bytes.ofUtf8(body));
  }

  /** The body as compact JSON, UTF-8. */
  public Bytes encode() {
    return ErrorBodies.encode(errors);
  }

  /** Whether some entry has {@code code}. */
  public boolean hasCode(ErrorCode code) {
    return errors.stream().anyMatch(e -> e.code() == code);
  }

  /** Whether there are no entries. */
  public boolean isEmpty() {
    return errors.isEmpty();
  }

  /** The entries as {@code CODE: message; CODE: message}, for exception messages. */
  public String summary() {
    return errors.stream().map(RegistryError::toString).collect(Collectors.joining("; "));
  }
}
