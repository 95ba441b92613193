package dev.registrykit.client.errors;

import dev.registrykit.core.distribution.RegistryError;
import java.util.List;

/**
 * The manifest, tag or its repository is unknown to the registry ({@code MANIFEST_UNKNOWN}, {@code
 * NAME_UNKNOWN}).
 */
public class ManifestNotFoundException extends NotFoundException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception; see {@link RegistryErrorResponseException}. */
  public ManifestNotFoundException(
      String operation, int status, List<RegistryError> errors, String message) {
    super(operation, status, errors, message);
  }
}
