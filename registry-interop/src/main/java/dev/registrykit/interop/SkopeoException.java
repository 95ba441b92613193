package dev.registrykit.interop;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A skopeo run that failed: non-zero exit, timeout, or the process could not be started. The
 * message holds the (redacted) command line and skopeo's stderr; credentials never appear.
 */
public final class SkopeoException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The result, when the process ran to an exit status. */
  private final transient @Nullable SkopeoResult result;

  SkopeoException(String message, SkopeoResult result) {
    super(message);
    this.result = result;
  }

  SkopeoException(String message) {
    super(message);
    this.result = null;
  }

  SkopeoException(String message, Throwable cause) {
    super(message, cause);
    this.result = null;
  }

  /**
   * The run's result (exit status, stdout, redacted stderr), when skopeo exited on its own.
   *
   * @return the result, or empty after a timeout or a start failure
   */
  public Optional<SkopeoResult> result() {
    return Optional.ofNullable(result);
  }
}
