package dev.registrykit.core.reference;

import java.util.Objects;

/**
 * Thrown when a string is not a valid image reference (or registry, repository or tag). The {@link
 * #reason()} says what is wrong; the message names the reason and quotes the offending part, with
 * its position when that helps.
 *
 * <p>This is the only exception any parse method of this package throws for bad input, whatever the
 * input (apart from {@link NullPointerException} for {@code null}).
 */
public class InvalidReferenceException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Why a reference was rejected; one value per failure, after distribution/reference's errors. */
  public enum Reason {
    /** The input, or its repository name, is empty. */
    NAME_EMPTY,
    /** The repository path is longer than 255 characters (the registry host does not count). */
    NAME_TOO_LONG,
    /** The repository path contains an uppercase letter. */
    NAME_UPPERCASE,
    /** The input is a bare 64-character hex string: an image ID, not a name. */
    NAME_IS_IMAGE_ID,
    /** Strict parsing: the input is valid but not in its canonical, fully qualified form. */
    NAME_NOT_CANONICAL,
    /** The registry part (host and optional port) is malformed. */
    REGISTRY_INVALID,
    /** The tag is malformed or longer than 128 characters. */
    TAG_INVALID,
    /** The digest after {@code @} is malformed or uses an unsupported algorithm. */
    DIGEST_INVALID,
    /** Anything else: the input does not match the reference grammar. */
    INVALID_FORMAT
  }

  private final Reason reason;

  /**
   * Creates the exception.
   *
   * @param reason why the input was rejected
   * @param message a message naming the reason and quoting the offending part
   */
  public InvalidReferenceException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Why the input was rejected. */
  public Reason reason() {
    return reason;
  }
}
