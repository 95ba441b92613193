package dev.registrykit.interop;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import okhttp3.tls.HeldCertificate;

/**
 * The token server of Distribution's {@code auth.token} mode, for {@link
 * DistributionRegistry.Builder#bearerAuth(PeerCredentials)}: the registry answers 401 with {@code
 * WWW-Authenticate: Bearer realm=…,service=…,scope=…}, clients fetch a JWT here and send it as
 * {@code Authorization: Bearer}. The registry checks the JWT strictly (signature against {@link
 * #rootCertBundle()}, issuer, audience, expiry, granted actions), so a wrong token fails loudly.
 *
 * <p>Answers {@code GET /token?service=…&scope=…} with HTTP basic credentials (Docker's token
 * protocol) and {@code POST /token} with a form {@code grant_type=password&username=…&password=…}
 * (the OAuth2 variant). Authenticated users get every action they ask for; anonymous requests get a
 * token granting nothing; wrong credentials get 401. Tokens: ES256 JWTs carrying the signing
 * certificate in {@code x5c}, valid 5 minutes.
 *
 * @see <a href="https://distribution.github.io/distribution/spec/auth/token/">Token authentication
 *     specification</a>
 * @see <a href="https://distribution.github.io/distribution/spec/auth/jwt/">Token authentication
 *     implementation</a>
 */
final class TokenServer implements AutoCloseable {

  static final String SERVICE = "registrykit-test";
  static final String ISSUER = "registrykit-test-token-issuer";
  private static final long LIFETIME_SECONDS = 300;

  private final HttpServer server;
  private final ExecutorService executor;
  private final HeldCertificate signer;
  private final Path rootCertBundle;
  private final Map<String, PeerCredentials> users;
  private final SecureRandom random = new SecureRandom();

  private TokenServer(
      HttpServer server,
      ExecutorService executor,
      HeldCertificate signer,
      Path rootCertBundle,
      Map<String, PeerCredentials> users) {
    this.server = server;
    this.executor = executor;
    this.signer = signer;
    this.rootCertBundle = rootCertBundle;
    this.users = users;
  }

