package dev.registrykit.testkit.internal.server;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.testkit.internal.storage.RegistryStorage;
import dev.registrykit.testkit.internal.storage.StoredManifest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * end-12a/b: the manifests of a repository whose {@code subject} is the given digest, as an image
 * index, optionally filtered by {@code artifactType} (then {@code OCI-Filters-Applied:
 * artifactType}). When the registry is built without referrers support it answers a plain-text 404
 * like Distribution 2.8, so clients exercise their fallback to the referrers tag schema.
 *
 * @see <a
 *     href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#listing-referrers">Listing
 *     referrers</a>
 */
final class ReferrersHandler implements Handler {
  static final String INDEX = "application/vnd.oci.image.index.v1+json";

  private final RegistryStorage storage;
  private final boolean enabled;

  ReferrersHandler(RegistryStorage storage, boolean enabled) {
    this.storage = storage;
    this.enabled = enabled;
  }

  @Override
  public Reply handle(RoutedRequest call) {
    if (!enabled) {
      return Reply.plainNotFound();
    }
    Digest subject = Problems.digest(call.route().parameter());
    Optional<String> filter = call.route().query("artifactType");
    List<Map<String, Object>> descriptors = new ArrayList<>();
    for (StoredManifest manifest : storage.manifests(call.repo())) {
      Optional<ManifestFacts> facts = ManifestFacts.read(manifest.bytes());
      if (facts.isEmpty() || !facts.get().subjectDigest().equals(Optional.of(subject.toString()))) {
        continue;
      }
      // artifactType, else the config media type of an image manifest; omitted for an index.
      Optional<String> artifactType =
          facts
              .get()
              .artifactType()
              .or(() -> facts.get().hasConfig() ? facts.get().configMediaType() : Optional.empty());
      if (filter.isPresent() && !artifactType.equals(filter)) {
        continue;
      }
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("mediaType", manifest.mediaType());
      d.put("digest", manifest.digest().toString());
      d.put("size", manifest.content().size());
      artifactType.ifPresent(t -> d.put("artifactType", t));
      if (!facts.get().annotations().isEmpty()) {
        d.put("annotations", new java.util.TreeMap<>(facts.get().annotations()));
      }
      descriptors.add(d);
    }
    Map<String, Object> index = new LinkedHashMap<>();
    index.put("schemaVersion", 2);
    index.put("mediaType", INDEX);
    index.put("manifests", descriptors);
    Reply reply = Reply.json(200, Json.write(index));
    reply.setHeader("Content-Type", INDEX);
    filter.ifPresent(f -> reply.header("OCI-Filters-Applied", "artifactType"));
    return reply;
  }
}
