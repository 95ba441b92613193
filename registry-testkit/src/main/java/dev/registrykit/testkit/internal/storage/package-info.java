/**
 * The fake registry's storage: blob contents (in the heap, or in files with {@code storage(dir)}),
 * per-repository blob links, manifests, tags and upload sessions.
 *
 * <p>Blobs are scoped per repository, as real registries scope them (a blob pushed to {@code a} is
 * unknown in {@code b} until it is mounted or pushed there), but each distinct content is held in
 * memory once, whatever the number of repositories linking it. Contents are kept as the chunks an
 * upload was read into (or the mapped file it was written to), shared: a blob is never copied after
 * it arrives, neither to digest it, to complete a chunked upload, to mount it nor to serve it. What
 * the heap holds is counted ({@code HeapBudget}), so an upload that does not fit is refused while
 * the JVM can still answer.
 *
 * <p>{@link dev.registrykit.testkit.internal.storage.RegistryStorage} is thread-safe: many clients
 * may push and pull to the same and different repositories in parallel. Upload session ids are
 * sequential (formatted as UUIDs), so journals and failures are reproducible.
 */
@NullMarked
package dev.registrykit.testkit.internal.storage;

import org.jspecify.annotations.NullMarked;
