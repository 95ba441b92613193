package dev.registrykit.client;

import dev.registrykit.client.transport.HttpHeaders;
import dev.registrykit.client.transport.HttpRequest;
import dev.registrykit.client.transport.HttpResponse;
import dev.registrykit.client.transport.HttpTransport;
import dev.registrykit.client.transport.RequestBody;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A test-only transport on the JDK's HttpClient (request bodies buffered: test blobs are small),
 * so the operations can be tested on the wire independently of the production transport.
 */
final class JdkTestTransport implements HttpTransport {
  private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");
  private final HttpClient client =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).version(HttpClient.Version.HTTP_1_1).build();

  @Override
  public HttpResponse send(HttpRequest request) throws IOException {
    java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder(request.uri()).timeout(Duration.ofSeconds(60));
    for (int i = 0; i < request.headers().size(); i++) {
      if (!RESTRICTED.contains(request.headers().name(i).toLowerCase(java.util.Locale.ROOT))) {
        builder.header(request.headers().name(i), request.headers().value(i));
      }
    }
    if (request.body().isPresent()) {
      RequestBody body = request.body().get();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      body.writeTo(out);
      builder.header("Content-Type", body.contentType());
      builder.method(request.method(), java.net.http.HttpRequest.BodyPublishers.ofByteArray(out.toByteArray()));
    } else {
      builder.method(request.method(), java.net.http.HttpRequest.BodyPublishers.noBody());
    }
    java.net.http.HttpResponse<InputStream> response;
    try {
      response = client.send(builder.build(), java.net.http.HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted");
    }
    HttpHeaders.Builder headers = HttpHeaders.builder();
    for (Map.Entry<String, List<String>> e : response.headers().map().entrySet()) {
      if (e.getKey().startsWith(":")) {
        continue;
      }
      for (String v : e.getValue()) {
        headers.add(e.getKey(), v);
      }
    }
    return HttpResponse.of(request.uri(), response.statusCode(), headers.build(), response.body());
  }

  @Override
  public void close() {}
}
