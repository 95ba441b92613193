/**
 * Drives the real peers that interoperability tests run against: the CNCF Distribution registry
 * ({@code /usr/bin/docker-registry}, Debian package {@code docker-registry} 2.8) and {@code skopeo}
 * (Debian package {@code skopeo} 1.9), both software that no one here wrote.
 *
 * <p>{@link dev.registrykit.interop.DistributionRegistry} starts a private registry process on a
 * free loopback port (plain HTTP, htpasswd basic auth or Docker token auth with a token server of
 * ours, and/or HTTPS with a CA generated for the run) and stops it by its pid. {@link
 * dev.registrykit.interop.Skopeo} runs {@code skopeo copy}, {@code inspect} and {@code list-tags}
 * with bounded timeouts; {@link dev.registrykit.interop.SkopeoAccess} says how skopeo reaches one
 * side (TLS verification, credentials, CA directory).
 *
 * <p>Interop tests call {@link dev.registrykit.interop.Peers#requireInstalled()} first. When a
 * binary is missing it fails the test under CI ({@code CI=true}) or when {@code
 * REGISTRYKIT_REQUIRE_PEERS=true}, telling to run {@code scripts/install-peers.sh}; elsewhere it
 * aborts the test (JUnit assumption) and logs a warning, so a developer without the packages still
 * gets a green unit build but is told what did not run. CI never skips these tests silently.
 *
 * <p>Every process listens on, and every request goes to, 127.0.0.1 only. Credentials never appear
 * in exception messages, logs or {@code toString()}.
 *
 * @see <a href="https://distribution.github.io/distribution/about/configuration/">Distribution
 *     configuration reference</a>
 */
@NullMarked
package dev.registrykit.interop;

import org.jspecify.annotations.NullMarked;
