package dev.registrykit.core.distribution;

import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.internal.json.JsonText;
import dev.registrykit.core.internal.json.JsonValue;
import dev.registrykit.core.internal.json.JsonValue.JsonArray;
import dev.registrykit.core.internal.json.JsonValue.JsonObject;
import dev.registrykit.core.internal.json.JsonValue.JsonString;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;

/** The JSON behind {@link ErrorResponse}; package-private so no Jackson type escapes. */
final class ErrorBodies {
  // Error bodies are small; a huge one is not worth parsing (ggcr reads at most 64 KiB of them).
  static final int MAX_BODY = 64 * 1024;

  private ErrorBodies() {}

  static List<RegistryError> parse(byte[] body) {
    if (body.length == 0 || body.length > MAX_BODY) {
      return List.of();
    }
    JsonValue root;
    try {
      root = JsonText.parse(body);
    } catch (JacksonException | IllegalArgumentException | ArithmeticException e) {
      return List.of();
    }
    if (!(root instanceof JsonObject object)
        || !(object.get("errors") instanceof JsonArray errors)) {
      return List.of();
    }
    List<RegistryError> out = new ArrayList<>();
    for (JsonValue e : errors.elements()) {
      if (!(e instanceof JsonObject error)) {
        out.add(new RegistryError(ErrorCode.UNKNOWN, "", "", Optional.empty()));
        continue;
      }
      String wire = string(error.get("code"));
      String text = string(error.get("message"));
      JsonValue detail = error.get("detail");
      Optional<String> detailJson =
          detail == null ? Optional.empty() : Optional.of(JsonText.compact(detail));
      out.add(
          new RegistryError(
              wire.isEmpty() ? ErrorCode.UNKNOWN : ErrorCode.fromWire(wire),
              wire,
              text,
              detailJson));
    }
    return out;
  }

  private static String string(@Nullable JsonValue value) {
    return value instanceof JsonString s ? s.value() : "";
  }

  static Bytes encode(List<RegistryError> errors) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    try (JsonGenerator g = JsonText.generator(out)) {
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
      return JsonText.compact(JsonText.parse(json));
    } catch (JacksonException | ArithmeticException e) {
      throw new IllegalArgumentException("detail is not a JSON value", e);
    }
  }
}
