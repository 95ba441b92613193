package dev.registrykit.client.internal.http;

import dev.registrykit.client.transport.HttpResponse;
import java.io.IOException;
import java.util.List;

/**
 * One link of the {@link Pipeline}: it sees a {@link Call} on its way to the registry and the
 * response on its way back, and hands the call on with {@code next.proceed(call)} (once, several
 * times, or not at all). The shape of OkHttp's interceptor chain; the user's {@link
 * dev.registrykit.client.transport.Interceptor}s are links of the same chain ({@link
 * UserInterceptor}).
 *
 * <p>A step that does not return a response it got from {@code next} must close it.
 */
@FunctionalInterface
interface Step {
  HttpResponse handle(Call call, Chain next) throws IOException;

  /** The rest of the pipeline, seen from one step. */
  @FunctionalInterface
  interface Chain {
    HttpResponse proceed(Call call) throws IOException;

    /** {@code steps} in order, ending in {@code last}. */
    static Chain of(List<? extends Step> steps, Chain last) {
      Chain chain = last;
      for (int i = steps.size() - 1; i >= 0; i--) {
        Step step = steps.get(i);
        Chain rest = chain;
        chain = call -> step.handle(call, rest);
      }
      return chain;
    }
  }
}
