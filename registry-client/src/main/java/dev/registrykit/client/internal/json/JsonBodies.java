package dev.registrykit.client.internal.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the small JSON documents of the Distribution API that core does not model: the tag list
 * ({@code {"name":…,"tags":[…]}}), the catalog ({@code {"repositories":[…]}}) and token responses'
 * fields. Not API.
 */
public final class JsonBodies {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private JsonBodies() {}

  /**
   * The strings of array {@code field} in the JSON object {@code body}; a missing or {@code null}
   * field is an empty list (Distribution answers {@code "tags": null} for a repository without
   * tags).
   *
   * @throws IllegalArgumentException when the body is not a JSON object, the field is not an array,
   *     or an element is not a string; the message says which
   */
  public static List<String> stringList(byte[] body, String field) {
    JsonNode json;
    try {
      json = MAPPER.readTree(body);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("the body is not JSON");
    }
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException("the body is not a JSON object");
    }
    JsonNode list = json.path(field);
    if (list.isMissingNode() || list.isNull()) {
      return List.of();
    }
    if (!list.isArray()) {
      throw new IllegalArgumentException("\"" + field + "\" is not a list");
    }
    List<String> items = new ArrayList<>(list.size());
    for (JsonNode item : list) {
      if (!item.isString()) {
        throw new IllegalArgumentException("\"" + field + "\" holds an entry that is not a string");
      }
      items.add(item.stringValue());
    }
    return items;
  }

  /**
   * The non-empty string {@code field} of the JSON object {@code body}; empty when the body is not
   * a JSON object or the field is missing, not a string, or empty.
   */
  public static Optional<String> optionalString(byte[] body, String field) {
    try {
      JsonNode json = MAPPER.readTree(body);
      if (json == null || !json.isObject() || !json.path(field).isString()) {
        return Optional.empty();
      }
      String value = json.path(field).stringValue();
      return value.isEmpty() ? Optional.empty() : Optional.of(value);
    } catch (JacksonException e) {
      return Optional.empty();
    }
  }
}
