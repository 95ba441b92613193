package dev.registrykit.core.manifest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The JSON members of an object that this library does not model, kept so that re-encoding a parsed
 * manifest or config loses nothing: an ordered map from member name to the member's value as
 * compact JSON text.
 *
 * <p>The image spec requires implementations to ignore unknown properties, and Docker configs carry
 * many ({@code container_config}, {@code docker_version}, …); dropping them would change the
 * content, and so the digest, of anything derived from a parsed value. The values are opaque here
 * on purpose: no JSON library type appears in the public API.
 *
 * <p>Immutable and thread-safe. Equality compares names, order-insensitively, and the normalised
 * JSON text of each value.
 */
public final class UnknownFields {
  /** No unknown members. */
  public static final UnknownFields EMPTY = new UnknownFields(Map.of());

  private final Map<String, String> rawJson;

  private UnknownFields(Map<String, String> rawJson) {
    this.rawJson = rawJson;
  }

  /**
   * Unknown members from names to JSON values, kept in the map's iteration order.
   *
   * @throws IllegalArgumentException when a value is not exactly one valid JSON value
   */
  public static UnknownFields of(Map<String, String> rawJson) {
    Objects.requireNonNull(rawJson, "rawJson");
    if (rawJson.isEmpty()) {
      return EMPTY;
    }
    Map<String, String> copy = new LinkedHashMap<>();
    rawJson.forEach(
        (name, json) -> {
          Objects.requireNonNull(name, "name");
          Objects.requireNonNull(json, "json");
          copy.put(name, JsonSupport.normalizeRawValue(json));
        });
    return new UnknownFields(Collections.unmodifiableMap(copy));
  }

  /** Used by the codec, whose values are already compact JSON. */
  static UnknownFields ofTrusted(LinkedHashMap<String, String> rawJson) {
    return rawJson.isEmpty() ? EMPTY : new UnknownFields(Collections.unmodifiableMap(rawJson));
  }

  /** Whether there are no unknown members. */
  public boolean isEmpty() {
    return rawJson.isEmpty();
  }

  /** The member names, in document order. */
  public Set<String> names() {
    return rawJson.keySet();
  }

  /** The compact JSON text of member {@code name}, if present. */
  public Optional<String> rawJson(String name) {
    return Optional.ofNullable(rawJson.get(name));
  }

  /** All members as an unmodifiable ordered map of name to compact JSON text. */
  public Map<String, String> asMap() {
    return rawJson;
  }

  /** A copy with member {@code name} set to {@code json} (added last when new). */
  public UnknownFields with(String name, String json) {
    Map<String, String> copy = new LinkedHashMap<>(rawJson);
    copy.put(name, json);
    return of(copy);
  }

  /** A copy without member {@code name}. */
  public UnknownFields without(String name) {
    if (!rawJson.containsKey(name)) {
      return this;
    }
    Map<String, String> copy = new LinkedHashMap<>(rawJson);
    copy.remove(name);
    return copy.isEmpty() ? EMPTY : new UnknownFields(Collections.unmodifiableMap(copy));
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof UnknownFields && rawJson.equals(((UnknownFields) o).rawJson);
  }

  @Override
  public int hashCode() {
    return rawJson.hashCode();
  }

  /** The members as a JSON-like object, for diagnostics. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    rawJson.forEach(
        (k, v) ->
            sb.append(sb.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
    return sb.append('}').toString();
  }
}
