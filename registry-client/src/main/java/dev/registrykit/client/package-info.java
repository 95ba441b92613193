/**
 * The registry client: {@link dev.registrykit.client.RegistryClient} speaks the OCI Distribution
 * API to any registry, one method family per endpoint (manifests, blobs, uploads, mounts, tags,
 * catalog, referrers), with the values it takes and returns ({@link
 * dev.registrykit.client.BlobContent}, {@link dev.registrykit.client.Page}, {@link
 * dev.registrykit.client.ManifestResponse}, {@link dev.registrykit.client.BlobResult}) and the one
 * {@link dev.registrykit.client.ProgressListener progress interface}. {@link
 * dev.registrykit.client.RegistryLogin} is {@code docker login}/{@code logout} as a library.
 *
 * <p>Whole-image operations (push, pull, copy across registries) are in {@code
 * dev.registrykit.client.remote}; retry settings in {@code dev.registrykit.client.config}; mirrors,
 * location rewrites, insecure and blocked registries ({@code registries.conf}, {@code daemon.json})
 * in {@code dev.registrykit.client.registries}; credentials in {@code dev.registrykit.client.auth};
 * the pluggable HTTP layer in {@code dev.registrykit.client.transport}. Packages named {@code
 * internal} are not API.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md">OCI
 *     Distribution Specification</a>
 */
@NullMarked
package dev.registrykit.client;

import org.jspecify.annotations.NullMarked;
