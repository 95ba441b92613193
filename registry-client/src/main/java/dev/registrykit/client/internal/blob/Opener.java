package dev.registrykit.client.internal.blob;

import java.io.IOException;
import java.io.InputStream;

/**
 * Opens a blob's bytes at an offset: once per attempt, so that a transfer can resume where it
 * broke.
 */
@FunctionalInterface
public interface Opener {
  /** The bytes from {@code offset} on. */
  InputStream open(long offset) throws IOException;
}
