package dev.registrykit.client.containerize;

import dev.registrykit.core.reference.ImageReference;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the base image comes from: a registry, an OCI image layout directory, a {@code docker save}
 * archive, or nothing ({@code scratch}). Immutable.
 */
public final class BaseImage {
  enum Kind {
    REGISTRY,
    LAYOUT,
    DOCKER_ARCHIVE,
    SCRATCH
  }

  private static final BaseImage SCRATCH =
      new BaseImage(Kind.SCRATCH, Optional.empty(), Optional.empty(), "");

  private final Kind kind;
  private final Optional<ImageReference> reference;
  private final Optional<Path> path;
  private final String layoutReference;

  private BaseImage(
      Kind kind, Optional<ImageReference> reference, Optional<Path> path, String layoutReference) {
    this.kind = kind;
    this.reference = reference;
    this.path = path;
    this.layoutReference = layoutReference;
  }

  /**
   * An image in a registry, e.g. {@code eclipse-temurin:17-jre} (Docker Hub) or {@code
   * localhost:5000/base:1}.
   */
  public static BaseImage registry(ImageReference reference) {
    return new BaseImage(
        Kind.REGISTRY,
        Optional.of(Objects.requireNonNull(reference, "reference")),
        Optional.empty(),
        "");
  }

  /**
   * The image named {@code reference} (a ref name from {@code index.json} or a digest) in the OCI
   * image layout at {@code directory}; an empty reference means the layout's only image.
   */
  public static BaseImage layout(Path directory, String reference) {
    return new BaseImage(
        Kind.LAYOUT,
        Optional.empty(),
        Optional.of(Objects.requireNonNull(directory, "directory")),
        Objects.requireNonNull(reference, "reference"));
  }

  /** The only image in a {@code docker save} archive. */
  public static BaseImage dockerArchive(Path file) {
    return new BaseImage(
        Kind.DOCKER_ARCHIVE,
        Optional.empty(),
        Optional.of(Objects.requireNonNull(file, "file")),
        "");
  }

  /** No base: the image has only the application's layers. */
  public static BaseImage scratch() {
    return SCRATCH;
  }

  /**
   * Parses the forms a build configuration uses: {@code scratch}; {@code oci:<dir>} or {@code
   * oci:<dir>:<ref>} (as skopeo names a layout); {@code docker-archive:<file>}; otherwise an image
   * reference, optionally prefixed {@code docker://} or {@code registry://}.
   *
   * @throws dev.registrykit.core.reference.InvalidReferenceException when a registry reference is
   *     malformed
   * @throws IllegalArgumentException when a path is empty
   */
  public static BaseImage parse(String text) {
    Objects.requireNonNull(text, "text");
    String value = text.strip();
    if (value.equals("scratch")) {
      return SCRATCH;
    }
    if (value.startsWith("oci:")) {
      String rest = value.substring("oci:".length());
      int colon = rest.lastIndexOf(':');
      // A colon inside the path's last segment is a reference; a Windows drive letter is not.
      boolean hasRef = colon > 1 && rest.indexOf('/', colon) < 0;
      return layout(
          nonEmptyPath(hasRef ? rest.substring(0, colon) : rest, text),
          hasRef ? rest.substring(colon + 1) : "");
    }
    if (value.startsWith("docker-archive:")) {
      return dockerArchive(nonEmptyPath(value.substring("docker-archive:".length()), text));
    }
    for (String prefix : new String[] {"docker://", "registry://"}) {
      if (value.startsWith(prefix)) {
        value = value.substring(prefix.length());
      }
    }
    return registry(ImageReference.parse(value));
  }

  private static Path nonEmptyPath(String path, String text) {
    if (path.isEmpty()) {
      throw new IllegalArgumentException("no path in \"" + text + "\"");
    }
    return Path.of(path);
  }

  Kind kind() {
    return kind;
  }

  /** The registry reference, for a registry base. */
  public Optional<ImageReference> reference() {
    return reference;
  }

  Path path() {
    return path.orElseThrow();
  }

  String layoutReference() {
    return layoutReference;
  }

  @Override
  public String toString() {
    return switch (kind) {
      case REGISTRY -> reference.orElseThrow().toString();
      case LAYOUT ->
          "oci:" + path.orElseThrow() + (layoutReference.isEmpty() ? "" : ":" + layoutReference);
      case DOCKER_ARCHIVE -> "docker-archive:" + path.orElseThrow();
      case SCRATCH -> "scratch";
    };
  }
}
