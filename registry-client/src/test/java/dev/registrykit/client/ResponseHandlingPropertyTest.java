package dev.registrykit.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.client.config.RetryPolicy;
import dev.registrykit.client.transport.HttpHeaders;
import dev.registrykit.client.transport.HttpRequest;
import dev.registrykit.client.transport.HttpResponse;
import dev.registrykit.client.transport.HttpTransport;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.core.reference.Repository;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A seeded property test of the client's response handling: whatever a registry answers (random
 * status codes, headers, lengths, truncated or garbage bodies, {@code Link}, {@code Location},
 * {@code WWW-Authenticate} and {@code Retry-After} values, control characters), every operation
 * ends with a result or an {@link IOException} (the documented {@code RegistryException} family, or
 * the digest and content checks'), never a {@link RuntimeException} or an {@link Error}, and no
 * exception message carries a terminal control or bidi character. The seed is printed on failure.
 */
class ResponseHandlingPropertyTest {
  private static final long SEED = 0x5EED_2026_1206L;
  private static final int ROUNDS = 600;
  private static final Digest DIGEST = Digest.sha256("blob".getBytes(StandardCharsets.UTF_8));

  @Test
  void randomResponses_onlyYieldDocumentedExceptions() throws IOException {
    Random random = new Random(SEED);
    for (int round = 0; round < ROUNDS; round++) {
      long seed = random.nextLong();
      try (RegistryClient client =
          RegistryClient.builder()
              .transport(new RandomRegistry(new Random(seed)))
              .retryPolicy(RetryPolicy.none())
              .build()) {
        Repository repository = Repository.parse("registry.example/team/app");
        int operation = Math.floorMod(seed, 5);
        try {
          switch (operation) {
            case 0 -> client.getManifest(ImageReference.parse("registry.example/team/app:v1"));
            case 1 ->
                client.headManifest(ImageReference.parse("registry.example/team/app@" + DIGEST));
            case 2 -> client.statBlob(repository, DIGEST);
            case 3 -> {
              try (InputStream in = client.openBlob(repository, DIGEST)) {
                in.readAllBytes();
              }
            }
            default -> client.listTags(repository);
          }
        } catch (dev.registrykit.core.manifest.InvalidManifestException e) {
          // Core's documented type for manifest content that does not parse.
          assertThat(operation).as("seed %d: %s", seed, e).isZero();
        } catch (IOException e) {
          for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage()))
                .as("seed %d, operation %d: %s", seed, operation, t)
                .doesNotContain("\u001b", "\u0007", "\u009b", "\u202e", "\u2066");
          }
        } catch (RuntimeException | Error e) {
          throw new AssertionError("seed " + seed + ", operation " + operation + ": " + e, e);
        }
      }
    }
  }

  /** A transport answering every request at random. */
  private static final class RandomRegistry implements HttpTransport {
    private static final int[] STATUSES = {
      200, 200, 200, 201, 202, 204, 206, 301, 302, 307, 308, 400, 401, 401, 403, 404, 404, 405, 416,
      429, 500, 502, 503, 504, 100, 199, 299, 399, 499, 599, 999
    };
    private static final String[] HOSTILE = {
      "\u001b[2J",
      "\u0007",
      "\u009b31m",
      "\u202etxt.exe",
      "\u2066",
      "\r\n",
      "\u0000",
      "é",
      "😀",
      "\ud800"
    };
    private final Random random;
    private int requests;

    RandomRegistry(Random random) {
      this.random = random;
    }

    @Override
    public HttpResponse send(HttpRequest request) throws IOException {
      if (++requests > 40) {
        throw new SocketException("too many requests in one round");
      }
      if (random.nextInt(12) == 0) {
        throw random.nextBoolean() ? new SocketException("reset") : new EOFException("closed");
      }
      int status = STATUSES[random.nextInt(STATUSES.length)];
      HttpHeaders.Builder headers = HttpHeaders.builder();
      if (random.nextBoolean()) {
        add(
            headers,
            "Content-Type",
            pick(
                "application/json",
                "application/vnd.oci.image.manifest.v1+json",
                "application/vnd.oci.image.index.v1+json",
                "text/plain",
                text()));
      }
      if (random.nextInt(3) == 0) {
        add(headers, "Docker-Content-Digest", pick(DIGEST.toString(), "sha256:zz", text(), ""));
      }
      if (random.nextInt(3) == 0) {
        add(
            headers,
            "Content-Length",
            pick(
                "0", "4", "-1", "99999999999999999999", "x", String.valueOf(random.nextInt(5000))));
      }
      if (random.nextInt(4) == 0) {
        add(
            headers,
            "Location",
            pick(
                "/v2/team/app/blobs/uploads/1",
                "https://elsewhere.example/x",
                "http://169.254.169.254/",
                "::::",
                "",
                text()));
      }
      if (random.nextInt(4) == 0) {
        add(
            headers,
            "Link",
            pick(
                "</v2/team/app/tags/list?n=1&last=a>; rel=\"next\"",
                "<https://elsewhere.example/v2/team/app/tags/list?last=a>; rel=\"next\"",
                "<>; rel=next",
                "garbage",
                text()));
      }
      if (random.nextInt(4) == 0) {
        add(
            headers,
            "WWW-Authenticate",
            pick(
                "Bearer realm=\"https://auth.example/token\",service=\"s\"",
                "Bearer realm=\"" + text() + "\"",
                "Basic",
                "Bearer",
                "Negotiate abc",
                "Bearer error=\"insufficient_scope\"",
                text()));
      }
      if (random.nextInt(4) == 0) {
        add(
            headers,
            "Retry-After",
            pick("0", "1", "-5", "999999999999", "Wed, 21 Oct 2015 07:28:00 GMT", text()));
      }
      if (random.nextInt(5) == 0) {
        add(headers, "Range", pick("0-3", "bytes=0-3", "9-1", text()));
      }
      return HttpResponse.of(request.uri(), status, headers.build(), body());
    }

    /**
     * Adds a header as a transport delivers it: HTTP framing leaves no CR, LF or NUL in a value.
     */
    private static void add(HttpHeaders.Builder headers, String name, String value) {
      headers.add(name, value.replaceAll("[\r\n\u0000]", ""));
    }

    private InputStream body() {
      byte[] content =
          switch (random.nextInt(8)) {
            case 0 -> new byte[0];
            case 1 -> "blob".getBytes(StandardCharsets.UTF_8);
            case 2 ->
                ("{\"errors\":[{\"code\":\""
                        + pick(
                            "MANIFEST_UNKNOWN",
                            "NAME_UNKNOWN",
                            "BLOB_UNKNOWN",
                            "DENIED",
                            "X",
                            text())
                        + "\",\"message\":\""
                        + text().replace("\\", "\\\\").replace("\"", "'")
                        + "\"}]}")
                    .getBytes(StandardCharsets.UTF_8);
            case 3 ->
                ("{\"name\":\"team/app\",\"tags\":[\"a\",\"" + text() + "\", null, 7]}")
                    .getBytes(StandardCharsets.UTF_8);
            case 4 ->
                "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":"
                    .getBytes(StandardCharsets.UTF_8);
            case 5 ->
                ("{\"token\":\""
                        + text()
                        + "\",\"expires_in\":"
                        + pick("-1", "1e400", "\"x\"", "60")
                        + "}")
                    .getBytes(StandardCharsets.UTF_8);
            case 6 -> text().getBytes(StandardCharsets.UTF_8);
            default -> {
              byte[] b = new byte[random.nextInt(3000)];
              random.nextBytes(b);
              yield b;
            }
          };
      InputStream in = new ByteArrayInputStream(content);
      if (random.nextInt(6) == 0) {
        // The connection breaks mid-body.
        in =
            new SequenceInputStream(
                in,
                new InputStream() {
                  @Override
                  public int read() throws IOException {
                    throw new SocketException("connection reset mid-body");
                  }
                });
      }
      return in;
    }

    private String text() {
      StringBuilder sb = new StringBuilder();
      int parts = random.nextInt(4);
      for (int i = 0; i < parts; i++) {
        sb.append(
            random.nextBoolean()
                ? HOSTILE[random.nextInt(HOSTILE.length)]
                : "word" + random.nextInt(100));
      }
      return sb.toString();
    }

    @SafeVarargs
    private <T> T pick(T... values) {
      return values[random.nextInt(values.length)];
    }

    @Override
    public void close() {}
  }
}
