package dev.registrykit.testkit.internal.server;

import dev.registrykit.core.distribution.ErrorCode;
import dev.registrykit.core.distribution.ErrorResponse;
import dev.registrykit.core.distribution.RegistryError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A failure a handler answers with: a status and one or more spec error codes, rendered as {@code
 * {"errors":[{"code":…,"message":…}]}} (ggcr {@code regError}) by core's {@link ErrorResponse}, the
 * same encoding clients parse.
 */
final class RegistryProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** One entry of the errors array. */
  record Entry(ErrorCode code, String message, String detail) {}

  private final int status;
  private final List<Entry> entries;
  private final Map<String, String> headers = new LinkedHashMap<>();

  RegistryProblem(int status, ErrorCode code, String message) {
    this(status, List.of(new Entry(code, message, "")));
  }

  RegistryProblem(int status, List<Entry> entries) {
    super(
        entries.isEmpty() ? "" : entries.get(0).code() + ": " + entries.get(0).message(),
        null,
        false,
        false);
    this.status = status;
    this.entries = List.copyOf(entries);
  }

  static RegistryProblem of(int status, ErrorCode code, String message) {
    return new RegistryProblem(status, code, message);
  }

  RegistryProblem header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  int status() {
    return status;
  }

  ErrorCode code() {
    return entries.get(0).code();
  }

  Map<String, String> headers() {
    return headers;
  }

  String json() {
    List<RegistryError> errors = new ArrayList<>();
    for (Entry e : entries) {
      // The detail is plain text here; the spec's detail member is any JSON value, so quote it.
      errors.add(
          e.detail().isEmpty()
              ? RegistryError.of(e.code(), e.message())
              : RegistryError.of(e.code(), e.message(), Json.write(e.detail())));
    }
    return new ErrorResponse(errors).encode().utf8();
  }
}
