package dev.registrykit.client.transport;

import java.io.IOException;

/**
 * Observes, rewrites or answers a request on its way to the {@link HttpTransport}: the client's
 * pipeline (user agent, authentication, retries, redirects, logging) is a chain of these, and users
 * may add their own.
 *
 * <p>Contract (as OkHttp's): throw {@link IOException} for connectivity problems; any other
 * exception cancels the call. An interceptor that does not return the response it got from {@link
 * Chain#proceed} must close it.
 */
@FunctionalInterface
public interface Interceptor {
  /** Handles one request, usually by calling {@code chain.proceed(request)} once or more. */
  HttpResponse intercept(Chain chain) throws IOException;

  /** The rest of the pipeline, seen from one interceptor. */
  interface Chain {
    /** The request as it arrived at this interceptor. */
    HttpRequest request();

    /** Sends {@code request} through the remaining interceptors and the transport. */
    HttpResponse proceed(HttpRequest request) throws IOException;
  }
}
