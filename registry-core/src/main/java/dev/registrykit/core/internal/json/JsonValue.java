package dev.registrykit.core.internal.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A JSON value, immutable: an object (members in document order), an array, a string, a number, a
 * boolean or null. Read with {@link JsonText#parse(byte[])}; written with {@link JsonText#compact}.
 */
public sealed interface JsonValue
    permits JsonValue.JsonObject,
        JsonValue.JsonArray,
        JsonValue.JsonString,
        JsonValue.JsonNumber,
        JsonValue.JsonBoolean,
        JsonValue.JsonNull {

  /** The kind of value, as a message names it: {@code object}, {@code string}, … */
  String typeName();

  /** A JSON object. */
  record JsonObject(Map<String, JsonValue> members) implements JsonValue {
    /** An object with {@code members} in their iteration order. */
    public JsonObject {
      members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
    }

    /** The member named {@code name}, or null when there is none. */
    public @Nullable JsonValue get(String name) {
      return members.get(name);
    }

    @Override
    public String typeName() {
      return "object";
    }
  }

  /** A JSON array. */
  record JsonArray(List<JsonValue> elements) implements JsonValue {
    /** An array of {@code elements}. */
    public JsonArray {
      elements = List.copyOf(elements);
    }

    @Override
    public String typeName() {
      return "array";
    }
  }

  /** A JSON string. */
  record JsonString(String value) implements JsonValue {
    /** A string. */
    public JsonString {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String typeName() {
      return "string";
    }
  }

  /**
   * A JSON number: an integer ({@link Integer}, {@link Long} or {@link BigInteger}, as large as it
   * was written), or a number with a fraction or exponent as a {@link BigDecimal} with the digits
   * as written (so {@code 1.50} is written back as {@code 1.50}).
   */
  record JsonNumber(Number value) implements JsonValue {
    /** A number. */
    public JsonNumber {
      if (!(value instanceof Integer
          || value instanceof Long
          || value instanceof BigInteger
          || value instanceof BigDecimal)) {
        throw new IllegalArgumentException(
            "a JSON number is an Integer, Long, BigInteger or BigDecimal: " + value.getClass());
      }
    }

    /** Whether it was written without a fraction or exponent. */
    public boolean isIntegral() {
      return !(value instanceof BigDecimal);
    }

    /** Whether it is an integer within the range of a {@code long}. */
    public boolean fitsLong() {
      return value instanceof Integer
          || value instanceof Long
          || (value instanceof BigInteger b && b.bitLength() < 64);
    }

    @Override
    public String typeName() {
      return "number";
    }
  }

  /** {@code true} or {@code false}. */
  enum JsonBoolean implements JsonValue {
    /** {@code false}. */
    FALSE,
    /** {@code true}. */
    TRUE;

    /** The value for {@code b}. */
    public static JsonBoolean of(boolean b) {
      return b ? TRUE : FALSE;
    }

    /** Its value. */
    public boolean value() {
      return this == TRUE;
    }

    @Override
    public String typeName() {
      return "boolean";
    }
  }

  /** {@code null}. */
  enum JsonNull implements JsonValue {
    /** The one null. */
    NULL;

    @Override
    public String typeName() {
      return "null";
    }
  }
}
