package dev.registrykit.client;

import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The client's one JSON mapper, for the small documents of the API (tag lists, catalog). Internal. */
final class Json {
  static final JsonMapper MAPPER = JsonMapper.builder().build();

  private Json() {}

  /** Parses a JSON document, or empty when it is not one. */
  static Optional<JsonNode> tryRead(byte[] content) {
    try {
      return Optional.ofNullable(MAPPER.readTree(content));
    } catch (JacksonException e) {
      return Optional.empty();
    }
  }

  static Optional<String> string(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isString() ? Optional.of(value.stringValue()) : Optional.empty();
  }
}
