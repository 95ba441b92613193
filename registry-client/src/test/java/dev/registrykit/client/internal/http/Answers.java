package dev.registrykit.client.internal.http;

import dev.registrykit.client.transport.HttpHeaders;
import dev.registrykit.client.transport.HttpResponse;
import dev.registrykit.client.transport.RequestBody;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The rest of a pipeline, scripted, for one step's unit tests: answers each call with the next
 * scripted answer and records the calls it got.
 */
final class Answers implements Step.Chain {
  /** One scripted answer. */
  @FunctionalInterface
  interface Answer {
    HttpResponse to(Call call) throws IOException;
  }

  final List<Call> calls = new ArrayList<>();
  private final Deque<Answer> script = new ArrayDeque<>();

  Answers then(Answer answer) {
    script.add(answer);
    return this;
  }

  /** Answers {@code status} with {@code headers} (name, value, …) and {@code body}. */
  Answers then(int status, String body, String... headers) {
    return then(call -> response(call, status, body, headers));
  }

  Answers thenFail(IOException failure) {
    return then(
        call -> {
          throw failure;
        });
  }

  @Override
  public HttpResponse proceed(Call call) throws IOException {
    calls.add(call);
    Answer next = script.size() == 1 ? script.peek() : script.poll();
    if (next == null) {
      throw new AssertionError("no answer scripted for " + call);
    }
    return next.to(call);
  }

  static HttpResponse response(Call call, int status, String body, String... headers) {
    return HttpResponse.of(
        call.target(),
        status,
        HttpHeaders.of(headers),
        new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
  }

  /** A one-byte body that cannot be sent twice (a stream). */
  static RequestBody oneShotBody() {
    return new RequestBody() {
      @Override
      public String contentType() {
        return "application/octet-stream";
      }

      @Override
      public long contentLength() {
        return 1;
      }

      @Override
      public void writeTo(OutputStream out) throws IOException {
        out.write(1);
      }

      @Override
      public boolean isRepeatable() {
        return false;
      }
    };
  }

  static Call get(String uri) {
    return CallBuilder.builder("GET", "registry.example", uri)
        .scope(dev.registrykit.core.reference.Scope.repository("x", "pull"))
        .description("GET x")
        .build();
  }
}
