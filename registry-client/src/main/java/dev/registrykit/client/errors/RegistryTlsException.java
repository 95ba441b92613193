package dev.registrykit.client.errors;

/**
 * The TLS connection to a registry failed: most often its certificate is not trusted (self-signed,
 * or signed by a private CA the JVM does not know), or it names another host.
 *
 * <p>The client never falls back to plain HTTP because of such a failure. Give the client the
 * registry's CA (for example {@code ApacheHttpTransport.builder().trustedCertificates(caPem)}), or,
 * for a registry on a trusted network, name it insecure ({@code
 * RegistryClient.builder().insecureRegistries(…)}: its certificate is then not verified).
 */
public class RegistryTlsException extends RegistryException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param operation the operation that needed the connection
   * @param message what failed and what to do
   * @param cause the TLS failure
   */
  public RegistryTlsException(String operation, String message, Throwable cause) {
    super(operation, message, cause);
  }
}
