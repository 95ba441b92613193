package dev.registrykit.testkit.internal.server;

import dev.registrykit.core.distribution.ErrorCode;
import dev.registrykit.testkit.internal.storage.StoredContent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a handler answers, before faults and before it is written: a status, headers, and either a
 * body or (for {@code HEAD}) the length the body would have.
 */
final class Reply {
  final int status;

  /** Name and value pairs, in order; a name may repeat. */
  final List<String[]> headers = new ArrayList<>();

  @Nullable StoredContent body;
  long headLength = -1;
  @Nullable ErrorCode errorCode;

  private Reply(int status) {
    this.status = status;
  }

  static Reply status(int status) {
    return new Reply(status);
  }

  static Reply json(int status, String json) {
    return status(status)
        .body(StoredContent.of(json.getBytes(StandardCharsets.UTF_8)), "application/json");
  }

  static Reply problem(RegistryProblem problem) {
    Reply r = json(problem.status(), problem.json());
    problem.headers().forEach(r::header);
    r.errorCode = problem.code();
    return r;
  }

  /** Distribution's answer for a route it does not serve: plain text, no JSON. */
  static Reply plainNotFound() {
    return status(404)
        .body(
            StoredContent.of("404 page not found\n".getBytes(StandardCharsets.UTF_8)),
            "text/plain; charset=utf-8");
  }

  Reply header(String name, String value) {
    headers.add(new String[] {name, value});
    return this;
  }

  Reply setHeader(String name, String value) {
    headers.removeIf(h -> h[0].equalsIgnoreCase(name));
    return header(name, value);
  }

  Reply body(StoredContent content, String contentType) {
    this.body = content;
    setHeader("Content-Type", contentType);
    return this;
  }

  /** For {@code HEAD}: the headers of a body of {@code length} bytes, without the body. */
  Reply headOf(long length, String contentType) {
    this.headLength = length;
    setHeader("Content-Type", contentType);
    return this;
  }

  Optional<ErrorCode> errorCode() {
    return Optional.ofNullable(errorCode);
  }

  boolean hasBody() {
    return body != null && body.size() > 0;
  }
}
