package dev.registrykit.testkit.internal.server;

import dev.registrykit.core.distribution.ErrorCode;
import dev.registrykit.testkit.AuthMode;
import dev.registrykit.testkit.Endpoint;
import dev.registrykit.testkit.Grant;
import dev.registrykit.testkit.Permission;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Authentication and authorization for the three modes, and the bearer token endpoint.
 *
 * <p>Bearer mode follows Distribution's token access controller: a request without a token, or with
 * an expired or unknown one, gets {@code 401 UNAUTHORIZED} with {@code WWW-Authenticate: Bearer
 * realm=…,service=…,scope=…}; a valid token without the needed scope gets the same 401 with {@code
 * error="insufficient_scope"} (what Docker clients expect in order to fetch a wider token; RFC 6750
 * §3.1 suggests 403, which no registry client retries on).
 *
 * @see <a href="https://distribution.github.io/distribution/spec/auth/token/">Token Authentication
 *     Specification</a>
 */
final class Authorizer {
  private static final String ANONYMOUS = "";

  private final ServerSettings settings;
  private final Supplier<String> realm;
  private final Map<String, IssuedToken> tokens = new ConcurrentHashMap<>();

  /** Refresh tokens issued for offline access, and the user each stands for. */
  private final Map<String, String> refreshTokens = new ConcurrentHashMap<>();

  private final SecureRandom random = new SecureRandom();

  private record IssuedToken(
      String subject, Map<String, Set<Permission>> access, boolean catalog, Instant expires) {}

  Authorizer(ServerSettings settings, Supplier<String> realm) {
    this.settings = settings;
    this.realm = realm;
  }

  void reset() {
    tokens.clear();
    refreshTokens.clear();
  }

  /** The permission an endpoint needs on its repository; empty for base and catalog. */
  static Optional<Permission> required(Endpoint endpoint) {
    switch (endpoint) {
      case END_2:
      case END_3:
      case END_8A:
      case END_8B:
      case END_12A:
      case END_12B:
        return Optional.of(Permission.PULL);
      case END_4A:
      case END_4B:
      case END_4C:
      case END_5:
      case END_6:
      case END_7A:
      case END_7B:
      case END_11:
      case END_13:
      case END_14:
        return Optional.of(Permission.PUSH);
      case END_9:
      case END_10:
        return Optional.of(Permission.DELETE);
      default:
        return Optional.empty();
    }
  }

