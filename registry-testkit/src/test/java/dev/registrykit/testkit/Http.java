package dev.registrykit.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Calls the fake with the JDK's HttpClient (never our client: the fake must not mirror it). */
final class Http {
  static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  private Http() {}

  static HttpResponse<byte[]> send(URI uri, String method, Map<String, String> headers, byte[] body)
      throws IOException, InterruptedException {
    return send(CLIENT, uri, method, headers, body);
  }

  static HttpResponse<byte[]> send(
      HttpClient client, URI uri, String method, Map<String, String> headers, byte[] body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
    headers.forEach(b::header);
    HttpRequest.BodyPublisher publisher =
        body.length == 0
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body);
    b.method(method, publisher);
    return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static HttpResponse<byte[]> get(FakeRegistry registry, String path)
      throws IOException, InterruptedException {
    return send(registry.url(path), "GET", Map.of(), new byte[0]);
  }

  static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }
}
