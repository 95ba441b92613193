/**
 * The distribution spec's shared vocabulary: {@link dev.registrykit.core.distribution.ErrorCode},
 * the {@code {"errors":[…]}} body ({@link dev.registrykit.core.distribution.ErrorResponse}) and
 * header names ({@link dev.registrykit.core.distribution.Headers}), and the rate limits registries
 * announce in headers ({@link dev.registrykit.core.distribution.RateLimit}: Docker Hub's pull
 * limits).
 *
 * <p>Data only, no HTTP: both the client and the fake registry use these types, so that the two
 * agree on spelling without one depending on the other.
 *
 * @see <a
 *     href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md">distribution-spec</a>
 */
@NullMarked
package dev.registrykit.core.distribution;

import org.jspecify.annotations.NullMarked;
