/**
 * Whole repositories: copy every tag of a repository, or those a regular expression matches, to
 * another repository or into an OCI image layout, skipping tags the destination already has at the
 * same digest (no blob moves for them), reporting copied / skipped / failed per tag and going on
 * past a failed tag; as {@code skopeo sync} and {@code regsync} do. Running it again moves nothing.
 *
 * <p>{@link dev.registrykit.client.sync.RepositorySync} is the entry point.
 */
@org.jspecify.annotations.NullMarked
package dev.registrykit.client.sync;
