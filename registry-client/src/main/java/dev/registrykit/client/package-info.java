/**
 * The registry client: {@code RegistryClient} speaks the OCI Distribution API to any registry, and
 * the high-level operations (pull, push, copy, tag, resolve, delete) build on it.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md">OCI Distribution Specification</a>
 */
@NullMarked
package dev.registrykit.client;

import org.jspecify.annotations.NullMarked;
