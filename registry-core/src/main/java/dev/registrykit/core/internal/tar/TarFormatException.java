package dev.registrykit.core.internal.tar;

import java.io.IOException;

/**
 * The bytes are not a well-formed tar archive (bad checksum, bad number, truncated, oversized
 * header).
 */
public final class TarFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what is wrong and where. */
  public TarFormatException(String message) {
    super(message);
  }
}
