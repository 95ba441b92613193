package dev.registrykit.testkit;

/**
 * How the fake registry authenticates clients. The standalone server's {@code --auth} option takes
 * the same names in lower case ({@code none}, {@code basic}, {@code token}).
 */
public enum AuthMode {
  /** Every request is accepted. */
  NONE,
  /**
   * HTTP Basic: {@code 401} with {@code WWW-Authenticate: Basic realm="…"} without valid
   * credentials; {@code 403 DENIED} when the user lacks a grant.
   */
  BASIC,
  /**
   * Docker token auth: {@code 401} with {@code WWW-Authenticate: Bearer realm=…,service=…,scope=…};
   * the realm is the fake's own {@code /token} endpoint, which issues opaque, expiring tokens
   * carrying the granted scopes.
   *
   * @see <a href="https://distribution.github.io/distribution/spec/auth/token/">Token
   *     Authentication Specification</a>
   */
  TOKEN
}
