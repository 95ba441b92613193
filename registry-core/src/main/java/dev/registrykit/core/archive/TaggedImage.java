package dev.registrykit.core.archive;

import dev.registrykit.core.image.Image;
import java.util.List;
import java.util.Objects;

/**
 * An image and the tags it carries in a {@code docker save} archive ({@code RepoTags}), e.g. {@code
 * figlet:latest} and {@code zavy86/figlet:latest}; several tags, one image ID.
 *
 * @param image the image
 * @param repoTags its tags in Docker's familiar form, possibly none
 */
public record TaggedImage(Image image, List<String> repoTags) {
  /** Validates and copies the components. */
  public TaggedImage {
    Objects.requireNonNull(image, "image");
    repoTags = List.copyOf(repoTags);
  }

  /** An image with the given tags. */
  public static TaggedImage of(Image image, String... repoTags) {
    return new TaggedImage(image, List.of(repoTags));
  }
}
