package dev.registrykit.core.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An image manifest: a config descriptor and an ordered list of layer descriptors. Covers the OCI
 * image manifest and Docker's image manifest v2 schema 2, which differ only in media types.
 *
 * <p>Immutable and thread-safe. Artifacts (image-spec v1.1) are image manifests with an {@code
 * artifactType} or a non-image config media type, often {@link Descriptor#EMPTY_JSON}.
 *
 * @param schemaVersion always 2
 * @param mediaType the {@code mediaType} field, if present
 * @param artifactType the {@code artifactType} field, if present
 * @param config the config descriptor
 * @param layers the layer descriptors, base layer first
 * @param subject the manifest this one refers to, if any
 * @param annotations arbitrary metadata, sorted by key
 * @param unknownFields members not modelled here
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/manifest.md">image-spec
 *     manifest.md</a>
 * @see <a
 *     href="https://github.com/distribution/distribution/blob/v2.8.3/docs/spec/manifest-v2-2.md">Docker
 *     image manifest v2, schema 2</a>
 */
public record ImageManifest(
    int schemaVersion,
    Optional<MediaType> mediaType,
    Optional<String> artifactType,
    Descriptor config,
    List<Descriptor> layers,
    Optional<Descriptor> subject,
    Map<String, String> annotations,
    UnknownFields unknownFields)
    implements Manifest {

  /**
   * Validates and copies the components.
   *
   * @throws IllegalArgumentException when {@code schemaVersion} is not 2 or the media type is an
   *     index type
   */
  public ImageManifest {
    if (schemaVersion != 2) {
      throw new IllegalArgumentException("schemaVersion must be 2, was " + schemaVersion);
    }
    Objects.requireNonNull(mediaType, "mediaType");
    if (mediaType.isPresent() && mediaType.get().isIndex()) {
      throw new IllegalArgumentException(
          "an image manifest cannot have index media type " + mediaType.get());
    }
    Objects.requireNonNull(artifactType, "artifactType");
    Objects.requireNonNull(config, "config");
    layers = List.copyOf(layers);
    Objects.requireNonNull(subject, "subject");
    annotations = Descriptor.sortedCopy(annotations);
    Objects.requireNonNull(unknownFields, "unknownFields");
  }

  /** An OCI image manifest (with its {@code mediaType} field set). */
  public static ImageManifest oci(Descriptor config, List<Descriptor> layers) {
    return new ImageManifest(
        2,
        Optional.of(MediaType.OCI_IMAGE_MANIFEST),
        Optional.empty(),
        config,
        layers,
        Optional.empty(),
        Map.of(),
        UnknownFields.EMPTY);
  }

  /** A Docker image manifest v2 schema 2. */
  public static ImageManifest docker(Descriptor config, List<Descriptor> layers) {
    return new ImageManifest(
        2,
        Optional.of(MediaType.DOCKER_MANIFEST_V2),
        Optional.empty(),
        config,
        layers,
        Optional.empty(),
        Map.of(),
        UnknownFields.EMPTY);
  }

  @Override
  public MediaType effectiveMediaType() {
    return mediaType.orElse(MediaType.OCI_IMAGE_MANIFEST);
  }

  @Override
  public List<Descriptor> references() {
    List<Descriptor> all = new ArrayList<>(layers.size() + 1);
    all.add(config);
    all.addAll(layers);
    return List.copyOf(all);
  }

  /** Whether this is a Docker v2 schema 2 manifest rather than an OCI one. */
  public boolean isDocker() {
    return effectiveMediaType().isDocker();
  }

  /** A copy with {@code config}. */
  public ImageManifest withConfig(Descriptor config) {
    return new ImageManifest(
        schemaVersion,
        mediaType,
        artifactType,
        config,
        layers,
        subject,
        annotations,
        unknownFields);
  }

  /** A copy with {@code layers}. */
  public ImageManifest withLayers(List<Descriptor> layers) {
    return new ImageManifest(
        schemaVersion,
        mediaType,
        artifactType,
        config,
        layers,
        subject,
        annotations,
        unknownFields);
  }

  /** A copy with {@code layer} appended. */
  public ImageManifest withAppendedLayer(Descriptor layer) {
    List<Descriptor> all = new ArrayList<>(layers);
    all.add(layer);
    return withLayers(all);
  }

  /** A copy with the {@code mediaType} field set to {@code mediaType}. */
  public ImageManifest withMediaType(MediaType mediaType) {
    return new ImageManifest(
        schemaVersion,
        Optional.of(mediaType),
        artifactType,
        config,
        layers,
        subject,
        annotations,
        unknownFields);
  }

  /** A copy with {@code artifactType}. */
  public ImageManifest withArtifactType(String artifactType) {
    return new ImageManifest(
        schemaVersion,
        mediaType,
        Optional.of(artifactType),
        config,
        layers,
        subject,
        annotations,
        unknownFields);
  }

  /** A copy with {@code subject}. */
  public ImageManifest withSubject(Descriptor subject) {
    return new ImageManifest(
        schemaVersion,
        mediaType,
        artifactType,
        config,
        layers,
        Optional.of(subject),
        annotations,
        unknownFields);
  }

  /** A copy with {@code annotations} replacing the current ones. */
  public ImageManifest withAnnotations(Map<String, String> annotations) {
    return new ImageManifest(
        schemaVersion,
        mediaType,
        artifactType,
        config,
        layers,
        subject,
        annotations,
        unknownFields);
  }
}
