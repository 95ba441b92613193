/**
 * Registry authentication: {@link dev.registrykit.client.auth.Credential credentials} and where
 * they come from ({@link dev.registrykit.client.auth.CredentialProviders}: explicit ones, Docker's
 * {@code config.json} with its credential helpers, Podman's {@code auth.json}), the {@code
 * WWW-Authenticate} {@link dev.registrykit.client.auth.Challenge challenges} registries send, and
 * the {@linkplain dev.registrykit.core.reference.Scope scopes} a bearer token is asked for.
 *
 * <p>The token flow itself (anonymous or with credentials, GET or OAuth2 POST, a per-scope cache,
 * re-authentication on expiry) runs inside the client; secrets never appear in logs, exception
 * messages or {@code toString()}.
 *
 * @see <a href="https://distribution.github.io/distribution/spec/auth/token/">Docker Registry v2
 *     token authentication</a>
 */
@NullMarked
package dev.registrykit.client.auth;

import org.jspecify.annotations.NullMarked;
