package dev.registrykit.client;

import dev.registrykit.client.transport.HttpRequest;
import dev.registrykit.client.transport.HttpResponse;
import dev.registrykit.client.transport.HttpTransport;
import java.io.IOException;
import java.net.URI;
import java.util.Objects;
import java.util.Set;

/**
 * Sends calls straight to a transport: HTTPS unless the registry is listed as plain HTTP, the user
 * agent set, relative targets resolved against the registry root.
 */
final class DirectCallSender implements CallSender {
  private final HttpTransport transport;
  private final Set<String> plainHttp;
  private final String userAgent;

  DirectCallSender(HttpTransport transport, Set<String> plainHttp, String userAgent) {
    this.transport = Objects.requireNonNull(transport, "transport");
    this.plainHttp = Set.copyOf(plainHttp);
    this.userAgent = userAgent;
  }

  @Override
  public HttpResponse send(Call call) throws IOException {
    URI uri = call.target().isAbsolute() ? call.target() : baseUri(call.registry()).resolve(call.target());
    HttpRequest request = new HttpRequest(call.method(), uri, call.headers().with("User-Agent", userAgent), call.body());
    return transport.send(request);
  }

  URI baseUri(String registry) {
    return URI.create((plainHttp.contains(registry) ? "http" : "https") + "://" + registry + "/");
  }
}
