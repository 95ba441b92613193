/**
 * Everything the client throws for a failed registry operation, rooted at {@link
 * dev.registrykit.client.errors.RegistryException} (an {@link java.io.IOException}): error
 * responses by kind (not found, authentication, rate limits), TLS and plain-HTTP refusals, and
 * corrupt sources.
 *
 * <p>A leaf package: it depends on no other package of the client, so every other package, and
 * callers, can use it without pulling in the rest. Messages never contain credentials.
 */
@NullMarked
package dev.registrykit.client.errors;

import org.jspecify.annotations.NullMarked;