  static TokenServer start(Path directory, Map<String, PeerCredentials> users) throws IOException {
    long now = System.currentTimeMillis();
    HeldCertificate signer =
        new HeldCertificate.Builder()
            .certificateAuthority(0)
            .commonName("RegistryKit test token signer")
            .validityInterval(now - 60_000, now + 86_400_000L)
            .build();
    Files.createDirectories(directory);
    Path bundle =
        Files.writeString(
            directory.resolve("token-signer.pem"),
            signer.certificatePem(),
            StandardCharsets.US_ASCII);
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
    ExecutorService executor =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "registrykit-token-server");
              t.setDaemon(true);
              return t;
            });
    TokenServer tokenServer = new TokenServer(server, executor, signer, bundle, Map.copyOf(users));
    server.createContext("/token", tokenServer::handle);
    server.setExecutor(executor);
    server.start();
    return tokenServer;
  }

  /** The realm URL clients fetch tokens from. */
  URI realm() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token");
  }

  /** The PEM file with the certificate the registry trusts for token signatures. */
  Path rootCertBundle() {
    return rootCertBundle;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      List<String> scopes = new ArrayList<>();
      Map<String, List<String>> form;
      Optional<String> user;
      if (exchange.getRequestMethod().equals("POST")) {
        form =
            parseQuery(
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (!first(form, "grant_type").equals("password")) {
          send(exchange, 400, "{\"error\":\"unsupported_grant_type\"}");
          return;
        }
        user = authenticate(first(form, "username"), first(form, "password"));
        if (user.isEmpty()) {
          send(exchange, 401, "{\"error\":\"invalid_grant\"}");
          return;
        }
        for (String scope : form.getOrDefault("scope", List.of())) {
          scopes.addAll(List.of(scope.split(" ")));
        }
      } else if (exchange.getRequestMethod().equals("GET")) {
        form = parseQuery(Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse(""));
        scopes.addAll(form.getOrDefault("scope", List.of()));
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null) {
          user = Optional.of("");
        } else {
          user = basic(authorization);
          if (user.isEmpty()) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"token\"");
            send(exchange, 401, "{\"details\":\"incorrect username or password\"}");
            return;
          }
        }
      } else {
        send(exchange, 405, "{}");
        return;
      }
      String service = first(form, "service");
      if (!service.isEmpty() && !service.equals(SERVICE)) {
        send(exchange, 400, "{\"details\":\"unknown service\"}");
        return;
      }
      String token = token(user.orElseThrow(), user.orElseThrow().isEmpty() ? List.of() : scopes);
      send(
          exchange,
          200,
          "{\"token\":\""
              + token
              + "\",\"access_token\":\""
              + token
              + "\",\"expires_in\":"
              + LIFETIME_SECONDS
              + ",\"issued_at\":\""
              + Instant.now()
              + "\"}");
    } catch (RuntimeException | GeneralSecurityException e) {
      // Never echo the request (it may carry a password); the type is enough to debug.
      send(exchange, 500, "{\"details\":\"" + e.getClass().getSimpleName() + "\"}");
    } finally {
      exchange.close();
    }
  }

  private Optional<String> basic(String authorization) {
    if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
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
    return colon < 0
        ? Optional.empty()
        : authenticate(decoded.substring(0, colon), decoded.substring(colon + 1));
  }

  private Optional<String> authenticate(String username, String password) {
    PeerCredentials known = users.get(username);
    if (known == null
        || !MessageDigest.isEqual(
            known.password().getBytes(StandardCharsets.UTF_8),
            password.getBytes(StandardCharsets.UTF_8))) {
      return Optional.empty();
    }
    return Optional.of(username);
  }

  /** An ES256 JWT granting {@code scopes} ("type:name:action,action") to {@code subject}. */
  String token(String subject, List<String> scopes) throws GeneralSecurityException {
    long now = Instant.now().getEpochSecond();
    StringBuilder access = new StringBuilder("[");
    for (String scope : scopes) {
      int first = scope.indexOf(':');
      int last = scope.lastIndexOf(':');
      if (first < 0 || last == first) {
        continue;
      }
      StringBuilder actions = new StringBuilder("[");
      for (String action : scope.substring(last + 1).split(",")) {
        if (!action.isEmpty()) {
          actions.append(actions.length() > 1 ? "," : "").append(json(action));
        }
      }
      actions.append(']');
      access
          .append(access.length() > 1 ? "," : "")
          .append("{\"type\":")
          .append(json(scope.substring(0, first)))
          .append(",\"name\":")
          .append(json(scope.substring(first + 1, last)))
          .append(",\"actions\":")
          .append(actions)
          .append('}');
    }
    access.append(']');
    byte[] jti = new byte[16];
    random.nextBytes(jti);
    String header =
        "{\"typ\":\"JWT\",\"alg\":\"ES256\",\"x5c\":[\""
            + Base64.getEncoder().encodeToString(signer.certificate().getEncoded())
            + "\"]}";
    String claims =
        "{\"iss\":"
            + json(ISSUER)
            + ",\"sub\":"
            + json(subject)
            + ",\"aud\":"
            + json(SERVICE)
            + ",\"exp\":"
            + (now + LIFETIME_SECONDS)
            + ",\"nbf\":"
            + (now - 10)
            + ",\"iat\":"
            + now
            + ",\"jti\":\""
            + HexFormat.of().formatHex(jti)
            + "\",\"access\":"
            + access
            + "}";
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    String signingInput =
        url.encodeToString(header.getBytes(StandardCharsets.UTF_8))
            + "."
            + url.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
    // JWS wants the raw r||s form (RFC 7518 §3.4), not DER.
    Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
    signature.initSign(signer.keyPair().getPrivate());
    signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
    return signingInput + "." + url.encodeToString(signature.sign());
  }

  private static String json(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  private static Map<String, List<String>> parseQuery(String query) {
    Map<String, List<String>> params = new java.util.HashMap<>();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return params;
  }

  private static String first(Map<String, List<String>> params, String key) {
    List<String> values = params.get(key);
    return values == null || values.isEmpty() ? "" : values.get(0);
  }

  private static void send(HttpExchange exchange, int status, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
