package dev.registrykit.client.internal.http;

import dev.registrykit.client.errors.RegistryException;
import dev.registrykit.client.errors.RegistryTlsException;
import dev.registrykit.client.transport.HttpResponse;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Objects;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.jspecify.annotations.Nullable;

/**
 * The first and last step: a connection failure that got through the pipeline (after {@link Retry}
 * gave up), or that breaks the response's body while the operation reads it, becomes the client's
 * typed exception naming the operation — unreachable, timed out (and where), or TLS. Which
 * connection failures are worth retrying is decided here too. Error statuses are mapped by {@link
 * Errors}.
 */
final class FailureMapping implements Step {
  @Override
  public HttpResponse handle(Call call, Chain next) throws IOException {
    HttpResponse response;
    try {
      response = next.proceed(call);
    } catch (IOException e) {
      throw map(call, e);
    }
    // The body is read after the pipeline returned, by whichever operation sent the call: a body
    // that stalls, drips or breaks there names the operation as any other failure does.
    return response.mapBodyFailures(e -> map(call, e));
  }

  /** The exception the caller sees for {@code e}, a failure of {@code call} or of its body. */
  private static IOException map(Call call, IOException e) {
    if (e instanceof RegistryException) {
      return e;
    }
    if (e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException)) {
      return e; // the caller interrupted the call: not the registry's failure
    }
    if (isVerificationFailure(e)) {
      return new RegistryTlsException(
          call.operation(), "a TLS certificate is not trusted (" + safeMessage(e) + ")", e);
    }
    return unreachable(call.operation(), null, e);
  }

  /**
   * Whether {@code e} may go away when the request is sent again: a reset, a timeout, a truncated
   * answer; not a TLS problem, an unknown host, a refused connection or an interruption.
   */
  static boolean isRetryable(IOException e) {
    if (isSsl(e)
        || e instanceof UnknownHostException
        || e instanceof ConnectException
        || e instanceof NoRouteToHostException
        || e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException)) {
      return false;
    }
    return e instanceof SocketTimeoutException
        || e instanceof SocketException
        || e instanceof EOFException;
  }

  static boolean isSsl(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SSLException) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code e} is a certificate that failed verification (never a reason to fall back). */
  static boolean isVerificationFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CertificateException
          || t instanceof CertPathValidatorException
          || t instanceof CertPathBuilderException
          || t instanceof SSLPeerUnverifiedException) {
        return true;
      }
    }
    return false;
  }

  /** The exception for a connection failure, naming {@code authority} when known. */
  static RegistryException unreachable(
      String operation, @Nullable String authority, IOException e) {
    int attempts = 1;
    if (e instanceof Retry.Exhausted) {
      attempts = ((Retry.Exhausted) e).attempts;
      e = ((Retry.Exhausted) e).last;
    }
    String what =
        e instanceof UnknownHostException
            ? "unknown host " + safeMessage(e)
            : e instanceof ConnectException
                ? "cannot connect"
                    + (authority == null ? "" : " to " + authority)
                    + ": "
                    + safeMessage(e)
                : e instanceof SocketTimeoutException
                    ? "timed out: "
                        + safeMessage(e)
                        + (e.getMessage() != null && e.getMessage().contains("stopped answering")
                            ? ""
                            : " (the registry stopped answering)")
                    : isSsl(e)
                        ? "TLS failure: " + safeMessage(e)
                        : "connection failed: " + safeMessage(e);
    if (isSsl(e)) {
      return new RegistryTlsException(operation, what, e);
    }
    return new RegistryException(
        operation, what + (attempts > 1 ? " (after " + attempts + " attempts)" : ""), e);
  }

  /**
   * The exception's message with any query string of a URL cut off (signed URLs carry credentials
   * there).
   */
  static String safeMessage(Throwable e) {
    String m = Objects.toString(e.getMessage(), e.getClass().getSimpleName());
    return m.replaceAll("\\?[^\\s\"']*", "");
  }
}
