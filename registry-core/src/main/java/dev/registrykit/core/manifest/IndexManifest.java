package dev.registrykit.core.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An image index: a list of manifest descriptors, usually one per platform. Covers the OCI image
 * index and Docker's manifest list, which differ only in media types.
 *
 * <p>Immutable and thread-safe.
 *
 * @param schemaVersion always 2
 * @param mediaType the {@code mediaType} field, if present
 * @param artifactType the {@code artifactType} field, if present
 * @param manifests the entries, in document order
 * @param subject the manifest this one refers to, if any
 * @param annotations arbitrary metadata, sorted by key
 * @param unknownFields members not modelled here
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/image-index.md">image-spec
 *     image-index.md</a>
 * @see <a
 *     href="https://github.com/distribution/distribution/blob/v2.8.3/docs/spec/manifest-v2-2.md#manifest-list">Docker
 *     manifest list</a>
 */
public record IndexManifest(
    int schemaVersion,
    Optional<MediaType> mediaType,
    Optional<String> artifactType,
    List<Descriptor> manifests,
    Optional<Descriptor> subject,
    Map<String, String> annotations,
    UnknownFields unknownFields)
    implements Manifest {

  /**
   * Validates and copies the components.
   *
   * @throws IllegalArgumentException when {@code schemaVersion} is not 2 or the media type is an
   *     image manifest type
   */
  public IndexManifest {
    if (schemaVersion != 2) {
      throw new IllegalArgumentException("schemaVersion must be 2, was " + schemaVersion);
    }
    Objects.requireNonNull(mediaType, "mediaType");
    if (mediaType.isPresent() && mediaType.get().isImageManifest()) {
      throw new IllegalArgumentException(
          "an index cannot have image manifest media type " + mediaType.get());
    }
    Objects.requireNonNull(artifactType, "artifactType");
    manifests = List.copyOf(manifests);
    Objects.requireNonNull(subject, "subject");
    annotations = Descriptor.sortedCopy(annotations);
    Objects.requireNonNull(unknownFields, "unknownFields");
  }

  /** An OCI image index (with its {@code mediaType} field set). */
  public static IndexManifest oci(List<Descriptor> manifests) {
    return new IndexManifest(
        2,
        Optional.of(MediaType.OCI_IMAGE_INDEX),
        Optional.empty(),
        manifests,
        Optional.empty(),
        Map.of(),
        UnknownFields.EMPTY);
  }

  /** A Docker manifest list. */
  public static IndexManifest docker(List<Descriptor> manifests) {
    return new IndexManifest(
        2,
        Optional.of(MediaType.DOCKER_MANIFEST_LIST),
        Optional.empty(),
        manifests,
        Optional.empty(),
        Map.of(),
        UnknownFields.EMPTY);
  }

  @Override
  public MediaType effectiveMediaType() {
    return mediaType.orElse(MediaType.OCI_IMAGE_INDEX);
  }

  @Override
  public List<Descriptor> references() {
    return manifests;
  }

  /** Whether this is a Docker manifest list rather than an OCI index. */
  public boolean isDocker() {
    return effectiveMediaType().isDocker();
  }

  /**
   * The first entry whose platform {@linkplain Platform#satisfies satisfies} {@code wanted}, in
   * document order; entries without a platform never match.
   */
  public Optional<Descriptor> select(Platform wanted) {
    Objects.requireNonNull(wanted, "wanted");
    for (Descriptor d : manifests) {
      if (d.platform().isPresent() && d.platform().get().satisfies(wanted)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /** A copy with {@code manifests}. */
  public IndexManifest withManifests(List<Descriptor> manifests) {
    return new IndexManifest(
        schemaVersion, mediaType, artifactType, manifests, subject, annotations, unknownFields);
  }

  /** A copy with {@code entry} appended. */
  public IndexManifest withAppendedManifest(Descriptor entry) {
    List<Descriptor> all = new ArrayList<>(manifests);
    all.add(entry);
    return withManifests(all);
  }

  /** A copy with {@code artifactType}. */
  public IndexManifest withArtifactType(String artifactType) {
    return new IndexManifest(
        schemaVersion,
        mediaType,
        Optional.of(artifactType),
        manifests,
        subject,
        annotations,
        unknownFields);
  }

  /** A copy with {@code subject}. */
  public IndexManifest withSubject(Descriptor subject) {
    return new IndexManifest(
        schemaVersion,
        mediaType,
        artifactType,
        manifests,
        Optional.of(subject),
        annotations,
        unknownFields);
  }

  /** A copy with {@code annotations} replacing the current ones. */
  public IndexManifest withAnnotations(Map<String, String> annotations) {
    return new IndexManifest(
        schemaVersion, mediaType, artifactType, manifests, subject, annotations, unknownFields);
  }
}
