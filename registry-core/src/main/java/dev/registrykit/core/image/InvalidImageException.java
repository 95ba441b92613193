package dev.registrykit.core.image;

import java.io.IOException;
import java.util.List;

/**
 * An image or index is inconsistent: a digest, size or diff ID does not match what the manifest or
 * config says. An {@link IOException} because it is discovered by reading content, and the content
 * must not be used.
 */
public class InvalidImageException extends IOException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  /**
   * Creates the exception.
   *
   * @param problems every inconsistency found, each naming the part (e.g. {@code layer 2})
   */
  public InvalidImageException(List<String> problems) {
    super(
        problems.size() == 1
            ? problems.get(0)
            : problems.size() + " problems: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Every inconsistency found. */
  public List<String> problems() {
    return problems;
  }
}
