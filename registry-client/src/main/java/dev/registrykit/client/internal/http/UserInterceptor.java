package dev.registrykit.client.internal.http;

import dev.registrykit.client.transport.HttpRequest;
import dev.registrykit.client.transport.HttpResponse;
import dev.registrykit.client.transport.Interceptor;
import java.io.IOException;

/**
 * A user's {@link Interceptor} as a link of the pipeline: it sees the transport's request (after
 * authentication, on every redirect hop, token requests and pings too) and may rewrite or answer
 * it.
 */
final class UserInterceptor implements Step {
  private final Interceptor interceptor;

  UserInterceptor(Interceptor interceptor) {
    this.interceptor = interceptor;
  }

  @Override
  public HttpResponse handle(Call call, Chain next) throws IOException {
    HttpRequest request = call.request();
    return interceptor.intercept(
        new Interceptor.Chain() {
          @Override
          public HttpRequest request() {
            return request;
          }

          @Override
          public HttpResponse proceed(HttpRequest rewritten) throws IOException {
            return next.proceed(call.with(rewritten));
          }
        });
  }
}
