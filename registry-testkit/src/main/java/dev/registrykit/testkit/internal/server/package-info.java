/**
 * The fake registry's HTTP implementation on Jetty, after go-containerregistry's {@code
 * pkg/registry}: {@code JettyBridge} turns each Jetty request into an {@code Incoming} whose body
 * is not read yet; one {@code RegistryDispatcher} parses its route once, applies authentication and
 * injected faults, and hands it to one handler per endpoint family (base, blobs, uploads,
 * manifests, tags, catalog, referrers, token). Handlers answer with a reply or throw a problem that
 * becomes the spec's {@code {"errors":[…]}} body; the bridge writes the {@code Outgoing}, faults
 * included.
 *
 * <p>Upload bodies stream into storage as they arrive, digested on the way, so an upload is
 * verified on completion without a second pass over its bytes, as a real registry verifies while it
 * receives; responses hand the stored buffers to the socket.
 *
 * <p>Only {@link dev.registrykit.testkit.internal.server.RegistryServer} and {@link
 * dev.registrykit.testkit.internal.server.ServerSettings} are public, for {@link
 * dev.registrykit.testkit.FakeRegistry}; they are not a supported API and may change. Use {@code
 * FakeRegistry}.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md">OCI
 *     Distribution Specification</a>
 */
@NullMarked
package dev.registrykit.testkit.internal.server;

import org.jspecify.annotations.NullMarked;
