package dev.registrykit.client.errors;

/**
 * The registry speaks plain HTTP, not HTTPS, and the caller did not allow plain HTTP for it.
 *
 * <p>Loopback registries ({@code localhost}, {@code 127.0.0.0/8}, {@code [::1]}) are reached over
 * plain HTTP automatically; any other host must be listed explicitly, because everything sent to
 * it, including image content, can be read and changed on the way.
 */
public class PlainHttpRegistryException extends RegistryException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param operation the operation that needed the connection
   * @param message what happened and how to allow plain HTTP
   * @param cause the failed TLS handshake
   */
  public PlainHttpRegistryException(String operation, String message, Throwable cause) {
    super(operation, message, cause);
  }
}
