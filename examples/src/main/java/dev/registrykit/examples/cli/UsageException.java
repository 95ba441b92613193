package dev.registrykit.examples.cli;

/**
 * The command line was wrong: an unknown option, a missing argument, a malformed value. Exit code
 * {@code 2}. The message never repeats option values, so a mistyped {@code --creds} cannot leak.
 */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
