package dev.registrykit.core.distribution;

import dev.registrykit.core.digest.Bytes;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Jackson behind {@link ErrorResponse}; package-private so no Jackson type escapes. */
final class ErrorBodies {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  // Error bodies are small; a huge one is not worth parsing (ggcr reads at most 64 KiB of them).
  static final int MAX_BODY = 64 * 1024;

  private ErrorBodies() {}

  static List<RegistryError> parse(byte[] body) {
    if (body.length == 0 || body.length > MAX_BODY) {
      return List.of();
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (JacksonException | IllegalArgumentException | ArithmeticException e) {
      return List.of();
    }
    if (root == null || !root.isObject()) {
      return List.of();
    }
    JsonNode errors = root.get("errors");
    if (errors == null || !errors.isArray()) {
      return List.of();
    }
    List<RegistryError> out = new ArrayList<>();
    for (JsonNode e : errors) {
      if (!e.isObject()) {
        out.add(new RegistryError(ErrorCode.UNKNOWN, "", "", Optional.empty()));
        continue;
      }
      JsonNode code = e.get("code");
      String wire = code != null && code.isString() ? code.stringValue() : "";
      JsonNode message = e.get("message");
      String text = message != null && message.isString() ? message.stringValue() : "";
      JsonNode detail = e.get("detail");
      Optional<String> detailJson =
          detail == null || detail.isMissingNode()
              ? Optional.empty()
              : Optional.of(MAPPER.writeValueAsString(detail));
      out.add(
          new RegistryError(
              wire.isEmpty() ? ErrorCode.UNKNOWN : ErrorCode.fromWire(wire),
              wire,
              text,
              detailJson));
    }
    return out;
  }

  static Bytes encode(List<RegistryError> errors) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    try (JsonGenerator g = MAPPER.createGenerator(out)) {
      g.writeStartObject();
      g.writeName("errors");
      g.writeStartArray();
      for (RegistryError e : errors) {
        g.writeStartObject();
        g.writeStringProperty("code", e.wireCode());
        g.writeStringProperty("message", e.message());
        if (e.detail().isPresent()) {
          g.writeName("detail");
          g.writeRawValue(e.detail().get());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return Bytes.of(out.toByteArray());
  }

  static String normalize(String json) {
    try {
      JsonNode node = MAPPER.readTree(json);
      if (node == null || node.isMissingNode()) {
        throw new IllegalArgumentException("detail is not a JSON value");
      }
      return MAPPER.writeValueAsString(node);
    } catch (JacksonException | ArithmeticException e) {
      throw new IllegalArgumentException("detail is not a JSON value", e);
    }
  }
}
