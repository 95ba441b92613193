package dev.registrykit.client.internal.http;

import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Short, safe summaries of error bodies for exception messages. */
final class ErrorBodies {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int MAX_SUMMARY = 200;

  private ErrorBodies() {}

  /**
   * {@code ": CODE: message"} from a spec error body ({@code {"errors":[{"code":…,"message":…}]}}) or
   * an OAuth2 one ({@code {"error":…,"error_description":…}}); empty for anything else. Registries do
   * not echo credentials in these fields; the summary is capped and stripped of control characters.
   */
  static String summary(byte[] content) {
    if (content.length == 0 || content[0] != '{') {
      return "";
    }
    try {
      JsonNode node = JSON.readTree(content);
      JsonNode errors = node.get("errors");
      StringBuilder sb = new StringBuilder();
      if (errors != null && errors.isArray()) {
        for (JsonNode error : errors) {
          append(sb, error.path("code").asString(""), error.path("message").asString(""));
        }
      } else if (node.has("error")) {
        append(sb, node.path("error").asString(""), node.path("error_description").asString(""));
      }
      return sb.length() == 0 ? "" : ": " + clean(sb.toString());
    } catch (JacksonException e) {
      return "";
    }
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
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length() && sb.length() < MAX_SUMMARY; i++) {
      char c = s.charAt(i);
      sb.append(c < ' ' || c == 0x7f ? ' ' : c);
    }
    return s.length() > MAX_SUMMARY ? sb + "…" : sb.toString();
  }

  static String utf8(byte[] content) {
    return new String(content, StandardCharsets.UTF_8);
  }
}
