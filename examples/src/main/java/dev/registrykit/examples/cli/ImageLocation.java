package dev.registrykit.examples.cli;

import dev.registrykit.core.reference.ImageReference;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an image is, as {@code copy} and friends name it (skopeo's transports, minus the ones that
 * need a daemon): a registry reference ({@code localhost:5000/figlet}, optionally {@code
 * docker://}), an OCI layout directory ({@code oci:DIR[:TAG]}) or a {@code docker save} archive
 * ({@code docker-archive:FILE}).
 */
sealed interface ImageLocation {

  /**
   * Parses a location; the path of {@code oci:} ends at its first colon, as in skopeo.
   *
   * @throws UsageException for an empty path
   * @throws dev.registrykit.core.reference.InvalidReferenceException for a malformed reference
   */
  static ImageLocation parse(String s) {
    Objects.requireNonNull(s, "location");
    if (s.startsWith("oci:")) {
      String rest = s.substring("oci:".length());
      int colon = rest.indexOf(':');
      String dir = colon < 0 ? rest : rest.substring(0, colon);
      if (dir.isEmpty()) {
        throw new UsageException("oci: needs a directory: oci:DIR[:TAG]");
      }
      Optional<String> tag = colon < 0 ? Optional.empty() : Optional.of(rest.substring(colon + 1));
      if (tag.isPresent() && tag.get().isEmpty()) {
        throw new UsageException("empty tag in oci:DIR:TAG");
      }
      return new Layout(Path.of(dir), tag);
    }
    if (s.startsWith("docker-archive:")) {
      String file = s.substring("docker-archive:".length());
      if (file.isEmpty()) {
        throw new UsageException("docker-archive: needs a file: docker-archive:FILE");
      }
      return new Archive(Path.of(file));
    }
    String ref = s.startsWith("docker://") ? s.substring("docker://".length()) : s;
    return new Remote(ImageReference.parse(ref));
  }

  /**
   * An image in a registry.
   *
   * @param reference the reference, as parsed (no default tag added)
   */
  record Remote(ImageReference reference) implements ImageLocation {
    public Remote {
      Objects.requireNonNull(reference, "reference");
    }

    @Override
    public String toString() {
      return reference.toString();
    }
  }

  /**
   * An image (or index) in an OCI image layout directory.
   *
   * @param directory the layout's root
   * @param tag the {@code org.opencontainers.image.ref.name}, if given
   */
  record Layout(Path directory, Optional<String> tag) implements ImageLocation {
    public Layout {
      Objects.requireNonNull(directory, "directory");
      Objects.requireNonNull(tag, "tag");
    }

    @Override
    public String toString() {
      return "oci:" + directory + tag.map(t -> ":" + t).orElse("");
    }
  }

  /**
   * A {@code docker save} archive.
   *
   * @param file the tar file
   */
  record Archive(Path file) implements ImageLocation {
    public Archive {
      Objects.requireNonNull(file, "file");
    }

    @Override
    public String toString() {
      return "docker-archive:" + file;
    }
  }
}
