/**
 * Not API. The client's HTTP pipeline: {@link dev.registrykit.client.internal.http.Pipeline} sends
 * each {@link dev.registrykit.client.internal.http.Call} through a chain of small steps, one
 * concern per class — {@code FailureMapping} (connection failures → typed exceptions), {@code
 * SchemeSelection} (HTTPS, or plain HTTP for allowed and loopback registries), {@code
 * Authentication} (Basic and bearer tokens with a per-scope {@code TokenCache}, refresh, scope
 * widening), {@code Retry} (429, 5xx, connection failures, {@code Retry-After}), {@code Redirects}
 * (with {@code RedirectPolicy}: no downgrade, no internal address from a public registry, no
 * credentials to other hosts), {@code UserAgent}, the user's interceptors, the transport. {@link
 * dev.registrykit.client.internal.http.Errors} maps error statuses to the client's exceptions, in
 * one place. Loopback and Docker Hub's API host are core's {@code Registry} rules. The steps,
 * limits and timeouts are listed in the repository's {@code docs/architecture.md}.
 *
 * <p>Everything here may change without notice; {@code RegistryClient} is the public face.
 */
@NullMarked
package dev.registrykit.client.internal.http;

import org.jspecify.annotations.NullMarked;
