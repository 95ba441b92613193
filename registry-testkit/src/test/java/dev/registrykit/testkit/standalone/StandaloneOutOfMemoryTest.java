package dev.registrykit.testkit.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An upload larger than the standalone fake's heap gets an answer instead of leaving the client
 * waiting for ever, and the fake keeps serving: it runs here in a JVM with a 64 MiB heap and is
 * sent a 256 MiB streamed PATCH.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StandaloneOutOfMemoryTest {
  private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");
  private static final long UPLOAD = 256L * 1024 * 1024;

  /** A standalone fake in its own JVM with a 64 MiB heap, and its base URI. */
  private record Fake(Process process, String base) implements AutoCloseable {
    static Fake start() throws Exception {
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      Process fake =
          new ProcessBuilder(
                  List.of(
                      java.toString(),
                      "-Xmx64m",
                      "-cp",
                      System.getProperty("java.class.path"),
                      StandaloneRegistry.class.getName(),
                      "--port",
                      "0",
                      "--journal-limit",
                      "100"))
              .redirectErrorStream(true)
              .start();
      try {
        // Its log is read to the end on another thread, so the fake never blocks writing it.
        CompletableFuture<String> listening = new CompletableFuture<>();
        Thread reader =
            new Thread(
                () -> {
                  try (BufferedReader out =
                      new BufferedReader(
                          new InputStreamReader(fake.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                      Matcher m = LISTENING.matcher(line);
                      if (m.find()) {
                        listening.complete(m.group(1));
                      }
                    }
                  } catch (IOException e) {
                    listening.completeExceptionally(e);
                  }
                  listening.completeExceptionally(
                      new IllegalStateException("the fake exited before listening"));
                });
        reader.setDaemon(true);
        reader.start();
        return new Fake(fake, listening.get(30, TimeUnit.SECONDS));
      } catch (Exception | Error e) {
        fake.destroy();
        throw e;
      }
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      process.waitFor();
    }
  }

  private static String open(HttpClient client, String base) throws Exception {
    HttpResponse<String> opened =
        client.send(
            HttpRequest.newBuilder(URI.create(base + "/v2/big/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return opened.headers().firstValue("Location").orElseThrow();
  }

  private static void assertStillServing(HttpClient client, String base) throws Exception {
    HttpResponse<String> ping =
        client.send(
            HttpRequest.newBuilder(URI.create(base + "/v2/"))
                .timeout(Duration.ofSeconds(30))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(ping.statusCode()).isEqualTo(200);
  }

  @Test
  void uploadLargerThanTheHeap_isAnswered_andTheFakeKeepsServing() throws Exception {
    try (Fake fake = Fake.start()) {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      String location = open(client, fake.base());

      // Streamed (chunked): the fake learns the size only as the bytes arrive.
      HttpRequest patch =
          HttpRequest.newBuilder(URI.create(fake.base()).resolve(location))
              .timeout(Duration.ofSeconds(60))
              .method("PATCH", HttpRequest.BodyPublishers.ofInputStream(() -> new Zeros(UPLOAD)))
              .build();
      try {
        HttpResponse<String> refused = client.send(patch, HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(500);
        assertThat(refused.body()).contains("-Xmx");
      } catch (IOException closedWhileSending) {
        // Also an answer: the fake closed the connection while the client was still sending.
      }

      assertStillServing(client, fake.base());
    }
  }

  @Test
  void
      manyConcurrentUploadsExhaustingTheHeap_eachGetsAnAnswerOrAClosedConnection_andTheFakeKeepsServing()
          throws Exception {
    int uploads = 120;
    long each = 2L * 1024 * 1024; // 240 MiB in all, for a 64 MiB heap
    try (Fake fake = Fake.start()) {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();
      List<String> locations = new ArrayList<>();
      for (int i = 0; i < uploads; i++) {
        locations.add(open(client, fake.base()));
      }
      List<CompletableFuture<String>> outcomes = new ArrayList<>();
      for (String location : locations) {
        HttpRequest patch =
            HttpRequest.newBuilder(URI.create(fake.base()).resolve(location))
                .timeout(Duration.ofSeconds(90))
                .method("PATCH", HttpRequest.BodyPublishers.ofInputStream(() -> new Zeros(each)))
                .build();
        outcomes.add(
            client
                .sendAsync(patch, HttpResponse.BodyHandlers.ofString())
                .handle(
                    (response, failure) -> {
                      if (response != null) {
                        return response.statusCode() == 500 && !response.body().contains("-Xmx")
                            ? "500 without -Xmx"
                            : "" + response.statusCode();
                      }
                      Throwable cause =
                          failure instanceof CompletionException ? failure.getCause() : failure;
                      // A closed connection is an answer; a timeout means a request was left
                      // waiting.
                      return cause instanceof HttpTimeoutException ? "no answer" : "closed";
                    }));
      }
      List<String> results = new ArrayList<>();
      for (CompletableFuture<String> outcome : outcomes) {
        results.add(outcome.get(120, TimeUnit.SECONDS));
      }

      assertThat(results).allMatch(r -> r.equals("202") || r.equals("500") || r.equals("closed"));
      assertThat(results).anyMatch(r -> r.equals("500") || r.equals("closed"));
      // A new client: the pooled connections may be ones the fake closed after refusing.
      assertStillServing(HttpClient.newHttpClient(), fake.base());
    }
  }

  /** {@code size} zero bytes, generated as they are read. */
  private static final class Zeros extends InputStream {
    private long left;

    Zeros(long size) {
      left = size;
    }

    @Override
    public int read() {
      if (left == 0) {
        return -1;
      }
      left--;
      return 0;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (left == 0) {
        return -1;
      }
      int n = (int) Math.min(len, left);
      Arrays.fill(b, off, off + n, (byte) 0);
      left -= n;
      return n;
    }
  }
}
