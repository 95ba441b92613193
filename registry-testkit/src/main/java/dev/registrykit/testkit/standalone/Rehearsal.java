package dev.registrykit.testkit.standalone;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.testkit.FakeRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * A push and a pull of a small image through a throwaway fake on another port, run by {@link
 * StandaloneRegistry#start} before the real registry starts: the JVM's first-use costs (loading and
 * linking about 780 classes, most of them Jackson's, initializing the manifest codec, the first
 * compilations of the request path) are then paid before the fake says it is listening, as a
 * registry compiled ahead of time pays them when it is built.
 *
 * <p>Why this and not a change to the upload path (measured with skopeo on this repository's
 * benchmark machine, CPU of the fake's process during the push, see {@code benchmarks/README.md}):
 * a cold fake spent 0.6–0.8 s of CPU on the push of a one-layer image of 1 KiB, half of it in the
 * C2 compiler; on a push of 512 MiB it spent 3.1–3.6 s, after this rehearsal 1.9–3.0 s, where
 * Distribution spent 2.1–2.8 s (three runs side by side: 2.56–2.68 s vs 2.35–2.75 s). Reading the
 * body as Jetty's own chunks instead of through {@code Request.asInputStream}, a 1 MiB input buffer
 * (bodies arrive on loopback in 64 KiB segments: fewer reads, more empty ones) and keeping Jetty's
 * request-content chain out of the upload loop's compilation each changed the 512 MiB push by less
 * than the noise. The rehearsal moves that cost rather than removing it: start-up takes about 0.6 s
 * more CPU, what the first client paid before. In-process fakes (JUnit) do not rehearse: a test JVM
 * pays first-use costs once, for all its tests.
 *
 * <p>The layer goes up as a chunked body in 32 KiB pieces, the way skopeo and Docker send blobs, so
 * that Jetty's chunked-content path is the one prepared.
 */
final class Rehearsal {
  /**
   * The layer: two pieces, so that a chunk boundary is crossed. The first-use costs do not depend
   * on its size: start-up took the same CPU with a 1 KiB layer, and a 16 MiB one, which gets the
   * upload loop compiled, made start-up 0.1–0.3 s dearer and the first 512 MiB push no cheaper.
   */
  private static final int LAYER_BYTES = 64 * 1024;

  private static final int PIECE = 32 * 1024;

  private static final String REPOSITORY = "/v2/rehearsal/image";

  /** A local fake answers in milliseconds; a stall this long is a broken fake. */
  private static final int TIMEOUT_MILLIS = 30_000;

  private Rehearsal() {}

  /**
   * Pushes and pulls a small image through a new fake on {@code address}, then closes it.
   *
   * @param address the loopback address the real registry will listen on
   * @throws IOException if the fake does not answer as a registry should (it is then broken)
   */
  static void run(InetAddress address) throws IOException {
    byte[] layer = new byte[LAYER_BYTES];
    new SplittableRandom(LAYER_BYTES).nextBytes(layer);
    Digest layerDigest = Digest.sha256(layer);
    byte[] config =
        "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"%s\"]}}"
            .formatted(layerDigest)
            .getBytes(StandardCharsets.UTF_8);
    Digest configDigest = Digest.sha256(config);
    byte[] manifest =
        ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
                + "\"digest\":\"%s\",\"size\":%d},\"layers\":[{\"mediaType\":"
                + "\"application/vnd.oci.image.layer.v1.tar\",\"digest\":\"%s\",\"size\":%d}]}")
            .formatted(configDigest, config.length, layerDigest, layer.length)
            .getBytes(StandardCharsets.UTF_8);
    String manifestType = "application/vnd.oci.image.manifest.v1+json";
    try (FakeRegistry fake =
        FakeRegistry.builder().address(address).hostName(address.getHostAddress()).start()) {
      URI base = fake.baseUri();
      exchange(base.resolve("/v2/"), "GET", null, null, 200);
      exchange(base.resolve(REPOSITORY + "/blobs/" + layerDigest), "HEAD", null, null, 404);
      String upload =
          exchange(base.resolve(REPOSITORY + "/blobs/uploads/"), "POST", null, null, 202)
              .getHeaderField("Location");
      if (upload == null) {
        throw new IOException("the rehearsal's fake opened an upload without a Location");
      }
      URI session = base.resolve(upload);
      String separator = session.getRawQuery() == null ? "?" : "&";
      exchange(
          URI.create(session + separator + "digest=" + layerDigest),
          "PUT",
          "application/octet-stream",
          layer,
          201);
      exchange(
          base.resolve(REPOSITORY + "/blobs/uploads/?digest=" + configDigest),
          "POST",
          "application/octet-stream",
          config,
          201);
      exchange(base.resolve(REPOSITORY + "/manifests/latest"), "PUT", manifestType, manifest, 201);
      exchange(base.resolve(REPOSITORY + "/manifests/latest"), "GET", null, null, 200);
      exchange(base.resolve(REPOSITORY + "/blobs/" + layerDigest), "GET", null, null, 200);
      exchange(base.resolve(REPOSITORY + "/manifests/absent"), "GET", null, null, 404);
    }
  }

  /**
   * One request; its answer's body is read to the end (so the connection is reused).
   *
   * @param body sent chunked when not null
   * @return the connection, answered with {@code expected}
   * @throws IOException if the answer has another status
   */
  private static HttpURLConnection exchange(
      URI uri, String method, @Nullable String contentType, byte @Nullable [] body, int expected)
      throws IOException {
    // Straight to the fake, whatever proxy the JVM was told to use.
    HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
    c.setConnectTimeout(TIMEOUT_MILLIS);
    c.setReadTimeout(TIMEOUT_MILLIS);
    c.setRequestMethod(method);
    if (contentType != null) {
      c.setRequestProperty("Content-Type", contentType);
    }
    if (body != null) {
      c.setDoOutput(true);
      c.setChunkedStreamingMode(PIECE);
      try (OutputStream out = c.getOutputStream()) {
        for (int at = 0; at < body.length; at += PIECE) {
          out.write(body, at, Math.min(PIECE, body.length - at));
        }
      }
    }
    int status = c.getResponseCode();
    try (InputStream answer = status < 400 ? c.getInputStream() : c.getErrorStream()) {
      if (answer != null) {
        answer.transferTo(OutputStream.nullOutputStream());
      }
    }
    if (status != expected) {
      throw new IOException(
          "the start-up rehearsal got "
              + status
              + " for "
              + method
              + " "
              + uri.getPath()
              + " where a registry answers "
              + expected);
    }
    return c;
  }
}
