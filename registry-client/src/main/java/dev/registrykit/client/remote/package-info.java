/**
 * Whole images in registries: {@link dev.registrykit.client.remote.Remote} pushes, pulls and copies
 * images and indexes (manifests and every blob they reference, in parallel, streamed, verified) and
 * reads them lazily as {@code dev.registrykit.core.image} values, configured by {@link
 * dev.registrykit.client.remote.TransferOptions} and reporting a {@link
 * dev.registrykit.client.remote.PushResult}.
 *
 * <p>Built on the public API of {@link dev.registrykit.client.RegistryClient} only: anything this
 * package does, a user of the client could do too.
 */
@NullMarked
package dev.registrykit.client.remote;

import org.jspecify.annotations.NullMarked;
