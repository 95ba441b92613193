package dev.registrykit.client.internal.http;

import dev.registrykit.client.internal.json.JsonBodies;
import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.distribution.ErrorResponse;
import dev.registrykit.core.distribution.RegistryError;
import dev.registrykit.core.text.UntrustedText;

/** Short, safe summaries of error bodies for exception messages. */
final class ErrorBodies {
  private static final int MAX_SUMMARY = 200;

  private ErrorBodies() {}

  /**
   * {@code ": CODE: message"} from a spec error body ({@code {"errors":[{"code":…,"message":…}]}})
   * or an OAuth2 one (token endpoints) ({@code {"error":…,"error_description":…}}); empty for
   * anything else. Registries do not echo credentials in these fields; the summary is capped and
   * made safe to display ({@link UntrustedText}).
   */
  static String summary(byte[] content) {
    if (content.length == 0 || content[0] != '{') {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    // Spec error bodies go through core's one parser (the same the client's typed errors use).
    for (RegistryError error : ErrorResponse.parse(Bytes.of(content)).errors()) {
      append(sb, error.wireCode(), error.message());
    }
    if (sb.length() == 0) {
      try {
        JsonBodies.ObjectBody body = JsonBodies.object(content);
        append(sb, body.string("error").orElse(""), body.string("error_description").orElse(""));
      } catch (IllegalArgumentException e) {
        return "";
      }
    }
    return sb.length() == 0 ? "" : ": " + clean(sb.toString());
  }

  private static void append(StringBuilder sb, String code, String message) {
    if (code.isEmpty() && message.isEmpty()) {
      return;
    }
    if (sb.length() > 0) {
      sb.append("; ");
    }
    sb.append(code);
    if (!message.isEmpty()) {
      sb.append(code.isEmpty() ? "" : ": ").append(message);
    }
  }

  private static String clean(String s) {
    return UntrustedText.display(s, MAX_SUMMARY);
  }
}
