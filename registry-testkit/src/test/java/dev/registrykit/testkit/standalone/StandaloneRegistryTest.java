package dev.registrykit.testkit.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.testkit.AuthMode;
import dev.registrykit.testkit.FakeRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class StandaloneRegistryTest {
  @Test
  void parse_defaults() {
    StandaloneRegistry.Options o = StandaloneRegistry.parse(new String[0]);
    assertThat(o.port()).isEqualTo(5000);
    assertThat(o.address().getHostAddress()).isEqualTo("127.0.0.1");
    assertThat(o.auth()).isEqualTo(AuthMode.NONE);
    assertThat(o.tls()).isFalse();
    assertThat(o.referrers()).isTrue();
  }

  @Test
  void parse_allOptions() {
    StandaloneRegistry.Options o =
        StandaloneRegistry.parse(
            new String[] {"--port", "0", "--address=::1", "--auth", "token", "--user", "a:b:c", "--user=d:e", "--tls", "--no-referrers", "--read-only"});
    assertThat(o.port()).isZero();
    assertThat(o.address().isLoopbackAddress()).isTrue();
    assertThat(o.auth()).isEqualTo(AuthMode.BEARER);
    assertThat(o.users()).hasSize(2);
    assertThat(o.users().get(0)).containsExactly("a", "b:c");
    assertThat(o.tls()).isTrue();
    assertThat(o.referrers()).isFalse();
    assertThat(o.readOnly()).isTrue();
  }

  @Test
  void parse_rejectsBadInput() {
    assertThatThrownBy(() -> StandaloneRegistry.parse(new String[] {"--port", "x"})).hasMessageContaining("--port");
    assertThatThrownBy(() -> StandaloneRegistry.parse(new String[] {"--port"})).hasMessageContaining("needs a value");
    assertThatThrownBy(() -> StandaloneRegistry.parse(new String[] {"--auth", "kerberos"})).hasMessageContaining("--auth");
    assertThatThrownBy(() -> StandaloneRegistry.parse(new String[] {"--auth", "basic"})).hasMessageContaining("--user");
    assertThatThrownBy(() -> StandaloneRegistry.parse(new String[] {"--user", "nocolon"})).hasMessageContaining("USER:PASS");
    assertThatThrownBy(() -> StandaloneRegistry.parse(new String[] {"--address", "8.8.8.8"})).hasMessageContaining("loopback");
    assertThatThrownBy(() -> StandaloneRegistry.parse(new String[] {"--frobnicate"})).hasMessageContaining("unknown option");
  }

  @Test
  void start_logsOneLinePerRequest_andPrintsTheCaPath() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    StandaloneRegistry.Options o =
        StandaloneRegistry.parse(new String[] {"--port", "0", "--tls", "--auth", "basic", "--user", "u:secret-pw"});
    try (FakeRegistry registry = StandaloneRegistry.start(o, out)) {
      HttpClient client = HttpClient.newBuilder().sslContext(registry.sslContext().orElseThrow()).build();
      HttpResponse<Void> r =
          client.send(HttpRequest.newBuilder(registry.url("/v2/")).header("Authorization", "Basic dTpzZWNyZXQtcHc=").build(),
              HttpResponse.BodyHandlers.discarding());
      assertThat(r.statusCode()).isEqualTo(200);
    }
    String log = bytes.toString(StandardCharsets.UTF_8);
    assertThat(log).contains("listening on https://127.0.0.1:").contains("CA certificate written to ").contains("ca.crt");
    assertThat(log.lines().filter(l -> l.contains("GET /v2/ -> 200"))).hasSize(1);
    assertThat(log).doesNotContain("secret-pw").doesNotContain("dTpzZWNyZXQtcHc");
  }
}
