/**
 * A small, dependency-free reader and writer for the tar formats that container images use: POSIX
 * ustar headers with PAX extended headers ({@code x}) for long or non-ASCII names and large values,
 * as defined by POSIX.1-2001 {@code pax}. The reader also understands GNU long names ({@code L},
 * {@code K}) and base-256 numbers, because {@code docker save} and GNU tar produce them.
 *
 * <p>Not API: the public types here serve the {@code build}, {@code layout} and {@code archive}
 * packages. Malformed input only ever produces {@link
 * dev.registrykit.core.internal.tar.TarFormatException}.
 *
 * @see <a href="https://pubs.opengroup.org/onlinepubs/9699919799/utilities/pax.html">POSIX pax,
 *     ustar and pax interchange formats</a>
 */
@org.jspecify.annotations.NullMarked
package dev.registrykit.core.internal.tar;
