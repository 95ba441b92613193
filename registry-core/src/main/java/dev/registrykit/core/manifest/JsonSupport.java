package dev.registrykit.core.manifest;

import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.digest.InvalidDigestException;
import dev.registrykit.core.internal.json.JsonText;
import dev.registrykit.core.internal.json.JsonValue;
import dev.registrykit.core.internal.json.JsonValue.JsonArray;
import dev.registrykit.core.internal.json.JsonValue.JsonBoolean;
import dev.registrykit.core.internal.json.JsonValue.JsonNull;
import dev.registrykit.core.internal.json.JsonValue.JsonNumber;
import dev.registrykit.core.internal.json.JsonValue.JsonObject;
import dev.registrykit.core.internal.json.JsonValue.JsonString;
import dev.registrykit.core.manifest.InvalidManifestException.Reason;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/**
 * Parsing for manifests and configs ({@link JsonText}: strict about duplicate names and trailing
 * content, numbers kept as written), and a small reader over a JSON object that records JSON paths
 * for error messages and collects the members it was not asked about.
 */
final class JsonSupport {

  private JsonSupport() {}

  /** Parses one JSON document. */
  static JsonValue readTree(Bytes bytes, String what) {
    try {
      return JsonText.parse(bytes.toByteArray());
    } catch (JacksonException e) {
      throw new ManifestProblem(
          Reason.MALFORMED_JSON,
          null,
          what + " is not valid JSON: " + firstLine(e.getOriginalMessage()),
          e);
    } catch (IllegalArgumentException | ArithmeticException e) {
      // Jackson reports numbers beyond BigDecimal's limits (e.g. 1e526349601820) with a bare
      // NumberFormatException, not a JacksonException; found by ManifestCodecFuzzTest.
      throw new ManifestProblem(
          Reason.MALFORMED_JSON,
          null,
          what + " has an unrepresentable number: " + e.getMessage(),
          e);
    }
  }

  /** Compact JSON text of {@code value}. */
  static String compact(JsonValue value) {
    return JsonText.compact(value);
  }

  /** Validates one JSON value and returns its compact form. */
  static String normalizeRawValue(String json) {
    try {
      return compact(JsonText.parse(json));
    } catch (JacksonException | ArithmeticException e) {
      throw new IllegalArgumentException("not a JSON value: \"" + preview(json) + "\"", e);
    }
  }

