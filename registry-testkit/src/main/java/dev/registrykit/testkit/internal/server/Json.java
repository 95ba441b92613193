package dev.registrykit.testkit.internal.server;

import dev.registrykit.core.internal.json.JsonText;
import dev.registrykit.core.internal.json.JsonValue;
import dev.registrykit.core.internal.json.JsonValue.JsonArray;
import dev.registrykit.core.internal.json.JsonValue.JsonBoolean;
import dev.registrykit.core.internal.json.JsonValue.JsonNumber;
import dev.registrykit.core.internal.json.JsonValue.JsonObject;
import dev.registrykit.core.internal.json.JsonValue.JsonString;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/**
 * The server's JSON: core's reader and writer (Jackson's streaming API; data binding would cost the
 * first request of a fresh JVM some 400 classes), reading as the real registry does (a name given
 * twice keeps its last value).
 */
final class Json {
  private Json() {}

  /**
   * {@code value} as compact JSON: maps (in their order), lists, strings, integers and booleans.
   */
  static String write(Object value) {
    return JsonText.compact(toJson(value));
  }

  private static JsonValue toJson(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, JsonValue> members = new LinkedHashMap<>();
      map.forEach((k, v) -> members.put(String.valueOf(k), toJson(v)));
      return new JsonObject(members);
    }
    if (value instanceof List<?> list) {
      List<JsonValue> elements = new ArrayList<>(list.size());
      list.forEach(v -> elements.add(toJson(v)));
      return new JsonArray(elements);
    }
    if (value instanceof String s) {
      return new JsonString(s);
    }
    if (value instanceof Integer || value instanceof Long) {
      return new JsonNumber((Number) value);
    }
    if (value instanceof Boolean b) {
      return JsonBoolean.of(b);
    }
    throw new IllegalArgumentException("no JSON for a " + value.getClass().getName());
  }

  static Optional<JsonValue> tryRead(byte[] bytes) {
    try {
      return Optional.of(JsonText.parseLastNameWins(bytes));
    } catch (JacksonException | IllegalArgumentException | ArithmeticException e) {
      return Optional.empty();
    }
  }

  static Optional<String> text(@Nullable JsonValue object, String field) {
    return object instanceof JsonObject o && o.get(field) instanceof JsonString s
        ? Optional.of(s.value())
        : Optional.empty();
  }
}
