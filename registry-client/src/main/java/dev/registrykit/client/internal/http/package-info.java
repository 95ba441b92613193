/**
 * Not API. The client's HTTP pipeline: {@link dev.registrykit.client.internal.http.RegistryHttp}
 * executes one {@link dev.registrykit.client.internal.http.Exchange} with a registry — HTTPS or
 * plain-HTTP selection, Docker Hub's API host, authentication (Basic and the bearer token flow with
 * a per-scope token cache), retries with backoff and {@code Retry-After} (a timed-out step at most
 * twice), redirects followed without leaking credentials to other hosts ({@code RedirectPolicy}: no
 * downgrade, no internal address from a public registry, registry-supplied URLs stay on the
 * registry), and the mapping of error statuses to the client's exceptions ({@code Errors}).
 * Loopback and Docker Hub's API host are core's {@code Registry} rules. The steps, limits and
 * timeouts are listed in the repository's {@code docs/architecture.md}.
 *
 * <p>Everything here may change without notice; {@code RegistryClient} is the public face.
 */
@NullMarked
package dev.registrykit.client.internal.http;

import org.jspecify.annotations.NullMarked;
