package dev.registrykit.testkit.standalone;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.digest.DigestAlgorithm;
import dev.registrykit.testkit.FakeRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * Runs one upload and one download through a scratch fake before the served one starts, so that
 * the first client's bytes go through compiled code.
 *
 * <p>Why: a fresh JVM interprets the per-byte paths (the body tap, SHA-256, the socket loops) until
 * the JIT has compiled them. Measured with skopeo and a 512 MiB layer, a standalone fake's first
 * push took 0.3–0.4 s longer than its second, about 15% of the push, a cost Distribution (compiled
 * ahead of time) does not have. The scratch upload is a streamed chunked {@code PATCH}, as skopeo
 * and Docker send, of at most 64 MiB and at most an eighth of the heap; it costs a few tenths of a
 * second of start-up and is dropped with the scratch registry. Any failure only means no warm-up.
 */
final class WarmUp {
  private static final int CHUNK = 32 * 1024;

  private WarmUp() {}

  /**
   * Warms up.
   *
   * @return whether the round trip worked (it failing is not an error: see the class comment)
   */
  static boolean run() {
    long size = Math.min(64L * 1024 * 1024, Runtime.getRuntime().maxMemory() / 8) / CHUNK * CHUNK;
    try (FakeRegistry scratch = FakeRegistry.builder().address(InetAddress.getLoopbackAddress()).start();
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), scratch.port())) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      String opened = exchange(out, in, "POST /v2/warm-up/blobs/uploads/ HTTP/1.1\r\nHost: warm-up\r\nContent-Length: 0\r\n\r\n");
      String location = header(opened, "location");

      MessageDigest sha256 = DigestAlgorithm.SHA256.newMessageDigest();
      byte[] chunk = new byte[CHUNK];
      out.write(ascii("PATCH " + location + " HTTP/1.1\r\nHost: warm-up\r\nTransfer-Encoding: chunked\r\n\r\n"));
      for (long sent = 0; sent < size; sent += CHUNK) {
        chunk[(int) (sent / CHUNK % CHUNK)]++; // not one repeated chunk, as real layers are not
        sha256.update(chunk);
        out.write(ascii(Integer.toHexString(CHUNK) + "\r\n"));
        out.write(chunk);
        out.write(ascii("\r\n"));
      }
      out.write(ascii("0\r\n\r\n"));
      String patchedHead = response(in);
      String patched = header(patchedHead, "location");
      Digest digest = Digest.fromHash(DigestAlgorithm.SHA256, sha256.digest());
      String separator = patched.contains("?") ? "&" : "?";
      String put = exchange(out, in, "PUT " + patched + separator + "digest=" + digest + " HTTP/1.1\r\nHost: warm-up\r\nContent-Length: 0\r\n\r\n");
      String got = exchange(out, in, "GET /v2/warm-up/blobs/" + digest + " HTTP/1.1\r\nHost: warm-up\r\n\r\n");
      return status(opened) == 202 && status(patchedHead) == 202 && status(put) == 201 && status(got) == 200;
    } catch (IOException | RuntimeException e) {
      // Best effort: the served registry works the same, only its first upload is slower.
      return false;
    }
  }

  private static int status(String head) {
    String[] statusLine = head.split(" ", 3);
    return statusLine.length < 2 ? -1 : Integer.parseInt(statusLine[1]);
  }

  private static String exchange(OutputStream out, InputStream in, String request) throws IOException {
    out.write(ascii(request));
    out.flush();
    return response(in);
  }

  /** Reads one response; returns its head, after reading and dropping its body. */
  private static String response(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("the scratch registry closed the connection");
      }
      head.write(b);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    String length = header(text, "content-length");
    in.skipNBytes(length.isEmpty() ? 0 : Long.parseLong(length));
    return text;
  }

  /** The value of header {@code lowerCaseName} in a response head, or empty. */
  private static String header(String head, String lowerCaseName) {
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(lowerCaseName)) {
        return line.substring(colon + 1).trim();
      }
    }
    return "";
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
