/**
 * The fake registry's in-memory storage: blob contents, per-repository blob links, manifests, tags
 * and upload sessions.
 *
 * <p>Blobs are scoped per repository, as real registries scope them (a blob pushed to {@code a} is
 * unknown in {@code b} until it is mounted or pushed there), but each distinct content is held in
 * memory once, whatever the number of repositories linking it. Contents are kept as the okio byte
 * strings the HTTP layer received, their segments shared: a blob is never copied after it arrives,
 * neither to digest it, to complete a chunked upload, to mount it nor to serve it.
 *
 * <p>{@link dev.registrykit.testkit.internal.storage.RegistryStorage} is thread-safe: many clients may push
 * and pull to the same and different repositories in parallel. Upload session ids are sequential
 * (formatted as UUIDs), so journals and failures are reproducible.
 */
@NullMarked
package dev.registrykit.testkit.internal.storage;

import org.jspecify.annotations.NullMarked;
