/**
 * Manifests and image configs: the OCI image manifest and index, Docker's image manifest v2 schema
 * 2 and manifest list, descriptors, platforms and media types, as immutable records.
 *
 * <p>The bytes are the truth. A {@link dev.registrykit.core.manifest.RawManifest} keeps a
 * manifest's exact bytes and computes the digest from them; {@link
 * dev.registrykit.core.manifest.ManifestCodec} gives the parsed view and encodes new manifests
 * deterministically. Docker formats are the OCI record shapes with Docker media types. Members and
 * media types this library does not know survive parsing and re-encoding ({@link
 * dev.registrykit.core.manifest.UnknownFields}, {@link dev.registrykit.core.manifest.MediaType} is
 * a value, not an enum). Invalid input fails with {@link
 * dev.registrykit.core.manifest.InvalidManifestException} naming the JSON path. Immutable byte
 * content is {@link dev.registrykit.core.digest.Bytes}, kept in the digest package beside the
 * digests it caches.
 *
 * <p>No JSON library type appears in this package's public API.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/manifest.md">image-spec
 *     manifest.md</a>
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/image-index.md">image-spec
 *     image-index.md</a>
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/config.md">image-spec
 *     config.md</a>
 */
@NullMarked
package dev.registrykit.core.manifest;

import org.jspecify.annotations.NullMarked;
