package dev.registrykit.client.internal.json;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the small JSON documents of the Distribution API that core does not model: the tag list
 * ({@code {"name":…,"tags":[…]}}) and the catalog ({@code {"repositories":[…]}}). Not API.
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
}
