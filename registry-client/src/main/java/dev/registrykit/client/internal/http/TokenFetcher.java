package dev.registrykit.client.internal.http;

import dev.registrykit.client.auth.Challenge;
import dev.registrykit.client.auth.Credential;
import dev.registrykit.client.errors.AuthenticationException;
import dev.registrykit.client.errors.RegistryException;
import dev.registrykit.client.internal.json.JsonBodies;
import dev.registrykit.client.transport.HttpHeaders;
import dev.registrykit.client.transport.HttpRequest;
import dev.registrykit.client.transport.HttpResponse;
import dev.registrykit.client.transport.RequestBody;
import dev.registrykit.core.distribution.Headers;
import dev.registrykit.core.reference.Scope;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Gets bearer tokens from a token endpoint (the {@code realm} of a Bearer challenge).
 *
 * <ul>
 *   <li>Username and password, or anonymous: {@code GET realm?service=…&scope=…&scope=…} with Basic
 *       auth when there are credentials (as Docker does by default). With {@code offlineAccess}
 *       (what a login sets, as {@code docker login} does) a user name and password also ask for a
 *       refresh token: {@code offline_token=true&client_id=…}; the endpoint's {@code
 *       refresh_token}, if it issues one, comes back in the {@link BearerToken}.
 *   <li>Identity (refresh) token: OAuth2 {@code POST realm} with {@code grant_type=refresh_token},
 *       falling back to GET when the endpoint answers 404 or 405 (it does not speak OAuth2;
 *       Docker's fallback too).
 * </ul>
 *
 * @see <a href="https://distribution.github.io/distribution/spec/auth/token/">Token
 *     authentication</a> ({@code offline_token}, {@code client_id})
 * @see <a href="https://distribution.github.io/distribution/spec/auth/oauth/">OAuth2 token
 *     authentication</a>
 */
final class TokenFetcher {
  /** {@code expires_in} when the endpoint does not say (token spec: "defaults to 60 seconds"). */
  static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(60);

  static final String CLIENT_ID = "registrykit";
  private static final int MAX_TOKEN_RESPONSE = 1 << 20;

  /** Sends a request to the token endpoint: the retry rule, user agent and user interceptors. */
  private final Step.Chain sender;

  private final Clock clock;
  private final boolean offlineAccess;

  TokenFetcher(Step.Chain sender, Clock clock, boolean offlineAccess) {
    this.sender = sender;
    this.clock = clock;
    this.offlineAccess = offlineAccess;
  }

  /**
   * Fetches a token.
   *
   * @param operation the operation that needs it, for error messages
   * @param registry the registry, for error messages
   * @param challenge the Bearer challenge naming realm and service
   * @param scopes the scopes to ask for
   * @param credential what to authenticate with
   * @param secretsAllowed whether credentials may be sent to this realm (HTTPS, loopback, or opted
   *     in)
   */
  BearerToken fetch(
      String operation,
      String registry,
      Challenge challenge,
      List<Scope> scopes,
      Credential credential,
      boolean secretsAllowed)
      throws IOException {
    URI realm = realm(operation, challenge);
    if (!(credential instanceof Credential.Anonymous) && !secretsAllowed) {
      throw new AuthenticationException(
          operation,
          "refusing to send credentials for "
              + registry
              + " to token endpoint "
              + Urls.redact(realm)
              + " over plain HTTP; use HTTPS, or, only on a trusted network, name that host too:"
              + " RegistryClient.builder().plainHttp(Registry.parse(\""
              + realm.getRawAuthority()
              + "\"))"
              + ".credentialsOverPlainHttp(true)",
          0,
          challenge.toString());
    }
    if (credential instanceof Credential.IdentityToken) {
      Credential.IdentityToken identity = (Credential.IdentityToken) credential;
      HttpResponse response = post(operation, registry, realm, challenge, scopes, identity.token());
      if (response.status() != 404 && response.status() != 405) {
        return handle(operation, registry, realm, challenge, scopes, response);
      }
      response.close();
      Credential fallback =
          identity.username().isPresent()
              ? Credential.usernamePassword(identity.username().get(), identity.token())
              : Credential.anonymous();
      return handle(
          operation,
          registry,
          realm,
          challenge,
          scopes,
          get(operation, registry, realm, challenge, scopes, fallback));
    }
    return handle(
        operation,
        registry,
        realm,
        challenge,
        scopes,
        get(operation, registry, realm, challenge, scopes, credential));
  }

  private HttpResponse get(
      String operation,
      String registry,
      URI realm,
      Challenge challenge,
      List<Scope> scopes,
      Credential credential)
      throws IOException {
    StringBuilder query = new StringBuilder(realm.getRawQuery() == null ? "" : realm.getRawQuery());
    challenge.service().ifPresent(s -> param(query, "service", s));
    for (Scope scope : scopes) {
      param(query, "scope", scope.toString());
    }
    HttpHeaders.Builder headers = HttpHeaders.builder().add(Headers.ACCEPT, "application/json");
    if (credential instanceof Credential.UsernamePassword) {
      Credential.UsernamePassword up = (Credential.UsernamePassword) credential;
      param(query, "account", up.username());
      if (offlineAccess) {
        param(query, "offline_token", "true");
        param(query, "client_id", CLIENT_ID);
      }
      headers.add(Headers.AUTHORIZATION, basic(up.username(), up.password()));
    }
    URI uri = withQuery(realm, query.toString());
    return sender.proceed(
        Call.of(registry, HttpRequest.of("GET", uri, headers.build()), operation));
  }

  private HttpResponse post(
      String operation,
      String registry,
      URI realm,
      Challenge challenge,
      List<Scope> scopes,
      String refreshToken)
      throws IOException {
    StringBuilder form = new StringBuilder();
    param(form, "grant_type", "refresh_token");
    param(form, "refresh_token", refreshToken);
    param(form, "client_id", CLIENT_ID);
    challenge.service().ifPresent(s -> param(form, "service", s));
    if (!scopes.isEmpty()) {
      // OAuth2 form: one space-separated scope parameter.
      param(form, "scope", scopes.stream().map(Scope::toString).collect(Collectors.joining(" ")));
    }
    RequestBody body =
        RequestBody.ofBytes(
            form.toString().getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded");
    HttpRequest request =
        HttpRequest.of("POST", realm, HttpHeaders.of(Headers.ACCEPT, "application/json"), body);
    return sender.proceed(Call.of(registry, request, operation));
  }

  private BearerToken handle(
      String operation,
      String registry,
      URI realm,
      Challenge challenge,
      List<Scope> scopes,
      HttpResponse response)
      throws IOException {
    try (response) {
      int status = response.status();
      byte[] content = response.readBody(MAX_TOKEN_RESPONSE + 1);
      if (content.length > MAX_TOKEN_RESPONSE) {
        throw new RegistryException(
            operation,
            "the token endpoint "
                + Urls.redact(realm)
                + " answered with more than "
                + MAX_TOKEN_RESPONSE
                + " bytes (HTTP "
                + status
                + "): too large for a token response");
      }
      if (status == 401 || status == 403) {
        throw new AuthenticationException(
            operation,
            "the token endpoint "
                + Urls.redact(realm)
                + " refused the credentials for "
                + registry
                + " (HTTP "
                + status
                + ")"
                + ErrorBodies.summary(content)
                + "; check the credentials configured for "
                + registry,
            status,
            challenge.toString());
      }
      if (status / 100 != 2) {
        throw new RegistryException(
            operation,
            "the token endpoint "
                + Urls.redact(realm)
                + " answered HTTP "
                + status
                + ErrorBodies.summary(content));
      }
      JsonBodies.ObjectBody body;
      try {
        body = JsonBodies.object(content);
      } catch (IllegalArgumentException e) {
        throw new RegistryException(
            operation,
            "the token endpoint "
                + Urls.redact(realm)
                + " answered with invalid JSON or not a JSON object");
      }
      String token = body.string("token").or(() -> body.string("access_token")).orElse("");
      if (token.isEmpty()) {
        throw new RegistryException(
            operation, "the token endpoint " + Urls.redact(realm) + " answered without a token");
      }
      Duration lifetime =
          Duration.ofSeconds(
              body.positiveWholeNumber("expires_in").orElse(DEFAULT_LIFETIME.toSeconds()));
      return new BearerToken(
          token, scopes, clock.instant(), lifetime, body.string("refresh_token"));
    }
  }

  private static URI realm(String operation, Challenge challenge) throws RegistryException {
    String realm =
        challenge
            .realm()
            .orElseThrow(
                () ->
                    new RegistryException(
                        operation, "the registry's Bearer challenge has no realm"));
    try {
      URI uri = new URI(realm);
      if (!uri.isAbsolute()
          || uri.getHost() == null
          || !("https".equalsIgnoreCase(uri.getScheme())
              || "http".equalsIgnoreCase(uri.getScheme()))) {
        throw new URISyntaxException(realm, "not an absolute http(s) URL");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new RegistryException(
          operation, "the registry's Bearer challenge has an invalid realm");
    }
  }

  static String basic(String username, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static void param(StringBuilder query, String name, String value) {
    if (query.length() > 0) {
      query.append('&');
    }
    query
        .append(URLEncoder.encode(name, StandardCharsets.UTF_8))
        .append('=')
        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
  }

  private static URI withQuery(URI uri, String rawQuery) {
    String base =
        uri.getScheme()
            + "://"
            + uri.getRawAuthority()
            + Optional.ofNullable(uri.getRawPath()).orElse("");
    return URI.create(rawQuery.isEmpty() ? base : base + "?" + rawQuery);
  }
}
