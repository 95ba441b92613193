package dev.registrykit.client.artifact;

import dev.registrykit.core.manifest.MediaType;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One file of an artifact to push: where it is on disk, the title it is stored under (the path a
 * pull writes it to, relative to its directory) and the media type of its layer.
 *
 * <p>Immutable.
 */
public final class ArtifactFile {
  /**
   * The media type of a file's layer unless one is given: the one {@code oras push} uses, so that
   * either tool pulls what the other pushed.
   */
  public static final MediaType DEFAULT_MEDIA_TYPE = MediaType.OCI_LAYER;

  private final Path source;
  private final String title;
  private final MediaType mediaType;

  private ArtifactFile(Path source, String title, MediaType mediaType) {
    this.source = source;
    this.title = title;
    this.mediaType = mediaType;
  }

  /** {@code source} under its file name. */
  public static ArtifactFile of(Path source) {
    Objects.requireNonNull(source, "source");
    Path name = source.getFileName();
    if (name == null) {
      throw new IllegalArgumentException("not a file: " + source);
    }
    return of(source, name.toString());
  }

  /**
   * {@code source} under {@code title}, a relative path such as {@code docs/guide.md}: nested
   * directories are kept, and a pull writes the file there.
   *
   * @throws IllegalArgumentException when the title is empty, absolute, ends in {@code /}, or has
   *     {@code .}, {@code ..} or empty segments, a backslash or a control character
   */
  public static ArtifactFile of(Path source, String title) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(title, "title");
    ArtifactTitles.problem(title)
        .ifPresent(
            p -> {
              throw new IllegalArgumentException("cannot store " + source + ": " + p);
            });
    return new ArtifactFile(source, title, DEFAULT_MEDIA_TYPE);
  }

  /** This file with another layer media type. */
  public ArtifactFile withMediaType(MediaType newMediaType) {
    return new ArtifactFile(source, title, Objects.requireNonNull(newMediaType, "mediaType"));
  }

  /** The file on disk. */
  public Path source() {
    return source;
  }

  /** The title annotation: where a pull writes the file, relative to its directory. */
  public String title() {
    return title;
  }

  /** The media type of the file's layer. */
  public MediaType mediaType() {
    return mediaType;
  }

  @Override
  public String toString() {
    return title + " (" + source + ", " + mediaType + ")";
  }
}
