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
 * <p><b>Which exception.</b> The library follows one rule everywhere: content read from somewhere
 * (a registry, a file, an archive, a layout) that is wrong fails with an {@link
 * java.io.IOException} subtype — here {@link
 * dev.registrykit.core.manifest.InvalidManifestException} from every {@code ManifestCodec.parse…} —
 * because the caller did nothing wrong and handles it like any failed read; a value the caller
 * passes in that is wrong (a record component, a media type string, a name to parse) fails with an
 * {@link IllegalArgumentException} subtype, such as {@link
 * dev.registrykit.core.digest.InvalidDigestException} and {@link
 * dev.registrykit.core.reference.InvalidReferenceException}. A reader that meets a bad value inside
 * content reports it as content: a malformed digest in a manifest is an {@code
 * InvalidManifestException} naming its JSON path, not an {@code InvalidDigestException}.
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
