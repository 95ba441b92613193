package dev.registrykit.client.internal.http;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import javax.net.ssl.SSLSocketFactory;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/** A MockWebServer answering with a function and keeping a journal of what it received. */
final class WireServer implements AutoCloseable {
  final MockWebServer server = new MockWebServer();
  final List<RecordedRequest> journal = new CopyOnWriteArrayList<>();
  volatile Function<RecordedRequest, MockResponse> handler =
      r -> new MockResponse.Builder().code(404).build();

  WireServer(String bindAddress, SSLSocketFactory https) throws IOException {
    if (https != null) {
      server.useHttps(https);
    }
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            journal.add(request);
            return handler.apply(request);
          }
        });
    server.start(InetAddress.getByName(bindAddress), 0);
  }

  static WireServer plain() throws IOException {
    return new WireServer("127.0.0.1", null);
  }

  /** {@code localhost:port}. */
  String registry() {
    return "localhost:" + server.getPort();
  }

  /** {@code 127.0.0.1:port}: another host name for the same socket, hence another origin. */
  String otherHost() {
    return "127.0.0.1:" + server.getPort();
  }

  List<RecordedRequest> requests(String method, String pathPrefix) {
    return journal.stream()
        .filter(
            r ->
                r.getMethod() != null
                    && r.getMethod().equals(method)
                    && r.getTarget().startsWith(pathPrefix))
        .toList();
  }

  static MockResponse status(int code, String... headers) {
    MockResponse.Builder b = new MockResponse.Builder().code(code);
    for (int i = 0; i < headers.length; i += 2) {
      b.addHeader(headers[i], headers[i + 1]);
    }
    return b.build();
  }

  static MockResponse json(int code, String body, String... headers) {
    MockResponse.Builder b =
        new MockResponse.Builder()
            .code(code)
            .addHeader("Content-Type", "application/json")
            .body(body);
    for (int i = 0; i < headers.length; i += 2) {
      b.addHeader(headers[i], headers[i + 1]);
    }
    return b.build();
  }

  @Override
  public void close() {
    server.close();
  }
}
