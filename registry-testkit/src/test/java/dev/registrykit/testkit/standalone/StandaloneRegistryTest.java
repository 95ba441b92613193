package dev.registrykit.testkit.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.testkit.AuthMode;
import dev.registrykit.testkit.FakeRegistry;
import dev.registrykit.testkit.standalone.StandaloneRegistry.Options;
import dev.registrykit.testkit.standalone.StandaloneRegistry.User;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class StandaloneRegistryTest {
  @Test
  void parse_noArguments_defaults() {
    Options o = Options.parse(List.of());
    assertThat(o.port()).isEqualTo(5000);
    assertThat(o.address().getHostAddress()).isEqualTo("127.0.0.1");
    assertThat(o.auth()).isEqualTo(AuthMode.NONE);
    assertThat(o.users()).isEmpty();
    assertThat(o.tls()).isFalse();
    assertThat(o.referrers()).isTrue();
    assertThat(o.readOnly()).isFalse();
    assertThat(o.uploadExpiry()).isEqualTo(Duration.ofHours(1));
    assertThat(o.journalLimit()).isEqualTo(10_000);
    assertThat(Options.defaults()).isEqualTo(o);
  }

  @Test
  void parse_allOptions_eachSet() {
    Options o =
        Options.parse(
            List.of(
                "--port",
                "0",
                "--address=::1",
                "--auth",
                "token",
                "--user",
                "a:b:c",
                "--user=d:e",
                "--tls",
                "--no-referrers",
                "--read-only",
                "--upload-expiry",
                "15m",
                "--journal-limit=50",
                "--storage",
                "/tmp/blobs"));
    assertThat(o.port()).isZero();
    assertThat(o.address().isLoopbackAddress()).isTrue();
    assertThat(o.auth()).isEqualTo(AuthMode.TOKEN);
    assertThat(o.users()).containsExactly(new User("a", "b:c"), new User("d", "e"));
    assertThat(o.tls()).isTrue();
    assertThat(o.referrers()).isFalse();
    assertThat(o.readOnly()).isTrue();
    assertThat(o.uploadExpiry()).isEqualTo(Duration.ofMinutes(15));
    assertThat(o.journalLimit()).isEqualTo(50);
    assertThat(o.storage()).contains(Path.of("/tmp/blobs"));
  }

  @Test
  void parse_badInput_throwsNamingTheOption() {
    assertThatThrownBy(() -> Options.parse(List.of("--port", "x"))).hasMessageContaining("--port");
    assertThatThrownBy(() -> Options.parse(List.of("--port", "70000")))
        .hasMessageContaining("--port out of range");
    assertThatThrownBy(() -> Options.parse(List.of("--port")))
        .hasMessageContaining("needs a value");
    assertThatThrownBy(() -> Options.parse(List.of("--auth", "kerberos")))
        .hasMessageContaining("--auth");
    assertThatThrownBy(() -> Options.parse(List.of("--auth", "basic")))
        .hasMessageContaining("--user");
    assertThatThrownBy(() -> Options.parse(List.of("--user", "nocolon")))
        .hasMessageContaining("USER:PASS");
    assertThatThrownBy(() -> Options.parse(List.of("--user", ":pw")))
        .hasMessageContaining("USER:PASS");
    assertThatThrownBy(() -> Options.parse(List.of("--address", "8.8.8.8")))
        .hasMessageContaining("loopback");
    assertThatThrownBy(() -> Options.parse(List.of("--tls=yes")))
        .hasMessageContaining("takes no value");
    assertThatThrownBy(() -> Options.parse(List.of("--frobnicate")))
        .hasMessageContaining("unknown option");
    assertThatThrownBy(() -> Options.parse(List.of("--auth", "bearer")))
        .hasMessageContaining("none, basic or token");
    assertThatThrownBy(() -> Options.parse(List.of("--upload-expiry", "10")))
        .hasMessageContaining("--upload-expiry");
    assertThatThrownBy(() -> Options.parse(List.of("--upload-expiry", "99999999999h")))
        .hasMessageContaining("--upload-expiry");
    assertThatThrownBy(() -> Options.parse(List.of("--journal-limit", "-1")))
        .hasMessageContaining("--journal-limit");
  }

  @Test
  void parse_badUserOrAddress_messageNeverContainsThePassword() {
    assertThatThrownBy(
            () -> Options.parse(List.of("--user", "alice:hunter2", "--auth", "kerberos")))
        .message()
        .doesNotContain("hunter2");
    assertThatThrownBy(() -> Options.parse(List.of("--user=:hunter2")))
        .message()
        .doesNotContain("hunter2");
  }

  @Test
  void user_toString_hidesPassword() {
    assertThat(new User("alice", "hunter2").toString()).isEqualTo("alice:***");
    assertThat(Options.parse(List.of("--auth", "basic", "--user", "alice:hunter2")).toString())
        .doesNotContain("hunter2");
  }

  @Test
  void synopsis_listsEveryParsedOption() {
    // The one place the options are documented for other programs (registrykit serve --help).
    assertThat(StandaloneRegistry.SYNOPSIS)
        .contains(
            "--port",
            "--address",
            "--auth none|basic|token",
            "--user USER:PASS]...",
            "--tls",
            "--no-referrers",
            "--read-only",
            "--upload-expiry",
            "--journal-limit",
            "--storage DIR");
  }

  @Test
  void start_tlsAndBasic_logsOneLinePerRequestAndPrintsTheCaPath() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Options o =
        Options.parse(List.of("--port", "0", "--tls", "--auth", "basic", "--user", "u:secret-pw"));
    try (FakeRegistry registry = StandaloneRegistry.start(o, out)) {
      HttpClient client =
          HttpClient.newBuilder().sslContext(registry.sslContext().orElseThrow()).build();
      HttpResponse<Void> r =
          client.send(
              HttpRequest.newBuilder(registry.url("/v2/"))
                  .header("Authorization", "Basic dTpzZWNyZXQtcHc=")
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      assertThat(r.statusCode()).isEqualTo(200);
    }
    String log = bytes.toString(StandardCharsets.UTF_8);
    assertThat(log)
        .contains("listening on https://127.0.0.1:")
        .contains("auth basic")
        .contains("CA certificate written to ")
        .contains("ca.crt");
    assertThat(log.lines().filter(l -> l.contains("GET /v2/ -> 200"))).hasSize(1);
    assertThat(log).doesNotContain("secret-pw").doesNotContain("dTpzZWNyZXQtcHc");
  }

  @Test
  void start_readOnlyWithoutReferrers_refusesWritesAndAnswers404ForReferrers() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    Options o = Options.parse(List.of("--port", "0", "--read-only", "--no-referrers"));
    try (FakeRegistry registry = StandaloneRegistry.start(o, out)) {
      HttpClient client = HttpClient.newHttpClient();
      HttpResponse<Void> post =
          client.send(
              HttpRequest.newBuilder(registry.url("/v2/app/blobs/uploads/"))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      assertThat(post.statusCode()).isEqualTo(405);
      HttpResponse<Void> referrers =
          client.send(
              HttpRequest.newBuilder(registry.url("/v2/app/referrers/sha256:" + "0".repeat(64)))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      assertThat(referrers.statusCode()).isEqualTo(404);
    }
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("no referrers API, read-only");
  }

  @Test
  void start_servesAnEmptyRegistry_andPrintsOnlyWhereItListens() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    try (FakeRegistry registry =
        StandaloneRegistry.start(Options.parse(List.of("--port", "0")), out)) {
      assertThat(registry.repositories()).isEmpty();
      assertThat(registry.requests()).isEmpty();
      assertThat(registry.openUploads()).isEmpty();
    }
    assertThat(bytes.toString(StandardCharsets.UTF_8).lines())
        .singleElement(InstanceOfAssertFactories.STRING)
        .startsWith("registrykit fake registry listening on http://127.0.0.1:");
  }

  /**
   * The standalone jar bundles no SLF4J backend: its first line is where it listens, not SLF4J's
   * notice about that (Jetty logs through SLF4J). Run as {@code java -cp … StandaloneRegistry},
   * with this module's test class path, which has no backend either.
   */
  @Test
  void main_printsWhereItListensFirst_noSlf4jNotice() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process fake =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                StandaloneRegistry.class.getName(),
                "--port",
                "0")
            .redirectErrorStream(true)
            .start();
    try (java.io.BufferedReader out =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(fake.getInputStream(), StandardCharsets.UTF_8))) {
      assertThat(out.readLine()).startsWith("registrykit fake registry listening on http://");
    } finally {
      fake.destroy();
      fake.waitFor();
    }
  }
}
