/**
 * Everything the client throws for a failed registry operation, rooted at {@link
 * dev.registrykit.client.errors.RegistryException} (an {@link java.io.IOException}): error
 * responses by kind (not found, authentication, rate limits), TLS and plain-HTTP refusals, and
 * corrupt sources.
 *
 * <p>The client follows the library's one rule for exceptions (stated in {@code
 * dev.registrykit.core.manifest}): whatever a registry, a file or the network sends that is wrong
 * is an {@link java.io.IOException} (these types, or core's {@code InvalidManifestException} and
 * {@code DigestMismatchException}); a bad argument from the caller is an {@link
 * IllegalArgumentException}.
 *
 * <p>A leaf package: it depends on no other package of the client, so every other package, and
 * callers, can use it without pulling in the rest. Messages never contain credentials.
 */
@NullMarked
package dev.registrykit.client.errors;

import org.jspecify.annotations.NullMarked;
