package dev.registrykit.client.containerize;

import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.core.reference.Tag;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the image goes: a registry (under a reference and more tags), an OCI image layout
 * directory, or a {@code docker save} archive that {@code docker load} and {@code podman load}
 * accept. Immutable.
 */
public final class Target {
  enum Kind {
    REGISTRY,
    LAYOUT,
    DOCKER_ARCHIVE
  }

  private final Kind kind;
  private final ImageReference reference;
  private final List<Tag> additionalTags;
  private final Optional<Path> path;

  private Target(
      Kind kind, ImageReference reference, List<Tag> additionalTags, Optional<Path> path) {
    this.kind = kind;
    this.reference = reference;
    this.additionalTags = List.copyOf(additionalTags);
    this.path = path;
  }

  /**
   * A registry: the image is pushed to {@code reference} (its tag, {@code latest} when it has none)
   * and also tagged {@code additionalTags}.
   *
   * @throws IllegalArgumentException when the reference has a digest (a pushed image is named by
   *     its tags)
   */
  public static Target registry(ImageReference reference, List<Tag> additionalTags) {
    Objects.requireNonNull(reference, "reference");
    if (reference.digest().isPresent()) {
      throw new IllegalArgumentException(
          "a target reference names a tag, not a digest: " + reference);
    }
    return new Target(Kind.REGISTRY, reference.withDefaultTag(), additionalTags, Optional.empty());
  }

  /** A registry, under {@code reference}'s tag only. */
  public static Target registry(ImageReference reference) {
    return registry(reference, List.of());
  }

  /**
   * An OCI image layout directory (created when missing; other images in it are kept), the image
   * named by {@code reference}'s tag in {@code index.json}.
   */
  public static Target layout(Path directory, ImageReference reference) {
    return new Target(
        Kind.LAYOUT,
        Objects.requireNonNull(reference, "reference").withDefaultTag(),
        List.of(),
        Optional.of(Objects.requireNonNull(directory, "directory")));
  }

  /**
   * A {@code docker save} archive at {@code file} (replaced), the image tagged {@code reference}
   * and {@code additionalTags}.
   */
  public static Target dockerArchive(
      Path file, ImageReference reference, List<Tag> additionalTags) {
    return new Target(
        Kind.DOCKER_ARCHIVE,
        Objects.requireNonNull(reference, "reference").withDefaultTag(),
        additionalTags,
        Optional.of(Objects.requireNonNull(file, "file")));
  }

  Kind kind() {
    return kind;
  }

  /** The image's name; for a registry, where it is pushed. */
  public ImageReference reference() {
    return reference;
  }

  /** Every tag the image gets: the reference's, then the additional ones, without repeats. */
  public List<Tag> tags() {
    List<Tag> tags = new ArrayList<>();
    reference.tag().ifPresent(tags::add);
    for (Tag tag : additionalTags) {
      if (!tags.contains(tag)) {
        tags.add(tag);
      }
    }
    return List.copyOf(tags);
  }

  List<Tag> additionalTags() {
    return additionalTags;
  }

  Path path() {
    return path.orElseThrow();
  }

  @Override
  public String toString() {
    return switch (kind) {
      case REGISTRY -> reference.toString();
      case LAYOUT -> "oci:" + path.orElseThrow() + ":" + reference.tag().orElseThrow();
      case DOCKER_ARCHIVE -> "docker-archive:" + path.orElseThrow() + ":" + reference.familiar();
    };
  }
}
