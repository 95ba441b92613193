package dev.registrykit.client;

import dev.registrykit.client.errors.ManifestNotFoundException;
import dev.registrykit.client.errors.RegistryException;
import dev.registrykit.client.internal.http.Call;
import dev.registrykit.client.internal.http.CallSender;
import dev.registrykit.client.internal.http.Errors;
import dev.registrykit.client.internal.listing.LinkHeader;
import dev.registrykit.client.internal.listing.ListingBudget;
import dev.registrykit.client.transport.HttpHeaders;
import dev.registrykit.client.transport.HttpResponse;
import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.manifest.ImageManifest;
import dev.registrykit.core.manifest.IndexManifest;
import dev.registrykit.core.manifest.InvalidManifestException;
import dev.registrykit.core.manifest.Manifest;
import dev.registrykit.core.manifest.ManifestCodec;
import dev.registrykit.core.manifest.MediaType;
import dev.registrykit.core.manifest.RawManifest;
import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.core.reference.Repository;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The referrers API (end-12) and its fallback, the tag schema {@code <alg>-<hex>} holding an OCI
 * index of the referring manifests, for registries without the API.
 *
 * <p>The fallback index is updated read-modify-write, when a manifest with a {@code subject} is
 * pushed (an entry added) and when one is deleted (its entry removed); to narrow the window two
 * writers have (the spec offers no conditional PUT), the index is re-read after writing and the
 * write repeated when the change went missing.
 *
 * @see <a
 *     href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#referrers-tag-schema">spec:
 *     referrers tag schema</a>
 */
final class Referrers {
  private static final int FALLBACK_WRITE_ATTEMPTS = 3;

  private final RegistryClient client;
  private final CallSender sender;

  Referrers(RegistryClient client, CallSender sender) {
    this.client = client;
    this.sender = sender;
  }

  /** The {@code subject} of a manifest. */
  record Subject(Digest digest) {}

  List<Descriptor> list(Repository repository, Digest subject, Optional<String> artifactType)
      throws IOException {
    String operation = "GET referrers " + repository.name() + "@" + subject;
    Repository at = client.primary(repository, operation);
    String path = at.path();
    String query =
        artifactType
            .map(t -> "?artifactType=" + URLEncoder.encode(t, StandardCharsets.UTF_8))
            .orElse("");
    Optional<URI> next = Optional.of(URI.create("/v2/" + path + "/referrers/" + subject + query));
    List<Descriptor> all = new ArrayList<>();
    ListingBudget budget = client.listingBudget(operation);
    boolean first = true;
    while (next.isPresent()) {
      budget.enter(next.get());
      Call call =
          Call.of(
              "GET",
              RegistryClient.host(at),
              next.get(),
              HttpHeaders.of("Accept", MediaType.OCI_IMAGE_INDEX.value()),
              path,
              Call.PULL,
              operation);
      try (HttpResponse response = sender.send(call)) {
        if (response.status() == 404 && first) {
          // No referrers API: Distribution 2.8 answers a text/plain "404 page not found".
          return fallback(repository, subject, artifactType);
        }
        if (response.status() != 200) {
          throw Errors.failure(call, response);
        }
        byte[] body = RegistryClient.readListingPage(response, budget);
        boolean filtered =
            response.headers().allValues("OCI-Filters-Applied").stream()
                .anyMatch(v -> v.contains("artifactType"));
        List<Descriptor> entries = entries(call, body);
        budget.add(entries.size(), body.length);
        for (Descriptor d : entries) {
          if (filtered || matches(d, artifactType)) {
            all.add(d);
          }
        }
        first = false;
        next = LinkHeader.next(response.headers().allValues("Link"), response.uri());
      }
    }
    return all;
  }

  private List<Descriptor> fallback(
      Repository repository, Digest subject, Optional<String> artifactType) throws IOException {
    ImageReference tag = fallbackTag(repository, subject);
    ManifestResponse index;
    try {
      index = client.getManifest(tag, List.of(MediaType.OCI_IMAGE_INDEX));
    } catch (ManifestNotFoundException e) {
      return List.of();
    }
    Call describe =
        Call.of(
            "GET",
            RegistryClient.host(repository),
            URI.create("/"),
            HttpHeaders.empty(),
            "",
            Set.of(),
            "GET referrers fallback " + tag);
    List<Descriptor> result = new ArrayList<>();
    for (Descriptor d : entries(describe, index.manifest().bytes().toByteArray())) {
      if (matches(d, artifactType)) {
        result.add(d);
      }
    }
    return result;
  }

  /**
   * Adds {@code entry} to the fallback index of {@code subject}, creating the index when missing.
   */
  void addToFallback(Repository repository, Digest subject, Descriptor entry) throws IOException {
    ImageReference tag = fallbackTag(repository, subject);
    for (int attempt = 1; attempt <= FALLBACK_WRITE_ATTEMPTS; attempt++) {
      IndexManifest index = currentIndex(tag);
      if (contains(index, entry.digest())) {
        return;
      }
      client.putManifest(tag, ManifestCodec.encode(index.withAppendedManifest(entry)));
      // Re-read: a concurrent writer may have replaced the index between our read and write.
      if (contains(currentIndex(tag), entry.digest())) {
        return;
      }
    }
    throw new RegistryException(
        "PUT referrers fallback " + tag,
        "the fallback index kept losing the new entry to concurrent writers");
  }

