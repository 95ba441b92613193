package dev.registrykit.client.errors;

import dev.registrykit.core.distribution.RegistryError;
import java.util.List;

/**
 * The registry does not have what was asked for (HTTP 404): an unknown repository, manifest, tag,
 * blob or upload session. Subtypes say which, where the endpoint tells.
 */
public class NotFoundException extends RegistryErrorResponseException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; see {@link RegistryErrorResponseException}. */
  public NotFoundException(
      String operation, int status, List<RegistryError> errors, String message) {
    super(operation, status, errors, message);
  }
}
