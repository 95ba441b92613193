package dev.registrykit.client.artifact;

import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.manifest.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an artifact's manifest says besides its files: its {@code artifactType}, its config (the
 * empty descriptor unless one is given), the image it refers to ({@code subject}) and its
 * annotations.
 *
 * <p>Immutable; start from {@link #defaults()}.
 */
public final class ArtifactOptions {
  /** The artifact type of an artifact whose type is not given, as {@code oras push} uses. */
  public static final String UNKNOWN_ARTIFACT_TYPE = "application/vnd.unknown.artifact.v1";

  private static final ArtifactOptions DEFAULTS =
      new ArtifactOptions(Optional.empty(), Optional.empty(), Optional.empty(), Map.of());

  private final Optional<String> artifactType;
  private final Optional<Config> config;
  private final Optional<Descriptor> subject;
  private final Map<String, String> annotations;

  /** A config blob and its media type. */
  record Config(MediaType mediaType, Bytes content) {}

  private ArtifactOptions(
      Optional<String> artifactType,
      Optional<Config> config,
      Optional<Descriptor> subject,
      Map<String, String> annotations) {
    this.artifactType = artifactType;
    this.config = config;
    this.subject = subject;
    this.annotations = Map.copyOf(annotations);
  }

  /**
   * No artifact type given (so {@link #UNKNOWN_ARTIFACT_TYPE} with the empty config), the empty
   * config, no subject, no annotations.
   */
  public static ArtifactOptions defaults() {
    return DEFAULTS;
  }

  /**
   * The manifest's {@code artifactType}, e.g. {@code application/vnd.example.sbom.v1+json}.
   *
   * @throws IllegalArgumentException when it is not a media type ({@code type/subtype})
   */
  public ArtifactOptions withArtifactType(String type) {
    Objects.requireNonNull(type, "type");
    MediaType.of(type); // the image spec requires a media type
    if (type.indexOf('/') <= 0 || type.endsWith("/")) {
      throw new IllegalArgumentException(
          "an artifact type is a media type (type/subtype): " + type);
    }
    return new ArtifactOptions(Optional.of(type), config, subject, annotations);
  }

  /** A config blob of {@code mediaType} instead of the empty descriptor. */
  public ArtifactOptions withConfig(MediaType mediaType, Bytes content) {
    return new ArtifactOptions(
        artifactType,
        Optional.of(
            new Config(
                Objects.requireNonNull(mediaType, "mediaType"),
                Objects.requireNonNull(content, "content"))),
        subject,
        annotations);
  }

  /**
   * The manifest this artifact refers to, in the same repository (its descriptor as {@link
   * dev.registrykit.client.RegistryClient#headManifest} returns it): the artifact is then listed
   * among that manifest's referrers.
   */
  public ArtifactOptions withSubject(Descriptor manifest) {
    Objects.requireNonNull(manifest, "manifest");
    return new ArtifactOptions(artifactType, config, Optional.of(manifest), annotations);
  }

  /** An annotation of the manifest; a later value for the same key replaces an earlier one. */
  public ArtifactOptions withAnnotation(String key, String value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    if (key.isEmpty()) {
      throw new IllegalArgumentException("an annotation key must not be empty");
    }
    Map<String, String> more = new LinkedHashMap<>(annotations);
    more.put(key, value);
    return new ArtifactOptions(artifactType, config, subject, more);
  }

  /** The artifact type given, if any. */
  public Optional<String> artifactType() {
    return artifactType;
  }

  /** The manifest this artifact refers to, if any. */
  public Optional<Descriptor> subject() {
    return subject;
  }

  /** The manifest's annotations. */
  public Map<String, String> annotations() {
    return annotations;
  }

  Optional<Config> config() {
    return config;
  }
}
