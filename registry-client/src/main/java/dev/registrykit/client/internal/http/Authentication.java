package dev.registrykit.client.internal.http;

import dev.registrykit.client.auth.Challenge;
import dev.registrykit.client.auth.Credential;
import dev.registrykit.client.errors.AuthenticationException;
import dev.registrykit.client.transport.HttpResponse;
import dev.registrykit.core.distribution.Headers;
import dev.registrykit.core.reference.Scope;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Authentication: answers the registry's challenge (learnt from {@code GET /v2/} by {@link
 * SchemeSelection}, or from a 401) with Basic credentials or a bearer token for the call's scopes
 * (from the {@link TokenCache}, else the {@link TokenFetcher}). On a 401 it refreshes the token
 * once, on {@code insufficient_scope} it widens the scopes once; otherwise it fails with an {@link
 * AuthenticationException}. Credentials go only to the registry's own origin, and only where {@link
 * InsecureAccess} allows secrets.
 *
 * @see <a href="https://distribution.github.io/distribution/spec/auth/token/">Token
 *     authentication</a>
 */
final class Authentication implements Step {
  private final Sessions sessions;
  private final InsecureAccess access;
  private final TokenCache tokens = new TokenCache();
  private final TokenFetcher tokenFetcher;
  private final Clock clock;

  Authentication(Sessions sessions, InsecureAccess access, TokenFetcher tokenFetcher, Clock clock) {
    this.sessions = sessions;
    this.access = access;
    this.tokenFetcher = tokenFetcher;
    this.clock = clock;
  }

  @Override
  public HttpResponse handle(Call call, Chain next) throws IOException {
    Sessions.Session session = sessions.of(call.registry());
    URI base = session.base;
    if (base == null || !Urls.sameOrigin(call.target(), base)) {
      return next.proceed(call); // not the registry's own origin: no credentials go there
    }
    List<Scope> scopes = call.scopes();
    boolean refreshed = false;
    boolean widened = false;
    while (true) {
      Attempt attempt = new Attempt(scopes);
      Optional<String> authorization = authorization(call, session, attempt);
      HttpResponse response =
          next.proceed(
              authorization.isEmpty()
                  ? call
                  : call.withHeaders(
                      call.headers().with(Headers.AUTHORIZATION, authorization.get())));
      int status = response.status();
      if (status != 401 && status != 403) {
        return response;
      }
      Optional<Challenge> challenge =
          usable(Challenge.parseAll(response.headers().allValues(Headers.WWW_AUTHENTICATE)));
      boolean insufficientScope =
          challenge.isPresent()
              && challenge.get().isBearer()
              && challenge.get().error().filter("insufficient_scope"::equals).isPresent();
      if (status == 403 && !insufficientScope || challenge.isEmpty()) {
        // DENIED and friends, or a 401 the client cannot answer (unknown scheme): the caller maps
        // the error body.
        return response;
      }
      Challenge c = challenge.get();
      List<Scope> widenedScopes = scopes;
      if (insufficientScope) {
        List<Scope> union = new ArrayList<>(scopes);
        union.addAll(c.scopes());
        widenedScopes = Scope.merge(union);
      }
      boolean canWiden = insufficientScope && !widened && !Scope.coversAll(scopes, widenedScopes);
      Credential credential = session.credential();
      // A fresh token may help (expired or revoked); resending the same Basic credentials or a
      // fixed registry token cannot, and Basic without a username/password has nothing to send.
      boolean canRefresh =
          !refreshed
              && !insufficientScope
              && !(c.isBasic()
                  && (attempt.sentBasic || !(credential instanceof Credential.UsernamePassword)))
              && !(credential instanceof Credential.RegistryToken);
      if (!(canWiden || canRefresh) || !call.bodyRepeatable()) {
        byte[] body = Responses.readErrorBody(response);
        throw Errors.authenticationFailure(
            call,
            credential,
            status,
            c,
            attempt.scopes,
            attempt.sentAuthorization,
            insufficientScope,
            body);
      }
      Responses.discard(response);
      session.challenge = Optional.of(c);
      attempt.token.ifPresent(t -> tokens.invalidate(session.registry, t));
      if (canWiden) {
        widened = true;
        scopes = widenedScopes;
      } else {
        refreshed = true;
      }
    }
  }

