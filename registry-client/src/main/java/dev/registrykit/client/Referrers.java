package dev.registrykit.client;

import dev.registrykit.client.transport.HttpHeaders;
import dev.registrykit.client.transport.HttpResponse;
import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.manifest.MediaType;
import dev.registrykit.core.manifest.RawManifest;
import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.core.reference.Repository;
import dev.registrykit.core.reference.Tag;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The referrers API (end-12) and its fallback, the tag schema {@code <alg>-<hex>} holding an OCI
 * index of the referring manifests, for registries without the API.
 *
 * <p>The fallback index is updated read-modify-write; to narrow the window two writers have (the
 * spec offers no conditional PUT), the index is re-read after writing and the write repeated when
 * the new entry went missing (ANCHORS §4.7).
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#referrers-tag-schema">spec: referrers tag schema</a>
 */
final class Referrers {
  private static final int MAX_INDEX_BYTES = RegistryClient.MAX_MANIFEST_BYTES;
  private static final int FALLBACK_WRITE_ATTEMPTS = 3;

  private final RegistryClient client;
  private final CallSender sender;

  Referrers(RegistryClient client, CallSender sender) {
    this.client = client;
    this.sender = sender;
  }

  /** The {@code subject} of a manifest. */
  record Subject(Digest digest) {}

  List<Descriptor> list(Repository repository, Digest subject, Optional<String> artifactType) throws IOException {
    String path = RegistryClient.path(repository);
    String query = artifactType.map(t -> "?artifactType=" + URLEncoder.encode(t, StandardCharsets.UTF_8)).orElse("");
    Optional<URI> next = Optional.of(URI.create("/v2/" + path + "/referrers/" + subject + query));
    List<Descriptor> all = new ArrayList<>();
    Set<URI> seen = new HashSet<>();
    while (next.isPresent() && seen.add(next.get())) {
      String operation = "GET referrers " + RegistryClient.display(repository) + "@" + subject;
      Call call = Call.of("GET", RegistryClient.host(repository), next.get(), HttpHeaders.of("Accept", MediaType.OCI_IMAGE_INDEX.value()), path, Call.PULL, operation);
      try (HttpResponse response = sender.send(call)) {
        if (response.status() == 404 && seen.size() == 1) {
          // No referrers API: Distribution 2.8 answers a text/plain "404 page not found".
          return fallback(repository, subject, artifactType);
        }
        if (response.status() != 200) {
          throw Errors.failure(call, response);
        }
        byte[] body = RegistryClient.readCapped(call, response, MAX_INDEX_BYTES);
        boolean filtered = response.headers().allValues("OCI-Filters-Applied").stream().anyMatch(v -> v.contains("artifactType"));
        for (Descriptor d : entries(call, body)) {
          if (filtered || matches(d, artifactType)) {
            all.add(d);
          }
        }
        next = LinkHeader.next(response.headers().allValues("Link"), response.uri());
      }
    }
    return all;
  }

  private List<Descriptor> fallback(Repository repository, Digest subject, Optional<String> artifactType) throws IOException {
    ImageReference tag = fallbackTag(repository, subject);
    ManifestResponse index;
    try {
      index = client.getManifest(tag, List.of(MediaType.OCI_IMAGE_INDEX));
    } catch (ManifestNotFoundException e) {
      return List.of();
    }
    Call describe = Call.of("GET", RegistryClient.host(repository), URI.create("/"), HttpHeaders.empty(), "", Set.of(), "GET referrers fallback " + tag);
    List<Descriptor> result = new ArrayList<>();
    for (Descriptor d : entries(describe, index.manifest().bytes().toByteArray())) {
      if (matches(d, artifactType)) {
        result.add(d);
      }
    }
    return result;
  }

  /** Adds {@code entry} to the fallback index of {@code subject}, creating the index when missing. */
  void addToFallback(Repository repository, Digest subject, Descriptor entry) throws IOException {
    ImageReference tag = fallbackTag(repository, subject);
    for (int attempt = 1; attempt <= FALLBACK_WRITE_ATTEMPTS; attempt++) {
      ObjectNode index = currentIndex(tag);
      ArrayNode manifests = (ArrayNode) index.get("manifests");
      for (JsonNode m : manifests) {
        if (entry.digest().toString().equals(Json.string(m, "digest").orElse(""))) {
          return;
        }
      }
      manifests.add(toJson(entry));
      byte[] bytes = Json.MAPPER.writeValueAsBytes(index);
      client.putManifest(tag, new RawManifest(Bytes.of(bytes), MediaType.OCI_IMAGE_INDEX));
      // Re-read: a concurrent writer may have replaced the index between our read and write.
      ObjectNode after = currentIndex(tag);
      for (JsonNode m : after.get("manifests")) {
        if (entry.digest().toString().equals(Json.string(m, "digest").orElse(""))) {
          return;
        }
      }
    }
    throw new RegistryException("PUT referrers fallback " + tag, "the fallback index kept losing the new entry to concurrent writers");
  }

