package dev.registrykit.testkit.internal.server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A request's headers: names compared without case, values in arrival order. Immutable. */
final class HeaderMap {
  private final Map<String, List<String>> byLowerName;

  private HeaderMap(Map<String, List<String>> byLowerName) {
    this.byLowerName = byLowerName;
  }

  /** Builds a header map; not thread-safe. */
  static final class Builder {
    private final Map<String, List<String>> values = new LinkedHashMap<>();

    Builder add(String name, String value) {
      values.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).add(value);
      return this;
    }

    HeaderMap build() {
      Map<String, List<String>> copy = new LinkedHashMap<>();
      values.forEach((name, list) -> copy.put(name, List.copyOf(list)));
      return new HeaderMap(Collections.unmodifiableMap(copy));
    }
  }

  static Builder builder() {
    return new Builder();
  }

  /** The first value of {@code name}. */
  Optional<String> first(String name) {
    List<String> values = byLowerName.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** Every value of {@code name}, in order. */
  List<String> all(String name) {
    return byLowerName.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
  }

  /**
   * The headers by lower-case name, with credentials ({@code Authorization}, {@code
   * Proxy-Authorization}) replaced by {@code redacted}, for a journal.
   */
  Map<String, List<String>> redacted(String redacted) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    byLowerName.forEach(
        (name, values) -> {
          boolean secret = name.equals("authorization") || name.equals("proxy-authorization");
          out.put(name, secret ? Collections.nCopies(values.size(), redacted) : values);
        });
    return out;
  }
}
