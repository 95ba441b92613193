package dev.registrykit.client.internal.http;

import dev.registrykit.client.auth.Challenge;
import dev.registrykit.client.auth.Credential;
import dev.registrykit.client.errors.AuthenticationException;
import dev.registrykit.client.errors.BlobNotFoundException;
import dev.registrykit.client.errors.ManifestNotFoundException;
import dev.registrykit.client.errors.NotFoundException;
import dev.registrykit.client.errors.RateLimitedException;
import dev.registrykit.client.errors.RegistryErrorResponseException;
import dev.registrykit.client.errors.RegistryException;
import dev.registrykit.client.transport.HttpHeaders;
import dev.registrykit.client.transport.HttpResponse;
import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.distribution.ErrorCode;
import dev.registrykit.core.distribution.ErrorResponse;
import dev.registrykit.core.distribution.Headers;
import dev.registrykit.core.distribution.RegistryError;
import dev.registrykit.core.reference.Scope;
import dev.registrykit.core.text.UntrustedText;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every error status becomes its typed exception here, with an actionable message: the statuses an
 * endpoint does not accept ({@link #failure}), credentials refused after the pipeline's
 * authentication gave up ({@link #authenticationFailure}), 429s that outlasted the retries ({@link
 * #rateLimited}). Connection failures are {@link FailureMapping}'s.
 */
public final class Errors {
  private static final int MAX_MESSAGE_CHARS = 300;

  private Errors() {}

  /**
   * The exception for a response whose status the endpoint does not accept. Reads the body
   * (capped).
   */
  public static RegistryErrorResponseException failure(Call call, HttpResponse response) {
    List<RegistryError> errors = List.of();
    try {
      byte[] body = response.readBody(Responses.MAX_ERROR_BODY);
      if (body.length > 0) {
        errors = ErrorResponse.parse(Bytes.of(body)).errors();
      }
    } catch (IOException | RuntimeException e) {
      // The status alone still tells what happened; a broken or odd error body must not hide it.
    }
    int status = response.status();
    String path = call.target().getPath() == null ? "" : call.target().getPath();
    String what = what(call);
    String detail = errors.isEmpty() ? "" : " (" + summary(errors) + ")";
    String message;
    switch (status) {
      case 401:
        message =
            "unauthorized"
                + detail
                + ": the registry "
                + call.registry()
                + " wants credentials for "
                + what
                + "; configure them with RegistryClient.builder().credentials(…) or `docker login "
                + call.registry()
                + "`";
        break;
      case 403:
        message =
            "denied"
                + detail
                + ": the credentials used have no permission for "
                + what
                + (call.actions().contains("push")
                    ? " (push needs write access to the repository)"
                    : "");
        break;
      case 404:
        message = "not found" + detail + ": " + notFound(call, errors, path);
        break;
      case 405:
        message =
            "not supported"
                + detail
                + ": the registry "
                + call.registry()
                + " does not allow "
                + call.method()
                + " here (e.g. deletes disabled)";
        break;
      default:
        message = "the registry answered HTTP " + status + detail;
    }
    if (status == 404) {
      if (path.contains("/manifests/")) {
        return new ManifestNotFoundException(call.operation(), status, errors, message);
      }
      if (path.contains("/blobs/") && !path.contains("/blobs/uploads/")) {
        return new BlobNotFoundException(call.operation(), status, errors, message);
      }
      return new NotFoundException(call.operation(), status, errors, message);
    }
    return new RegistryErrorResponseException(call.operation(), status, errors, message);
  }

  /**
   * The exception for a 401 or 403 that {@link Authentication} could not answer: anonymous access
   * refused, credentials refused, or a token lacking access.
   *
   * @param requested the scopes the last token was asked for
   */
  static AuthenticationException authenticationFailure(
      Call call,
      Credential credential,
      int status,
      Challenge challenge,
      List<Scope> requested,
      boolean sentAuthorization,
      boolean insufficientScope,
      byte[] body) {
    boolean anonymous = credential instanceof Credential.Anonymous;
    String registry = call.registry().toLowerCase(Locale.ROOT);
    String message;
    if (insufficientScope) {
      message =
          "the token lacks the access this needs (requested "
              + requested
              + ", registry wants "
              + challenge.scopes()
              + "): "
              + (anonymous
                  ? "anonymous users cannot do this; configure credentials for " + registry
                  : "the configured account is not allowed to do this");
    } else if (!call.bodyRepeatable() && !sentAuthorization) {
      message =
          "the registry asked for authentication while a body that cannot be resent was being sent";
    } else if (anonymous) {
      message =
          "anonymous access was refused and no credentials are configured for "
              + registry
              + " (add them with a CredentialProvider, e.g. docker login and"
              + " CredentialProviders.defaultChain())";
    } else {
      message = "the registry refused the credentials configured for " + registry;
    }
    return new AuthenticationException(
        call.operation(),
        message
            + " (HTTP "
            + status
            + ErrorBodies.summary(body)
            + "; challenge "
            + challenge.scheme()
            + challenge.realm().map(r -> " realm " + r).orElse("")
            + ")",
        status,
        challenge.toString());
  }

  /** The exception for a 429 that outlasted the retries; reads and closes {@code response}. */
  static RateLimitedException rateLimited(
      String operation, int attempts, Optional<Duration> retryAfter, HttpResponse response) {
    HttpHeaders headers = response.headers();
    byte[] body = Responses.readErrorBody(response);
    return TooManyRequests.exception(
        operation, attempts, retryAfter, headers, ErrorBodies.summary(body));
  }

  /**
   * What is missing, worded by the registry's error code: an unknown tag or manifest is not an
   * unknown repository.
   *
   * @see <a
   *     href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#error-codes">spec:
   *     error codes</a>
   */
  private static String notFound(Call call, List<RegistryError> errors, String path) {
    String where =
        call.repository().isEmpty()
            ? "on " + call.registry()
            : "in repository " + call.repository() + " on " + call.registry();
    boolean manifestPath = path.contains("/manifests/");
    boolean blobPath = path.contains("/blobs/") && !path.contains("/blobs/uploads/");
    String reference = UntrustedText.display(path.substring(path.lastIndexOf('/') + 1), 200);
    if (has(errors, ErrorCode.NAME_UNKNOWN)) {
      return (call.repository().isEmpty() ? "the repository" : "repository " + call.repository())
          + " does not exist on "
          + call.registry();
    }
    if (has(errors, ErrorCode.MANIFEST_UNKNOWN) || manifestPath && errors.isEmpty()) {
      String subject =
          !manifestPath
              ? "the manifest"
              : reference.contains(":") ? "manifest " + reference : "tag " + reference;
      return subject
          + " is unknown "
          + where
          + (errors.isEmpty() ? " (or the repository does not exist)" : "");
    }
    if (has(errors, ErrorCode.BLOB_UNKNOWN) || blobPath && errors.isEmpty()) {
      return (blobPath ? "blob " + reference : "the blob") + " is unknown " + where;
    }
    if (has(errors, ErrorCode.BLOB_UPLOAD_UNKNOWN)) {
      return "the upload session is unknown "
          + where
          + " (it expired or was cancelled); start the upload again";
    }
    return what(call) + " does not exist on " + call.registry();
  }

  private static boolean has(List<RegistryError> errors, ErrorCode code) {
    return errors.stream().anyMatch(e -> e.code() == code);
  }

  private static String what(Call call) {
    return call.repository().isEmpty() ? "this request" : "repository " + call.repository();
  }

  private static String summary(List<RegistryError> errors) {
    String s =
        errors.stream()
            .map(
                e ->
                    e.code() == ErrorCode.UNKNOWN
                        ? e.message()
                        : e.code() + (e.message().isEmpty() ? "" : ": " + e.message()))
            .collect(Collectors.joining("; "));
    // Registry messages are untrusted text: short, on one line, nothing a terminal would obey.
    return UntrustedText.display(s, MAX_MESSAGE_CHARS);
  }

  /**
   * Whether {@code e} is a connection that failed — a reset, a timeout, an early end — raw or as
   * the pipeline reports it (a {@link RegistryException} caused by the I/O failure), rather than an
   * answer or a refusal: what resending or resuming may get past.
   */
  public static boolean isConnectionFailure(IOException e) {
    return !(e instanceof RegistryException) || e.getCause() instanceof IOException;
  }

  public static boolean isJson(HttpResponse response) {
    return response
        .headers()
        .firstValue(Headers.CONTENT_TYPE)
        .map(t -> t.toLowerCase(Locale.ROOT).contains("json"))
        .orElse(false);
  }
}
