package dev.registrykit.client.internal.json;

import dev.registrykit.core.internal.json.JsonText;
import dev.registrykit.core.internal.json.JsonValue;
import dev.registrykit.core.internal.json.JsonValue.JsonArray;
import dev.registrykit.core.internal.json.JsonValue.JsonNumber;
import dev.registrykit.core.internal.json.JsonValue.JsonObject;
import dev.registrykit.core.internal.json.JsonValue.JsonString;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import tools.jackson.core.JacksonException;

/**
 * Reads the small JSON documents of the Distribution API that core does not model: the tag list
 * ({@code {"name":…,"tags":[…]}}), the catalog ({@code {"repositories":[…]}}), token responses and
 * OAuth2 error bodies. Through core's JSON reader (Jackson's streaming API, strict about duplicate
 * names), not data binding, which would cost a short-lived JVM some 400 classes to start. Not API.
 */
public final class JsonBodies {
  private JsonBodies() {}

  /**
   * The members of the JSON object {@code body}.
   *
   * @throws IllegalArgumentException when the body is not JSON, or not an object
   */
  public static ObjectBody object(byte[] body) {
    JsonValue json;
    try {
      json = JsonText.parse(body);
    } catch (JacksonException | ArithmeticException e) {
      throw new IllegalArgumentException("the body is not JSON", e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the body is not JSON: " + e.getMessage(), e);
    }
    if (!(json instanceof JsonObject object)) {
      throw new IllegalArgumentException("the body is not a JSON object");
    }
    return new ObjectBody(object);
  }

  /**
   * The strings of array {@code field} in the JSON object {@code body}; a missing or {@code null}
   * field is an empty list (Distribution answers {@code "tags": null} for a repository without
   * tags).
   *
   * @throws IllegalArgumentException when the body is not a JSON object, the field is not an array,
   *     or an element is not a string; the message says which
   */
  public static List<String> stringList(byte[] body, String field) {
    return object(body).stringList(field);
  }

  /** A JSON object's members, read once. Immutable. */
  public static final class ObjectBody {
    private final JsonObject object;

    private ObjectBody(JsonObject object) {
      this.object = object;
    }

    /** The member's value when it is a non-empty string. */
    public Optional<String> string(String name) {
      return object.get(name) instanceof JsonString s && !s.value().isEmpty()
          ? Optional.of(s.value())
          : Optional.empty();
    }

    /**
     * The member's value when it is a positive number, in whole units (a fraction is dropped, a
     * number beyond a {@code long} is {@link Long#MAX_VALUE}).
     */
    public OptionalLong positiveWholeNumber(String name) {
      if (!(object.get(name) instanceof JsonNumber n)) {
        return OptionalLong.empty();
      }
      BigDecimal value =
          n.value() instanceof BigDecimal d ? d : new BigDecimal(n.value().toString());
      if (value.compareTo(BigDecimal.ONE) < 0) {
        return OptionalLong.empty();
      }
      return OptionalLong.of(
          value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) >= 0
              ? Long.MAX_VALUE
              : value.longValue());
    }

    /**
     * The strings of array {@code name}; missing or {@code null} is an empty list.
     *
     * @throws IllegalArgumentException when it is not an array of strings
     */
    public List<String> stringList(String name) {
      JsonValue list = object.get(name);
      if (list == null || list == JsonValue.JsonNull.NULL) {
        return List.of();
      }
      if (!(list instanceof JsonArray array)) {
        throw new IllegalArgumentException("\"" + name + "\" is not a list");
      }
      List<String> items = new ArrayList<>(array.elements().size());
      for (JsonValue item : array.elements()) {
        if (!(item instanceof JsonString s)) {
          throw new IllegalArgumentException(
              "\"" + name + "\" holds an entry that is not a string");
        }
        items.add(s.value());
      }
      return items;
    }
  }
}