  static String preview(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "…";
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private static String typeName(JsonValue value) {
    return value.typeName();
  }

  static ManifestProblem invalid(String path, String message) {
    return new ManifestProblem(Reason.INVALID_FIELD, path, message);
  }

  /** A JSON object being read; remembers which members were consumed. */
  static final class ObjectReader {
    private final JsonObject node;
    private final String path;
    private final Set<String> consumed = new HashSet<>();

    private ObjectReader(JsonObject node, String path) {
      this.node = node;
      this.path = path;
    }

    static ObjectReader of(JsonValue value, String path) {
      if (!(value instanceof JsonObject object)) {
        throw invalid(path, "must be a JSON object, found " + typeName(value));
      }
      return new ObjectReader(object, path);
    }

    String path() {
      return path;
    }

    String pathOf(String name) {
      return path + "." + name;
    }

    boolean has(String name) {
      return present(node.get(name));
    }

    private static boolean present(@Nullable JsonValue v) {
      return v != null && v != JsonNull.NULL;
    }

    /** The member's value; JSON null counts as absent. */
    Optional<JsonValue> member(String name) {
      consumed.add(name);
      JsonValue v = node.get(name);
      return v == null || v == JsonNull.NULL ? Optional.empty() : Optional.of(v);
    }

    private JsonValue required(String name) {
      return member(name)
          .orElseThrow(
              () ->
                  new ManifestProblem(
                      Reason.MISSING_FIELD, pathOf(name), "required member is missing"));
    }

    Optional<String> optionalString(String name) {
      return member(name).map(v -> asString(v, pathOf(name)));
    }

    String requiredString(String name) {
      return asString(required(name), pathOf(name));
    }

    long requiredLong(String name) {
      return asLong(required(name), pathOf(name));
    }

    Optional<Long> optionalLong(String name) {
      return member(name).map(v -> asLong(v, pathOf(name)));
    }

    boolean optionalBoolean(String name) {
      Optional<JsonValue> v = member(name);
      if (v.isEmpty()) {
        return false;
      }
      if (!(v.get() instanceof JsonBoolean b)) {
        throw invalid(pathOf(name), "must be a boolean, found " + typeName(v.get()));
      }
      return b.value();
    }

    MediaType requiredMediaType(String name) {
      return asMediaType(requiredString(name), pathOf(name));
    }

    Optional<MediaType> optionalMediaType(String name) {
      return optionalString(name).map(s -> asMediaType(s, pathOf(name)));
    }

    Digest requiredDigest(String name) {
      return asDigest(required(name), pathOf(name));
    }

    List<String> stringList(String name) {
      return optionalStringList(name).orElse(List.of());
    }

    Optional<List<String>> optionalStringList(String name) {
      Optional<JsonValue> v = member(name);
      if (v.isEmpty()) {
        return Optional.empty();
      }
      String p = pathOf(name);
      List<JsonValue> array = requireArray(v.get(), p);
      List<String> out = new ArrayList<>(array.size());
      for (int i = 0; i < array.size(); i++) {
        out.add(asString(array.get(i), p + "[" + i + "]"));
      }
      return Optional.of(out);
    }

    List<Digest> digestList(String name) {
      Optional<JsonValue> v = member(name);
      if (v.isEmpty()) {
        throw new ManifestProblem(Reason.MISSING_FIELD, pathOf(name), "required member is missing");
      }
      String p = pathOf(name);
      List<JsonValue> array = requireArray(v.get(), p);
      List<Digest> out = new ArrayList<>(array.size());
      for (int i = 0; i < array.size(); i++) {
        out.add(asDigest(array.get(i), p + "[" + i + "]"));
      }
      return out;
    }

    Map<String, String> stringMap(String name) {
      Optional<JsonValue> v = member(name);
      if (v.isEmpty()) {
        return Map.of();
      }
      String p = pathOf(name);
      if (!(v.get() instanceof JsonObject object)) {
        throw invalid(p, "must be a JSON object of strings, found " + typeName(v.get()));
      }
      Map<String, String> out = new LinkedHashMap<>();
      for (Map.Entry<String, JsonValue> e : object.members().entrySet()) {
        out.put(e.getKey(), asString(e.getValue(), p + "." + e.getKey()));
      }
      return out;
    }

    /**
     * The member names of an object used as a set ({@code ExposedPorts}, {@code Volumes}: values
     * are {@code {}}).
     */
    Set<String> keySet(String name) {
      Optional<JsonValue> v = member(name);
      if (v.isEmpty()) {
        return Set.of();
      }
      if (!(v.get() instanceof JsonObject object)) {
        throw invalid(pathOf(name), "must be a JSON object, found " + typeName(v.get()));
      }
      return new LinkedHashSet<>(object.members().keySet());
    }

    Optional<ObjectReader> optionalObject(String name) {
      return member(name).map(v -> ObjectReader.of(v, pathOf(name)));
    }

    ObjectReader requiredObject(String name) {
      return ObjectReader.of(required(name), pathOf(name));
    }

    List<ObjectReader> requiredObjectList(String name) {
      return objects(required(name), pathOf(name));
    }

    List<ObjectReader> optionalObjectList(String name) {
      return member(name).map(v -> objects(v, pathOf(name))).orElse(List.of());
    }

    private static List<ObjectReader> objects(JsonValue value, String p) {
      List<JsonValue> array = requireArray(value, p);
      List<ObjectReader> out = new ArrayList<>(array.size());
      for (int i = 0; i < array.size(); i++) {
        out.add(ObjectReader.of(array.get(i), p + "[" + i + "]"));
      }
      return out;
    }

    /** Every member not consumed so far, in document order, as compact JSON. */
    UnknownFields unknownFields() {
      LinkedHashMap<String, String> rest = new LinkedHashMap<>();
      for (Map.Entry<String, JsonValue> e : node.members().entrySet()) {
        if (!consumed.contains(e.getKey())) {
          rest.put(e.getKey(), compact(e.getValue()));
        }
      }
      return UnknownFields.ofTrusted(rest);
    }

    Collection<String> names() {
      return node.members().keySet();
    }
  }

  private static List<JsonValue> requireArray(JsonValue v, String p) {
    if (!(v instanceof JsonArray array)) {
      throw invalid(p, "must be a JSON array, found " + typeName(v));
    }
    return array.elements();
  }

  private static String asString(JsonValue v, String p) {
    if (!(v instanceof JsonString s)) {
      throw invalid(p, "must be a string, found " + typeName(v));
    }
    return s.value();
  }

  private static long asLong(JsonValue v, String p) {
    if (!(v instanceof JsonNumber n) || !n.isIntegral() || !n.fitsLong()) {
      throw invalid(
          p,
          "must be an integer in the int64 range, found "
              + typeName(v)
              + " "
              + preview(compact(v)));
    }
    return n.value().longValue();
  }

  private static MediaType asMediaType(String s, String p) {
    try {
      return new MediaType(s);
    } catch (IllegalArgumentException e) {
      throw new ManifestProblem(Reason.INVALID_FIELD, p, String.valueOf(e.getMessage()), e);
    }
  }

  private static Digest asDigest(JsonValue v, String p) {
    String s = asString(v, p);
    try {
      return Digest.parse(s);
    } catch (InvalidDigestException e) {
      throw new ManifestProblem(Reason.INVALID_FIELD, p, String.valueOf(e.getMessage()), e);
    }
  }
}
