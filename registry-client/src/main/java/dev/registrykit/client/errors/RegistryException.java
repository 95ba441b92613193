package dev.registrykit.client.errors;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The root of everything the client throws for a failed registry operation: protocol errors,
 * authentication failures, rate limits, content that failed verification, unreachable registries.
 *
 * <p>Messages name the operation ({@code PUT manifest localhost:5000/figlet:latest}) and never
 * contain credentials or tokens.
 */
public class RegistryException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String operation;

  /**
   * Creates the exception.
   *
   * @param operation what was being done, e.g. {@code PUT manifest localhost:5000/figlet:latest};
   *     empty if unknown
   * @param message what went wrong and, where possible, what to do about it
   * @param cause the underlying failure, if any
   */
  public RegistryException(String operation, String message, @Nullable Throwable cause) {
    super(compose(operation, message), cause);
    this.operation = Objects.requireNonNull(operation, "operation");
  }

  /** Creates the exception without a cause. */
  public RegistryException(String operation, String message) {
    this(operation, message, null);
  }

  /** The operation that failed, e.g. {@code PUT manifest localhost:5000/figlet:latest}. */
  public Optional<String> operation() {
    return operation.isEmpty() ? Optional.empty() : Optional.of(operation);
  }

  private static String compose(String operation, String message) {
    Objects.requireNonNull(message, "message");
    return operation == null || operation.isEmpty() ? message : operation + ": " + message;
  }
}
