package dev.registrykit.client.internal.http;

import dev.registrykit.client.transport.HttpResponse;
import dev.registrykit.core.distribution.Headers;
import java.io.IOException;

/** Sets the {@code User-Agent} header on every request the client sends. */
final class UserAgent implements Step {
  private final String value;

  UserAgent(String value) {
    this.value = value;
  }

  @Override
  public HttpResponse handle(Call call, Chain next) throws IOException {
    return next.proceed(call.withHeaders(call.headers().with(Headers.USER_AGENT, value)));
  }
}
