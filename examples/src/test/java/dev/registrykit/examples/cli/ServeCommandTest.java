package dev.registrykit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.testkit.standalone.StandaloneRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code registrykit serve} in a child JVM, as a user runs it, stopped by its pid. */
@Timeout(120)
class ServeCommandTest {
  private static final Pattern ADDRESS = Pattern.compile("listening on (http://\\S+) ");

  @Test
  void serve_freePort_answersV2AndAcceptsCommands() throws Exception {
    Process process = start("serve", "--port", "0");
    try {
      String line = firstLine(process);
      Matcher m = ADDRESS.matcher(line);
      assertThat(m.find()).as(line).isTrue();
      URI base = URI.create(m.group(1));

      HttpResponse<String> v2 = get(base.resolve("/v2/"), null);
      assertThat(v2.statusCode()).isEqualTo(200);

      String host = base.getHost() + ":" + base.getPort();
      assertThat(CliRun.of("catalog", "--insecure", host).assertSuccess().stdout()).isEmpty();
    } finally {
      stop(process);
    }
  }

  @Test
  void serve_basicAuth_challengesWithoutCredentials() throws Exception {
    Process process = start("serve", "--port", "0", "--auth", "basic", "--user", "alice:s3cret");
    try {
      String line = firstLine(process);
      assertThat(line).contains("auth basic").doesNotContain("s3cret");
      Matcher m = ADDRESS.matcher(line);
      assertThat(m.find()).isTrue();
      URI base = URI.create(m.group(1));

      assertThat(get(base.resolve("/v2/"), null).statusCode()).isEqualTo(401);
      String basic =
          Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8));
      assertThat(get(base.resolve("/v2/"), "Basic " + basic).statusCode()).isEqualTo(200);
    } finally {
      stop(process);
    }
  }

  @Test
  void serve_severalUsersReadOnlyNoReferrers_allApplied() throws Exception {
    Process process =
        start(
            "serve",
            "--port=0",
            "--auth=basic",
            "--user",
            "alice:s3cret",
            "--user=bob:pw:with:colons",
            "--read-only",
            "--no-referrers");
    try {
      String line = firstLine(process);
      assertThat(line)
          .contains("auth basic", "no referrers API", "read-only")
          .doesNotContain("s3cret");
      Matcher m = ADDRESS.matcher(line);
      assertThat(m.find()).as(line).isTrue();
      URI base = URI.create(m.group(1));

      for (String user : List.of("alice:s3cret", "bob:pw:with:colons")) {
        String basic =
            "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8));
        assertThat(get(base.resolve("/v2/"), basic).statusCode()).as(user).isEqualTo(200);
        assertThat(post(base.resolve("/v2/app/blobs/uploads/"), basic).statusCode())
            .as(user)
            .isEqualTo(405);
        assertThat(
                get(base.resolve("/v2/app/referrers/sha256:" + "0".repeat(64)), basic).statusCode())
            .as(user)
            .isEqualTo(404);
      }
    } finally {
      stop(process);
    }
  }

  @Test
  void options_sameAsTheStandaloneSynopsis() {
    // One option model: the CLI declares exactly the options the testkit's parser accepts.
    Set<String> synopsis = new TreeSet<>();
    Matcher m = Pattern.compile("--([a-z-]+)").matcher(StandaloneRegistry.SYNOPSIS);
    while (m.find()) {
      synopsis.add(m.group(1));
    }
    Set<String> declared = new TreeSet<>();
    for (OptionSpec option : ServeCommand.OPTIONS) {
      declared.add(option.name());
    }
    assertThat(declared).isEqualTo(synopsis);
  }

  @Test
  void serve_badOptions_exit2() {
    assertThat(CliRun.of("serve", "--user", "nocolon").stderr()).contains("USER:PASS");
    assertThat(CliRun.of("serve", "--tls=yes").exitCode()).isEqualTo(2);
    assertThat(CliRun.of("serve", "--auth", "kerberos").exitCode()).isEqualTo(2);
    assertThat(CliRun.of("serve", "--auth", "basic").stderr()).contains("needs --user");
    assertThat(CliRun.of("serve", "--port", "99999").exitCode()).isEqualTo(2);
    assertThat(CliRun.of("serve", "--address", "8.8.8.8").stderr()).contains("loopback");
  }

  private static Process start(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(RegistryKitCli.class.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  private static String firstLine(Process process) throws Exception {
    BufferedReader reader =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = reader.readLine();
    return line == null ? "(no output, exit " + process.waitFor() + ")" : line;
  }

  private static void stop(Process process) throws Exception {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  private static HttpResponse<String> post(URI uri, String authorization) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .header("Authorization", authorization)
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(URI uri, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