  /**
   * Checks the request's credentials for {@code route}.
   *
   * @return what the caller may do
   * @throws RegistryProblem 401 or 403 when it may not do this
   */
  Access authorize(Route route, HeaderMap headers) {
    if (settings.auth() == AuthMode.NONE) {
      return Access.ALL;
    }
    Endpoint endpoint = route.requireEndpoint();
    Optional<Permission> needed = required(endpoint);
    String scope = scopeFor(route, needed);
    if (settings.auth() == AuthMode.BASIC) {
      Optional<String> user = basicUser(headers.first("Authorization").orElse(null));
      if (user.isEmpty()) {
        if (headers.first("Authorization").orElse(null) == null
            && needed.equals(Optional.of(Permission.PULL))
            && anonymousAllows(route.repo(), Permission.PULL)) {
          return this::anonymousAllows;
        }
        throw RegistryProblem.of(401, ErrorCode.UNAUTHORIZED, "authentication required")
            .header("WWW-Authenticate", "Basic realm=\"" + settings.service() + "\"");
      }
      Access access = (repo, permission) -> userAllows(user.get(), repo, permission);
      if (needed.isPresent() && !access.allows(route.repo(), needed.get())) {
        throw RegistryProblem.of(
            403, ErrorCode.DENIED, "requested access to the resource is denied");
      }
      return access;
    }
    // Bearer.
    String authorization = headers.first("Authorization").orElse(null);
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw challenge(scope, null, "authentication required");
    }
    IssuedToken token = tokens.get(authorization.substring(7).trim());
    if (token == null || !settings.clock().instant().isBefore(token.expires())) {
      throw challenge(scope, "invalid_token", "token is invalid or expired");
    }
    Access access =
        (repo, permission) -> token.access().getOrDefault(repo, Set.of()).contains(permission);
    boolean ok;
    if (endpoint == Endpoint.CATALOG) {
      ok = token.catalog();
    } else if (needed.isEmpty()) {
      ok = true;
    } else {
      ok = access.allows(route.repo(), needed.get());
    }
    if (!ok) {
      throw challenge(scope, "insufficient_scope", "insufficient scope for this request");
    }
    return access;
  }

  private RegistryProblem challenge(
      @Nullable String scope, @Nullable String error, String message) {
    StringBuilder h =
        new StringBuilder("Bearer realm=\"")
            .append(realm.get())
            .append("\",service=\"")
            .append(settings.service())
            .append('"');
    if (scope != null) {
      h.append(",scope=\"").append(scope).append('"');
    }
    if (error != null) {
      h.append(",error=\"").append(error).append('"');
    }
    return RegistryProblem.of(401, ErrorCode.UNAUTHORIZED, message)
        .header("WWW-Authenticate", h.toString());
  }

  private static @Nullable String scopeFor(Route route, Optional<Permission> needed) {
    if (route.endpoint().equals(Optional.of(Endpoint.CATALOG))) {
      return "registry:catalog:*";
    }
    if (needed.isEmpty()) {
      return null;
    }
    String actions = needed.get() == Permission.PUSH ? "pull,push" : needed.get().action();
    return "repository:" + route.repo() + ":" + actions;
  }

  private boolean anonymousAllows(String repository, Permission permission) {
    return permission == Permission.PULL
        && settings.anonymousPull().stream().anyMatch(g -> g.matches(repository));
  }

  private boolean userAllows(String user, String repository, Permission permission) {
    for (ServerSettings.Account account : settings.accounts()) {
      if (account.name().equals(user)) {
        for (Grant grant : account.grants()) {
          if (grant.matches(repository) && grant.permissions().contains(permission)) {
            return true;
          }
        }
      }
    }
    return anonymousAllows(repository, permission);
  }

  /** The user named by valid Basic credentials. */
  private Optional<String> basicUser(@Nullable String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).trim()),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    return checkPassword(decoded.substring(0, colon), decoded.substring(colon + 1));
  }

  private Optional<String> checkPassword(String user, String password) {
    for (ServerSettings.Account account : settings.accounts()) {
      if (account.name().equals(user)
          && MessageDigest.isEqual(
              account.password().getBytes(StandardCharsets.UTF_8),
              password.getBytes(StandardCharsets.UTF_8))) {
        return Optional.of(user);
      }
    }
    return Optional.empty();
  }

  /**
   * The token endpoint: {@code GET /token?service=…&scope=…} with optional Basic credentials, or
   * {@code POST /token} with a form ({@code grant_type=password}, OAuth2 style; with refresh tokens
   * enabled also {@code grant_type=refresh_token}). With refresh tokens enabled, a user asking for
   * offline access ({@code offline_token=true} on GET, {@code access_type=offline} on POST) gets a
   * {@code refresh_token} too.
   *
   * @see <a href="https://distribution.github.io/distribution/spec/auth/oauth/">OAuth2 token
   *     authentication</a>
   */
  Reply issueToken(Route route, HeaderMap headers, String formBody) {
    List<String> scopes = new ArrayList<>(route.query().all("scope"));
    String subject;
    boolean offline;
    if (route.method().equals("POST")) {
      Map<String, String> form = parseForm(formBody);
      if (form.containsKey("scope")) {
        scopes.addAll(List.of(form.get("scope").split(" ")));
      }
      String grantType = form.getOrDefault("grant_type", "");
      Optional<String> user;
      if (grantType.equals("password")) {
        user = checkPassword(form.getOrDefault("username", ""), form.getOrDefault("password", ""));
        offline = "offline".equals(form.get("access_type"));
      } else if (grantType.equals("refresh_token") && settings.refreshTokens()) {
        user = Optional.ofNullable(refreshTokens.get(form.getOrDefault("refresh_token", "")));
        offline = false;
      } else {
        throw RegistryProblem.of(
            400,
            ErrorCode.UNSUPPORTED,
            settings.refreshTokens()
                ? "unsupported grant_type (only password and refresh_token)"
                : "unsupported grant_type (only password)");
      }
      if (user.isEmpty()) {
        throw RegistryProblem.of(401, ErrorCode.UNAUTHORIZED, "invalid credentials");
      }
      subject = user.get();
    } else {
      String authorization = headers.first("Authorization").orElse(null);
      if (authorization == null) {
        subject = ANONYMOUS;
      } else {
        Optional<String> user = basicUser(authorization);
        if (user.isEmpty()) {
          throw RegistryProblem.of(401, ErrorCode.UNAUTHORIZED, "invalid credentials")
              .header("WWW-Authenticate", "Basic realm=\"" + settings.service() + "\"");
        }
        subject = user.get();
      }
      offline = route.query().all("offline_token").contains("true");
    }
    Map<String, Set<Permission>> access = new HashMap<>();
    boolean catalog = false;
    for (String scope : scopes) {
      if (scope.isBlank()) {
        continue;
      }
      int first = scope.indexOf(':');
      int last = scope.lastIndexOf(':');
      if (first < 0 || last <= first) {
        continue;
      }
      String type = scope.substring(0, first);
      String name = scope.substring(first + 1, last);
      String[] actions = scope.substring(last + 1).split(",");
      if (type.equals("registry") && name.equals("catalog")) {
        catalog |= !subject.equals(ANONYMOUS);
        continue;
      }
      if (!type.equals("repository") && !type.startsWith("repository(")) {
        continue;
      }
      // Intersection of requested and granted actions: a subset is not an error (auth-token.md).
      Set<Permission> granted = EnumSet.noneOf(Permission.class);
      for (String action : actions) {
        for (Permission p : Permission.values()) {
          boolean wanted = action.equals(p.action()) || action.equals("*");
          boolean allowed =
              subject.equals(ANONYMOUS) ? anonymousAllows(name, p) : userAllows(subject, name, p);
          if (wanted && allowed) {
            granted.add(p);
          }
        }
      }
      access.computeIfAbsent(name, n -> EnumSet.noneOf(Permission.class)).addAll(granted);
    }
    String token = randomToken("fake-");
    Instant now = settings.clock().instant();
    tokens.put(
        token,
        new IssuedToken(subject, Map.copyOf(access), catalog, now.plus(settings.tokenLifetime())));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("token", token);
    body.put("access_token", token);
    body.put("expires_in", settings.tokenLifetime().getSeconds());
    body.put("issued_at", DateTimeFormatter.ISO_INSTANT.format(now));
    if (offline && settings.refreshTokens() && !subject.equals(ANONYMOUS)) {
      String refresh = randomToken("fake-refresh-");
      refreshTokens.put(refresh, subject);
      body.put("refresh_token", refresh);
    }
    return Reply.json(200, Json.write(body));
  }

  private String randomToken(String prefix) {
    byte[] raw = new byte[24];
    random.nextBytes(raw);
    return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
  }

  private static Map<String, String> parseForm(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        form.put(
            java.net.URLDecoder.decode(k, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT),
            java.net.URLDecoder.decode(v, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw RegistryProblem.of(400, ErrorCode.UNSUPPORTED, "malformed form body");
      }
    }
    return form;
  }
}
