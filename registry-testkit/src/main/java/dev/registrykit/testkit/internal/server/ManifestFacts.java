package dev.registrykit.testkit.internal.server;

import dev.registrykit.core.internal.json.JsonValue;
import dev.registrykit.core.internal.json.JsonValue.JsonArray;
import dev.registrykit.core.internal.json.JsonValue.JsonNull;
import dev.registrykit.core.internal.json.JsonValue.JsonObject;
import dev.registrykit.core.internal.json.JsonValue.JsonString;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the registry needs to know about a pushed manifest, read leniently from its JSON so that any
 * manifest type (OCI, Docker, artifacts, unknown types) is accepted: the descriptors it references
 * and its referrers-related fields. The stored bytes stay the truth; this is never re-serialized.
 *
 * @param mediaType the {@code mediaType} field
 * @param artifactType the {@code artifactType} field
 * @param hasConfig whether it has a {@code config} descriptor (an image manifest)
 * @param configMediaType the config descriptor's media type
 * @param subjectDigest the {@code subject} descriptor's digest
 * @param blobDigests config and layer digests that must exist as blobs (layers with {@code urls},
 *     foreign layers, are skipped as Distribution does)
 * @param childDigests digests of the manifests an index lists
 * @param annotations the string-valued annotations
 */
record ManifestFacts(
    Optional<String> mediaType,
    Optional<String> artifactType,
    boolean hasConfig,
    Optional<String> configMediaType,
    Optional<String> subjectDigest,
    List<String> blobDigests,
    List<String> childDigests,
    Map<String, String> annotations) {

  /**
   * Reads the facts, or empty when {@code bytes} is not a JSON object with well-formed descriptors.
   */
  static Optional<ManifestFacts> read(byte[] bytes) {
    Optional<JsonValue> parsed = Json.tryRead(bytes);
    if (parsed.isEmpty() || !(parsed.get() instanceof JsonObject root)) {
      return Optional.empty();
    }
    List<String> blobs = new ArrayList<>();
    Optional<String> configMediaType = Optional.empty();
    JsonValue config = root.get("config");
    if (config != null) {
      Optional<String> digest = descriptorDigest(config);
      if (digest.isEmpty()) {
        return Optional.empty();
      }
      blobs.add(digest.get());
      configMediaType = Json.text(config, "mediaType");
    }
    JsonValue layers = root.get("layers");
    if (layers != null) {
      if (!(layers instanceof JsonArray layerArray)) {
        return Optional.empty();
      }
      for (JsonValue layer : layerArray.elements()) {
        Optional<String> digest = descriptorDigest(layer);
        if (digest.isEmpty()) {
          return Optional.empty();
        }
        if (!(((JsonObject) layer).get("urls") instanceof JsonArray urls)
            || urls.elements().isEmpty()) {
          blobs.add(digest.get());
        }
      }
    }
    List<String> children = new ArrayList<>();
    JsonValue manifests = root.get("manifests");
    if (manifests != null) {
      if (!(manifests instanceof JsonArray manifestArray)) {
        return Optional.empty();
      }
      for (JsonValue child : manifestArray.elements()) {
        Optional<String> digest = descriptorDigest(child);
        if (digest.isEmpty()) {
          return Optional.empty();
        }
        children.add(digest.get());
      }
    }
    Optional<String> subject = Optional.empty();
    JsonValue subjectNode = root.get("subject");
    if (subjectNode != null && subjectNode != JsonNull.NULL) {
      subject = descriptorDigest(subjectNode);
      if (subject.isEmpty()) {
        return Optional.empty();
      }
    }
    Map<String, String> annotations = new LinkedHashMap<>();
    if (root.get("annotations") instanceof JsonObject ann) {
      for (Map.Entry<String, JsonValue> e : ann.members().entrySet()) {
        if (e.getValue() instanceof JsonString value) {
          annotations.put(e.getKey(), value.value());
        }
      }
    }
    return Optional.of(
        new ManifestFacts(
            Json.text(root, "mediaType"),
            Json.text(root, "artifactType").filter(s -> !s.isEmpty()),
            config != null,
            configMediaType,
            subject,
            List.copyOf(blobs),
            List.copyOf(children),
            Map.copyOf(annotations)));
  }

  private static Optional<String> descriptorDigest(JsonValue descriptor) {
    return Json.text(descriptor, "digest");
  }

  boolean isIndex() {
    return !hasConfig && indexType();
  }

  private boolean indexType() {
    return mediaType
        .map(t -> t.endsWith("index.v1+json") || t.endsWith("manifest.list.v2+json"))
        .orElse(!childDigests.isEmpty());
  }
}
