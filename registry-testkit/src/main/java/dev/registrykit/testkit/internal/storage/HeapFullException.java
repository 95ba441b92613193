package dev.registrykit.testkit.internal.storage;

/**
 * An upload does not fit in what the fake may keep in its heap ({@link HeapBudget}); the message
 * names the setting that makes room.
 */
public final class HeapFullException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  HeapFullException(String message) {
    super(message, null, false, false);
  }
}
