package dev.registrykit.client.containerize;

import java.io.IOException;

/**
 * A containerization that cannot be done as configured: a base image that must be fetched while
 * offline, a platform the base does not have, several platforms for a target that holds one image.
 * The message says what to change.
 */
public class ContainerizeException extends IOException {
  private static final long serialVersionUID = 1L;

  /** With a message saying what was wrong and what to change. */
  public ContainerizeException(String message) {
    super(message);
  }
}
