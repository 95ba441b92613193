/**
 * Not API. The client's HTTP pipeline: {@link dev.registrykit.client.internal.http.RegistryHttp}
 * executes one {@link dev.registrykit.client.internal.http.Exchange} with a registry — HTTPS or
 * plain-HTTP selection, Docker Hub's API host, authentication (Basic and the bearer token flow with
 * a per-scope token cache), retries with backoff and {@code Retry-After}, redirects followed without
 * leaking credentials to other hosts, and {@code Location} validation against SSRF.
 *
 * <p>Everything here may change without notice; {@code RegistryClient} is the public face.
 */
@NullMarked
package dev.registrykit.client.internal.http;

import org.jspecify.annotations.NullMarked;
