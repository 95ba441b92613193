package dev.registrykit.testkit.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.registrykit.testkit.AuthMode;
import dev.registrykit.testkit.internal.storage.RegistryStorage;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Any request — method, path, query, headers, body — gets an HTTP answer from the dispatcher, never
 * an exception (which the server would turn into a dropped connection) nor the 500 that stands in
 * for one. Input: line 1 the method, line 2 the target, then {@code Name: value} header lines, an
 * empty line and the body. The seed corpus under {@code RegistryDispatcherFuzzTestInputs/} runs in
 * every build; {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class RegistryDispatcherFuzzTest {
  private static final RegistryStorage STORAGE = new RegistryStorage();

  private static RegistryDispatcher dispatcher(AuthMode auth) {
    ServerSettings settings =
        new ServerSettings(
            "localhost",
            InetAddress.getLoopbackAddress(),
            0,
            false,
            true,
            false,
            auth,
            List.of(new ServerSettings.Account("u", "p", List.of())),
            List.of(),
            Duration.ofMinutes(5),
            true,
            "fuzz",
            Clock.systemUTC(),
            List.of(),
            e -> {},
            Duration.ZERO,
            0,
            null);
    return new RegistryDispatcher(
        settings,
        STORAGE,
        new Authorizer(settings, () -> "http://localhost/token"),
        new FaultPlan(),
        d -> "http://127.0.0.1/blobs/" + d);
  }

  private static final RegistryDispatcher OPEN = dispatcher(AuthMode.NONE);
  private static final RegistryDispatcher TOKEN = dispatcher(AuthMode.TOKEN);

  @FuzzTest(maxDuration = "30s")
  void dispatch_arbitraryRequest_alwaysAnswers(byte[] input) throws Exception {
    String text = new String(input, StandardCharsets.UTF_8);
    String[] parts = text.split("\n", -1);
    String method = parts.length > 0 && !parts[0].isBlank() ? parts[0].strip() : "GET";
    String target = parts.length > 1 ? parts[1].strip() : "/v2/";
    if (!method.chars().allMatch(c -> c > ' ' && c < 127)
        || target.chars().anyMatch(c -> c <= ' ' || c >= 127)) {
      return; // a server's request-line parser refuses these before any handler
    }
    String pathAndQuery = target.startsWith("/") ? target : "/" + target;
    int q = pathAndQuery.indexOf('?');
    String rawPath = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    String path;
    try {
      path = URI.create(rawPath).getPath();
    } catch (IllegalArgumentException e) {
      return; // not a path a server's URI parser accepts
    }
    HeaderMap.Builder headers = HeaderMap.builder();
    int i = 2;
    for (; i < parts.length && !parts[i].isEmpty(); i++) {
      int colon = parts[i].indexOf(':');
      if (colon > 0) {
        headers.add(parts[i].substring(0, colon).strip(), parts[i].substring(colon + 1).strip());
      }
    }
    StringBuilder body = new StringBuilder();
    for (int j = i + 1; j < parts.length; j++) {
      body.append(parts[j]).append(j + 1 < parts.length ? "\n" : "");
    }
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    HeaderMap built = headers.build();
    for (RegistryDispatcher dispatcher : List.of(OPEN, TOKEN)) {
      Incoming request =
          new Incoming(
              method,
              path == null || path.isEmpty() ? "/" : path,
              Query.parse(q < 0 ? "" : pathAndQuery.substring(q + 1)),
              built,
              new RequestBody(bytes.length, new ByteArrayInputStream(bytes)));
      Outgoing response = dispatcher.dispatch(request);
      // 500 is what the dispatcher answers for its own bugs (no faults are configured here).
      assertThat(response.status()).isBetween(200, 599).isNotEqualTo(500);
    }
  }
}