  /**
   * Removes the entry for {@code referrer} from the fallback index of {@code subject}; nothing
   * happens when there is no such index or it has no such entry. An index left empty stays, empty,
   * as the spec's "push the updated referrers list" says.
   *
   * @see <a
   *     href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#deleting-manifests">spec:
   *     deleting manifests</a>
   */
  void removeFromFallback(Repository repository, Digest subject, Digest referrer)
      throws IOException {
    ImageReference tag = fallbackTag(repository, subject);
    for (int attempt = 1; attempt <= FALLBACK_WRITE_ATTEMPTS; attempt++) {
      IndexManifest index = currentIndex(tag);
      if (!contains(index, referrer)) {
        return;
      }
      List<Descriptor> kept = new ArrayList<>(index.manifests());
      kept.removeIf(m -> m.digest().equals(referrer));
      client.putManifest(tag, ManifestCodec.encode(index.withManifests(kept)));
      // Re-read: a concurrent writer may have put the entry back with its own read-modify-write.
      if (!contains(currentIndex(tag), referrer)) {
        return;
      }
    }
    throw new RegistryException(
        "PUT referrers fallback " + tag,
        "the fallback index kept regaining the removed entry from concurrent writers");
  }

  /**
   * Whether the registry serves the referrers API (end-12) for {@code repository}: a registry with
   * it answers 200 for any subject, one without it 404.
   */
  boolean apiAvailable(Repository repository, Digest subject) throws IOException {
    String operation = "GET referrers " + repository.name() + "@" + subject;
    Repository at = client.primary(repository, operation);
    String path = at.path();
    Call call =
        Call.of(
            "GET",
            RegistryClient.host(at),
            URI.create("/v2/" + path + "/referrers/" + subject),
            HttpHeaders.of("Accept", MediaType.OCI_IMAGE_INDEX.value()),
            path,
            Call.PULL,
            operation);
    try (HttpResponse response = sender.send(call)) {
      if (response.status() == 404) {
        return false;
      }
      if (response.status() != 200) {
        throw Errors.failure(call, response);
      }
      return true;
    }
  }

  private static boolean contains(IndexManifest index, Digest digest) {
    return index.manifests().stream().anyMatch(m -> m.digest().equals(digest));
  }

  private IndexManifest currentIndex(ImageReference tag) throws IOException {
    try {
      // Any manifest type: a registry negotiating strictly would answer 404 for an image on the tag
      // when asked for an index only, and that image would then be overwritten; the spec says to
      // report a failure instead.
      ManifestResponse existing = client.getManifest(tag);
      return ManifestCodec.parseIndex(existing.manifest());
    } catch (ManifestNotFoundException e) {
      return IndexManifest.oci(List.of());
    } catch (InvalidManifestException e) {
      throw new RegistryException(
          "GET referrers fallback " + tag,
          "the fallback tag holds something that is not an index: " + e.getMessage(),
          e);
    }
  }

  static ImageReference fallbackTag(Repository repository, Digest subject) {
    return ImageReference.parse(
        repository.name() + ":" + subject.algorithm().prefix() + "-" + subject.hex());
  }

  private static boolean matches(Descriptor d, Optional<String> artifactType) {
    return artifactType.isEmpty() || d.artifactType().equals(artifactType);
  }

  private static List<Descriptor> entries(Call call, byte[] body) throws RegistryException {
    try {
      return ManifestCodec.parseIndex(new RawManifest(Bytes.of(body), MediaType.OCI_IMAGE_INDEX))
          .manifests();
    } catch (InvalidManifestException e) {
      throw new RegistryException(
          call.operation(), "the referrers index is invalid: " + e.getMessage(), e);
    }
  }

  /** The subject of a manifest, if it has one. */
  static Optional<Subject> subjectOf(RawManifest manifest) {
    try {
      return ManifestCodec.parse(manifest).subject().map(d -> new Subject(d.digest()));
    } catch (InvalidManifestException e) {
      // Not a manifest this library parses: it cannot have a subject we could index.
      return Optional.empty();
    }
  }

  /**
   * The descriptor of a referring manifest as the fallback index lists it: its {@code artifactType}
   * (or, for an image manifest without one, its config's media type) and its annotations.
   */
  static Descriptor descriptorOf(RawManifest manifest) {
    Descriptor d = Descriptor.of(manifest.mediaType(), manifest.digest(), manifest.size());
    Manifest parsed = ManifestCodec.parse(manifest);
    Optional<String> artifactType = parsed.artifactType();
    if (artifactType.isEmpty() && parsed instanceof ImageManifest image) {
      artifactType = Optional.of(image.config().mediaType().value());
    }
    if (artifactType.isPresent()) {
      d = d.withArtifactType(artifactType.get());
    }
    return parsed.annotations().isEmpty() ? d : d.withAnnotations(parsed.annotations());
  }
}
