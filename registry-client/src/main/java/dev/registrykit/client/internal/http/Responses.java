package dev.registrykit.client.internal.http;

import dev.registrykit.client.transport.HttpResponse;
import java.io.IOException;
import java.io.InputStream;

/** Reading what the pipeline itself reads of a response: error bodies, and nothing more. */
final class Responses {
  /**
   * The most of an error body (or of a body read only so its connection can be reused) the client
   * reads: a hostile server cannot make it buffer more. Beyond it the connection is discarded.
   */
  static final int MAX_ERROR_BODY = 64 * 1024;

  private Responses() {}

  /** Reads a little of the body so the connection can be reused, then closes. */
  static void discard(HttpResponse response) {
    try (response;
        InputStream in = response.body()) {
      in.readNBytes(MAX_ERROR_BODY);
    } catch (IOException ignored) {
      // The connection is discarded instead of reused; nothing else to do.
    }
  }

  /** The error body, at most {@link #MAX_ERROR_BODY} bytes (empty when unreadable), then closes. */
  static byte[] readErrorBody(HttpResponse response) {
    try (response) {
      return response.readBody(MAX_ERROR_BODY);
    } catch (IOException e) {
      return new byte[0];
    }
  }
}
