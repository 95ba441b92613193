package dev.registrykit.testkit.internal.server;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request's query string, decoded ({@code application/x-www-form-urlencoded}: {@code +} is a
 * space) into parameters in order. Immutable.
 *
 * @param raw the query as sent, without {@code ?}; empty when there is none
 * @param parameters the decoded parameters by name; a name without {@code =} has value {@code ""}
 */
record Query(String raw, Map<String, List<String>> parameters) {
  static final Query NONE = new Query("", Map.of());

  /** Parses a raw query string; a malformed escape is kept as written. */
  static Query parse(String raw) {
    if (raw.isEmpty()) {
      return NONE;
    }
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    parameters.replaceAll((name, values) -> List.copyOf(values));
    return new Query(raw, Collections.unmodifiableMap(parameters));
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return s;
    }
  }

  /** The first value of {@code name}. */
  Optional<String> first(String name) {
    List<String> values = parameters.get(name);
    return values == null ? Optional.empty() : Optional.of(values.get(0));
  }

  /** Every value of {@code name}. */
  List<String> all(String name) {
    return parameters.getOrDefault(name, List.of());
  }

  boolean has(String name) {
    return parameters.containsKey(name);
  }
}