  /** What one round of the call sent, to decide whether another round can help. */
  private static final class Attempt {
    final List<Scope> scopes;
    boolean sentAuthorization;
    boolean sentBasic;
    Optional<String> token = Optional.empty();

    Attempt(List<Scope> scopes) {
      this.scopes = scopes;
    }
  }

  private Optional<String> authorization(Call call, Sessions.Session session, Attempt attempt)
      throws IOException {
    Optional<Challenge> challenge = session.challenge;
    if (challenge.isEmpty()) {
      // The registry asked for nothing (its GET /v2/ answered without a challenge): send nothing,
      // and do not even consult the credential sources (a broken helper must not break open
      // registries).
      return Optional.empty();
    }
    Credential credential = session.credential();
    boolean secure = access.secretsAllowed(call.target());
    if (credential instanceof Credential.RegistryToken) {
      requireSecure(call, session, secure);
      attempt.sentAuthorization = true;
      return Optional.of("Bearer " + ((Credential.RegistryToken) credential).token());
    }
    Challenge c = challenge.get();
    if (c.isBearer()) {
      if (!(credential instanceof Credential.Anonymous)) {
        requireSecure(call, session, secure);
      }
      BearerToken token = token(call, session, c, attempt.scopes, credential);
      attempt.sentAuthorization = true;
      attempt.token = Optional.of(token.value());
      return Optional.of("Bearer " + token.value());
    }
    if (c.isBasic() && credential instanceof Credential.UsernamePassword) {
      requireSecure(call, session, secure);
      Credential.UsernamePassword up = (Credential.UsernamePassword) credential;
      attempt.sentAuthorization = true;
      attempt.sentBasic = true;
      return Optional.of(TokenFetcher.basic(up.username(), up.password()));
    }
    return Optional.empty();
  }

  private BearerToken token(
      Call call, Sessions.Session session, Challenge c, List<Scope> scopes, Credential credential)
      throws IOException {
    Optional<BearerToken> cached = tokens.find(session.registry, scopes, clock.instant());
    if (cached.isPresent()) {
      return cached.get();
    }
    // One fetch per registry at a time: parallel blob pushes starting together share the token.
    synchronized (session) {
      cached = tokens.find(session.registry, scopes, clock.instant());
      if (cached.isPresent()) {
        return cached.get();
      }
      URI realm = c.realm().map(Authentication::uriOrNull).orElse(null);
      boolean realmSecure = realm != null && access.secretsAllowed(realm);
      Credential effective = credential;
      if (credential instanceof Credential.IdentityToken && session.refreshToken.isPresent()) {
        effective =
            new Credential.IdentityToken(
                ((Credential.IdentityToken) credential).username(), session.refreshToken.get());
      }
      BearerToken token =
          tokenFetcher.fetch(call.operation(), session.registry, c, scopes, effective, realmSecure);
      if (token.refreshToken().isPresent()) {
        // OAuth2 servers may rotate refresh tokens (RFC 6749 section 6): the old one may stop
        // working. For a user name and password it is the one offline access asked for.
        session.refreshToken = token.refreshToken();
      }
      tokens.put(session.registry, token);
      return token;
    }
  }

  private static void requireSecure(Call call, Sessions.Session session, boolean secure)
      throws AuthenticationException {
    if (!secure) {
      throw new AuthenticationException(
          call.operation(),
          "refusing to send credentials for "
              + session.registry
              + " over plain HTTP to a non-loopback host;"
              + " use HTTPS, or, only on a trusted network, allow it:"
              + " RegistryClient.builder().plainHttp(Registry.parse(\""
              + session.registry
              + "\"))"
              + ".credentialsOverPlainHttp(true)",
          0,
          session.challenge.map(Challenge::toString).orElse(""));
    }
  }

  /** The challenge the client answers: Bearer before Basic; other schemes are ignored. */
  static Optional<Challenge> usable(Collection<Challenge> challenges) {
    Optional<Challenge> bearer = challenges.stream().filter(Challenge::isBearer).findFirst();
    return bearer.isPresent() ? bearer : challenges.stream().filter(Challenge::isBasic).findFirst();
  }

  private static @Nullable URI uriOrNull(String s) {
    try {
      return new URI(s);
    } catch (URISyntaxException e) {
      return null;
    }
  }
}
