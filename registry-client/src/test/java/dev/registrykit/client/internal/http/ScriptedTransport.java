package dev.registrykit.client.internal.http;

import dev.registrykit.client.transport.HttpHeaders;
import dev.registrykit.client.transport.HttpRequest;
import dev.registrykit.client.transport.HttpResponse;
import dev.registrykit.client.transport.HttpTransport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A transport answering from a script, for hosts no test can reach; records every request. */
final class ScriptedTransport implements HttpTransport {
  @FunctionalInterface
  interface Script {
    HttpResponse answer(HttpRequest request) throws IOException;
  }

  final List<HttpRequest> requests = new CopyOnWriteArrayList<>();
  private final Script script;

  ScriptedTransport(Script script) {
    this.script = script;
  }

  @Override
  public HttpResponse send(HttpRequest request) throws IOException {
    requests.add(request);
    return script.answer(request);
  }

  static HttpResponse response(HttpRequest request, int status, String... headers) {
    return HttpResponse.of(
        request.uri(), status, HttpHeaders.of(headers), new ByteArrayInputStream(new byte[0]));
  }

  @Override
  public void close() {}
}
