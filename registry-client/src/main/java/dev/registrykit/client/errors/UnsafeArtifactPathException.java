package dev.registrykit.client.errors;

import java.util.Objects;

/**
 * An artifact was not pulled because one of its files would be written outside the target
 * directory, or over something that is not a regular file: its title is empty, absolute, climbs
 * with {@code ..}, names a directory, or a directory on its way (or the file itself) is a symbolic
 * link or not a directory. Every title is checked before anything is written, so nothing was.
 */
public final class UnsafeArtifactPathException extends RegistryException {
  private static final long serialVersionUID = 1L;

  private final String title;

  /**
   * Creates the exception.
   *
   * @param operation the pull, e.g. {@code pull artifact localhost:5000/docs:v1}
   * @param title the file's title as the manifest gives it (escaped for display by the caller)
   * @param reason why it cannot be written
   */
  public UnsafeArtifactPathException(String operation, String title, String reason) {
    super(
        operation,
        "refusing to write \""
            + Objects.requireNonNull(title, "title")
            + "\": "
            + Objects.requireNonNull(reason, "reason")
            + "; nothing was written");
    this.title = title;
  }

  /** The title that was refused, escaped for display. */
  public String title() {
    return title;
  }
}
