package dev.registrykit.core.digest;

/**
 * Thrown when a string is not a valid {@code sha256:} or {@code sha512:} digest; the message quotes
 * the input.
 */
public class InvalidDigestException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that names the reason and the offending input. */
  public InvalidDigestException(String message) {
    super(message);
  }
}
