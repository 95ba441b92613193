package dev.registrykit.testkit.internal.server;

import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The one JSON mapper of the server (Jackson stays out of public signatures). */
final class Json {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private Json() {}

  static String write(Object value) {
    return MAPPER.writeValueAsString(value);
  }

  static Optional<JsonNode> tryRead(byte[] bytes) {
    try {
      return Optional.of(MAPPER.readTree(bytes));
    } catch (JacksonException e) {
      return Optional.empty();
    }
  }

  static Optional<String> text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && v.isString() ? Optional.of(v.stringValue()) : Optional.empty();
  }
}
