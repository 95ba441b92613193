package dev.registrykit.client.errors;

import dev.registrykit.core.distribution.RegistryError;
import java.util.List;

/**
 * The blob or its repository is unknown to the registry ({@code BLOB_UNKNOWN}, {@code
 * NAME_UNKNOWN}).
 */
public class BlobNotFoundException extends NotFoundException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; see {@link RegistryErrorResponseException}. */
  public BlobNotFoundException(
      String operation, int status, List<RegistryError> errors, String message) {
    super(operation, status, errors, message);
  }
}
