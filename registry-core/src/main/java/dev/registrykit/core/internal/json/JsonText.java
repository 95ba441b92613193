package dev.registrykit.core.internal.json;

import dev.registrykit.core.internal.json.JsonValue.JsonArray;
import dev.registrykit.core.internal.json.JsonValue.JsonBoolean;
import dev.registrykit.core.internal.json.JsonValue.JsonNull;
import dev.registrykit.core.internal.json.JsonValue.JsonNumber;
import dev.registrykit.core.internal.json.JsonValue.JsonObject;
import dev.registrykit.core.internal.json.JsonValue.JsonString;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads and writes {@link JsonValue}s with Jackson's streaming API.
 *
 * <p>Reading is strict: a member name given twice is an error (two parsers picking different values
 * for the same key is how "the registry validated one manifest and the runtime ran another" bugs
 * happen), and so is anything after the value. Jackson's stream limits apply (nesting depth, number
 * and string lengths), which also bounds the recursion here. Thread-safe.
 */
public final class JsonText {
  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  /** For {@link #parseLastNameWins}: a name given twice keeps its last value, as Go's reader. */
  private static final JsonFactory LENIENT = JsonFactory.builder().build();

  private JsonText() {}

  /**
   * Parses one JSON document.
   *
   * @throws JacksonException when it is not valid JSON, is empty or has more after the value
   * @throws IllegalArgumentException when a number is beyond what {@link BigDecimal} holds (Jackson
   *     reports it with a bare {@link NumberFormatException})
   * @throws ArithmeticException likewise, for an exponent out of range
   */
  public static JsonValue parse(byte[] document) {
    try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), document)) {
      return parseDocument(parser);
    }
  }

  /**
   * Like {@link #parse(byte[])}, except that a member name given twice is not an error: its last
   * value counts, as in Go's {@code encoding/json}. For a server that must accept what the real
   * registry (written in Go) accepts; a client reads strictly.
   */
  public static JsonValue parseLastNameWins(byte[] document) {
    try (JsonParser parser = LENIENT.createParser(ObjectReadContext.empty(), document)) {
      return parseDocument(parser);
    }
  }

  /** Like {@link #parse(byte[])}, from text. */
  public static JsonValue parse(String document) {
    try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), document)) {
      return parseDocument(parser);
    }
  }

  private static JsonValue parseDocument(JsonParser parser) {
    JsonToken first = parser.nextToken();
    if (first == null) {
      throw new StreamReadException(parser, "no content: an empty document");
    }
    JsonValue value = read(parser, first);
    JsonToken after = parser.nextToken();
    if (after != null) {
      throw new StreamReadException(
          parser, "trailing token (" + after + ") found after the value: one value per document");
    }
    return value;
  }

  /** The value that starts at {@code token}; depth bounded by the parser's nesting limit. */
  private static JsonValue read(JsonParser parser, JsonToken token) {
    switch (token) {
      case START_OBJECT:
        {
          Map<String, JsonValue> members = new LinkedHashMap<>();
          for (String name = parser.nextName(); name != null; name = parser.nextName()) {
            members.put(name, read(parser, parser.nextToken()));
          }
          return new JsonObject(members);
        }
      case START_ARRAY:
        {
          List<JsonValue> elements = new ArrayList<>();
          for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
            elements.add(read(parser, t));
          }
          return new JsonArray(elements);
        }
      case VALUE_STRING:
        return new JsonString(parser.getString());
      case VALUE_NUMBER_INT:
        return new JsonNumber(
            switch (parser.getNumberType()) {
              case INT -> parser.getIntValue();
              case LONG -> parser.getLongValue();
              default -> parser.getBigIntegerValue();
            });
      case VALUE_NUMBER_FLOAT:
        return new JsonNumber(parser.getDecimalValue());
      case VALUE_TRUE:
        return JsonBoolean.TRUE;
      case VALUE_FALSE:
        return JsonBoolean.FALSE;
      case VALUE_NULL:
        return JsonNull.NULL;
      default:
        throw new StreamReadException(parser, "unexpected token " + token);
    }
  }

  /** {@code value} as compact JSON text. */
  public static String compact(JsonValue value) {
    return new String(compactBytes(value), StandardCharsets.UTF_8);
  }

  /** {@code value} as compact JSON, UTF-8. */
  public static byte[] compactBytes(JsonValue value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = generator(out)) {
      write(g, value);
    }
    return out.toByteArray();
  }

  /** A generator of compact JSON into {@code out}; closing it flushes, and closes {@code out}. */
  public static JsonGenerator generator(OutputStream out) {
    return FACTORY.createGenerator(ObjectWriteContext.empty(), out);
  }

  /** Writes {@code value} with {@code g}. */
  public static void write(JsonGenerator g, JsonValue value) {
    if (value instanceof JsonObject o) {
      g.writeStartObject();
      for (Map.Entry<String, JsonValue> member : o.members().entrySet()) {
        g.writeName(member.getKey());
        write(g, member.getValue());
      }
      g.writeEndObject();
    } else if (value instanceof JsonArray a) {
      g.writeStartArray();
      for (JsonValue element : a.elements()) {
        write(g, element);
      }
      g.writeEndArray();
    } else if (value instanceof JsonString s) {
      g.writeString(s.value());
    } else if (value instanceof JsonNumber n) {
      Number v = n.value();
      if (v instanceof Integer i) {
        g.writeNumber(i);
      } else if (v instanceof Long l) {
        g.writeNumber(l);
      } else if (v instanceof BigInteger b) {
        g.writeNumber(b);
      } else {
        g.writeNumber((BigDecimal) v);
      }
    } else if (value instanceof JsonBoolean b) {
      g.writeBoolean(b.value());
    } else {
      g.writeNull();
    }
  }
}