  private ObjectNode currentIndex(ImageReference tag) throws IOException {
    try {
      ManifestResponse existing = client.getManifest(tag, List.of(MediaType.OCI_IMAGE_INDEX));
      JsonNode node = Json.tryRead(existing.manifest().bytes().toByteArray()).orElse(null);
      if (node instanceof ObjectNode object && object.get("manifests") instanceof ArrayNode) {
        return object;
      }
    } catch (ManifestNotFoundException e) {
      // No index yet: start one.
    }
    ObjectNode index = Json.MAPPER.createObjectNode();
    index.put("schemaVersion", 2);
    index.put("mediaType", MediaType.OCI_IMAGE_INDEX.value());
    index.putArray("manifests");
    return index;
  }

  static ImageReference fallbackTag(Repository repository, Digest subject) {
    return ImageReference.parse(RegistryClient.display(repository) + ":" + subject.algorithm().prefix() + "-" + subject.hex());
  }

  private static boolean matches(Descriptor d, Optional<String> artifactType) {
    return artifactType.isEmpty() || d.artifactType().equals(artifactType);
  }

  private static List<Descriptor> entries(Call call, byte[] body) throws RegistryException {
    JsonNode json = Json.tryRead(body).orElseThrow(() -> new RegistryException(call.operation(), "the referrers index is not JSON"));
    List<Descriptor> result = new ArrayList<>();
    for (JsonNode m : json.path("manifests")) {
      Optional<String> type = Json.string(m, "mediaType");
      Optional<Digest> digest = Json.string(m, "digest").flatMap(Digest::tryParse);
      JsonNode size = m.path("size");
      if (type.isEmpty() || digest.isEmpty() || !size.canConvertToLong()) {
        throw new RegistryException(call.operation(), "the referrers index holds an invalid descriptor");
      }
      Descriptor d = Descriptor.of(MediaType.of(type.get()), digest.get(), size.longValue());
      Optional<String> artifactType = Json.string(m, "artifactType");
      if (artifactType.isPresent()) {
        d = d.withArtifactType(artifactType.get());
      }
      Map<String, String> annotations = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> a : m.path("annotations").properties()) {
        if (a.getValue().isString()) {
          annotations.put(a.getKey(), a.getValue().stringValue());
        }
      }
      if (!annotations.isEmpty()) {
        d = d.withAnnotations(annotations);
      }
      result.add(d);
    }
    return result;
  }

  private static ObjectNode toJson(Descriptor d) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("mediaType", d.mediaType().value());
    node.put("digest", d.digest().toString());
    node.put("size", d.size());
    d.artifactType().ifPresent(t -> node.put("artifactType", t));
    if (!d.annotations().isEmpty()) {
      ObjectNode annotations = node.putObject("annotations");
      d.annotations().forEach(annotations::put);
    }
    return node;
  }

  /** The subject of a manifest, if it has one. */
  static Optional<Subject> subjectOf(RawManifest manifest) {
    return Json.tryRead(manifest.bytes().toByteArray())
        .map(n -> n.path("subject"))
        .flatMap(s -> Json.string(s, "digest"))
        .flatMap(Digest::tryParse)
        .map(Subject::new);
  }

  /**
   * The descriptor of a referring manifest as the fallback index lists it: its {@code artifactType}
   * (or, for an image manifest without one, its config's media type) and its annotations.
   */
  static Descriptor descriptorOf(RawManifest manifest) {
    Descriptor d = Descriptor.of(manifest.mediaType(), manifest.digest(), manifest.size());
    Optional<JsonNode> json = Json.tryRead(manifest.bytes().toByteArray());
    if (json.isEmpty()) {
      return d;
    }
    Optional<String> artifactType = Json.string(json.get(), "artifactType").or(() -> Json.string(json.get().path("config"), "mediaType"));
    if (artifactType.isPresent()) {
      d = d.withArtifactType(artifactType.get());
    }
    Map<String, String> annotations = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> a : json.get().path("annotations").properties()) {
      if (a.getValue().isString()) {
        annotations.put(a.getKey(), a.getValue().stringValue());
      }
    }
    return annotations.isEmpty() ? d : d.withAnnotations(annotations);
  }
}
