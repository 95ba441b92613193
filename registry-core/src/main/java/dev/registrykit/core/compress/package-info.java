/**
 * Compression codecs for layers beyond the JDK's gzip: zstd, through the optional {@code
 * com.github.luben:zstd-jni} dependency.
 *
 * <p>{@link dev.registrykit.core.compress.Zstd} is the one place that touches the codec. Without it
 * on the class path nothing changes for images that only move zstd layers (pushing, pulling,
 * copying, writing an OCI layout pass the bytes through unchanged); only what must compress or
 * decompress fails, with a {@link dev.registrykit.core.compress.MissingCodecException} that names
 * the dependency to add.
 *
 * @see <a href="https://datatracker.ietf.org/doc/html/rfc8878">RFC 8878, Zstandard</a>
 */
@org.jspecify.annotations.NullMarked
package dev.registrykit.core.compress;
