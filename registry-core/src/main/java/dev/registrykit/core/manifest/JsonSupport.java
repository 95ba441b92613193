package dev.registrykit.core.manifest;

import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.digest.InvalidDigestException;
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
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place that configures Jackson for manifests and configs, and a small reader over a JSON
 * object that records JSON paths for error messages and collects the members it was not asked
 * about. Package-private: no Jackson type escapes this package.
 */
final class JsonSupport {
  // Duplicate member names are rejected: two parsers picking different values for the same key is
  // how "the registry validated one manifest and the runtime ran another" bugs happen.
  static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  private JsonSupport() {}

  /** Parses one JSON document. */
  static JsonNode readTree(Bytes bytes, String what) {
    JsonNode node;
    try {
      node = MAPPER.readTree(bytes.toByteArray());
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
    if (node == null || node.isMissingNode()) {
      throw new ManifestProblem(Reason.MALFORMED_JSON, null, what + " is empty");
    }
    return node;
  }

  /** Compact JSON text of {@code node}. */
  static String compact(JsonNode node) {
    return MAPPER.writeValueAsString(node);
  }

  /** Validates one JSON value and returns its compact form. */
  static String normalizeRawValue(String json) {
    try {
      JsonNode node = MAPPER.readTree(json);
      if (node == null || node.isMissingNode()) {
        throw new IllegalArgumentException("not a JSON value: \"" + preview(json) + "\"");
      }
      return compact(node);
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

  private static String typeName(JsonNode node) {
    return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  static ManifestProblem invalid(String path, String message) {
    return new ManifestProblem(Reason.INVALID_FIELD, path, message);
  }

  /** A JSON object being read; remembers which members were consumed. */
  static final class ObjectReader {
    private final JsonNode node;
    private final String path;
    private final Set<String> consumed = new HashSet<>();

    private ObjectReader(JsonNode node, String path) {
      this.node = node;
      this.path = path;
    }

    static ObjectReader of(JsonNode node, String path) {
      if (!node.isObject()) {
        throw invalid(path, "must be a JSON object, found " + typeName(node));
      }
      return new ObjectReader(node, path);
    }

    String path() {
      return path;
    }

    String pathOf(String name) {
      return path + "." + name;
    }

    boolean has(String name) {
      JsonNode v = node.get(name);
      return v != null && !v.isNull();
    }

    /** The member's value; JSON null counts as absent. */
    Optional<JsonNode> member(String name) {
      consumed.add(name);
      JsonNode v = node.get(name);
      return v == null || v.isNull() ? Optional.empty() : Optional.of(v);
    }

    private JsonNode required(String name) {
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
      Optional<JsonNode> v = member(name);
      if (v.isEmpty()) {
        return false;
      }
      if (!v.get().isBoolean()) {
        throw invalid(pathOf(name), "must be a boolean, found " + typeName(v.get()));
      }
      return v.get().booleanValue();
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
      Optional<JsonNode> v = member(name);
      if (v.isEmpty()) {
        return Optional.empty();
      }
      String p = pathOf(name);
      JsonNode array = requireArray(v.get(), p);
      List<String> out = new ArrayList<>(array.size());
      for (int i = 0; i < array.size(); i++) {
        out.add(asString(array.get(i), p + "[" + i + "]"));
      }
      return Optional.of(out);
    }

    List<Digest> digestList(String name) {
      Optional<JsonNode> v = member(name);
      if (v.isEmpty()) {
        throw new ManifestProblem(Reason.MISSING_FIELD, pathOf(name), "required member is missing");
      }
      String p = pathOf(name);
      JsonNode array = requireArray(v.get(), p);
      List<Digest> out = new ArrayList<>(array.size());
      for (int i = 0; i < array.size(); i++) {
        out.add(asDigest(array.get(i), p + "[" + i + "]"));
      }
      return out;
    }

    Map<String, String> stringMap(String name) {
      Optional<JsonNode> v = member(name);
      if (v.isEmpty()) {
        return Map.of();
      }
      String p = pathOf(name);
      if (!v.get().isObject()) {
        throw invalid(p, "must be a JSON object of strings, found " + typeName(v.get()));
      }
      Map<String, String> out = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : v.get().properties()) {
        out.put(e.getKey(), asString(e.getValue(), p + "." + e.getKey()));
      }
      return out;
    }

    /**
     * The member names of an object used as a set ({@code ExposedPorts}, {@code Volumes}: values
     * are {@code {}}).
     */
    Set<String> keySet(String name) {
      Optional<JsonNode> v = member(name);
      if (v.isEmpty()) {
        return Set.of();
      }
      if (!v.get().isObject()) {
        throw invalid(pathOf(name), "must be a JSON object, found " + typeName(v.get()));
      }
      return new LinkedHashSet<>(v.get().propertyNames());
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

    private static List<ObjectReader> objects(JsonNode value, String p) {
      JsonNode array = requireArray(value, p);
      List<ObjectReader> out = new ArrayList<>(array.size());
      for (int i = 0; i < array.size(); i++) {
        out.add(ObjectReader.of(array.get(i), p + "[" + i + "]"));
      }
      return out;
    }

    /** Every member not consumed so far, in document order, as compact JSON. */
    UnknownFields unknownFields() {
      LinkedHashMap<String, String> rest = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        if (!consumed.contains(e.getKey())) {
          rest.put(e.getKey(), compact(e.getValue()));
        }
      }
      return UnknownFields.ofTrusted(rest);
    }

    Collection<String> names() {
      return node.propertyNames();
    }
  }

  private static JsonNode requireArray(JsonNode v, String p) {
    if (!v.isArray()) {
      throw invalid(p, "must be a JSON array, found " + typeName(v));
    }
    return v;
  }

  private static String asString(JsonNode v, String p) {
    if (!v.isString()) {
      throw invalid(p, "must be a string, found " + typeName(v));
    }
    return v.stringValue();
  }

  private static long asLong(JsonNode v, String p) {
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw invalid(
          p,
          "must be an integer in the int64 range, found "
              + typeName(v)
              + " "
              + preview(compact(v)));
    }
    return v.longValue();
  }

  private static MediaType asMediaType(String s, String p) {
    try {
      return new MediaType(s);
    } catch (IllegalArgumentException e) {
      throw new ManifestProblem(Reason.INVALID_FIELD, p, String.valueOf(e.getMessage()), e);
    }
  }

  private static Digest asDigest(JsonNode v, String p) {
    String s = asString(v, p);
    try {
      return Digest.parse(s);
    } catch (InvalidDigestException e) {
      throw new ManifestProblem(Reason.INVALID_FIELD, p, String.valueOf(e.getMessage()), e);
    }
  }
}
