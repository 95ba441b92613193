package dev.registrykit.core.manifest;

import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.digest.Digest;
import java.util.Objects;

/**
 * A manifest as exact bytes plus its media type: what a registry stores and serves.
 *
 * <p>The bytes are the truth. The manifest digest (what {@code name@sha256:…} refers to and what
 * registries return in {@code Docker-Content-Digest}) is the digest of these bytes, never of a
 * re-serialisation, because any whitespace or field-order difference changes it.
 *
 * <p>Immutable and thread-safe. Creating one does not parse or validate the JSON; {@link
 * ManifestCodec#parse(RawManifest)} does.
 *
 * @param bytes the manifest exactly as fetched or to be pushed
 * @param mediaType the manifest's media type ({@code Content-Type})
 */
public record RawManifest(Bytes bytes, MediaType mediaType) {
  /** Validates the components. */
  public RawManifest {
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(mediaType, "mediaType");
  }

  /**
   * Wraps bytes whose media type is unknown or generic: it is taken from the document's {@code
   * mediaType} field, or from its structure ({@code manifests} means an OCI index, {@code config}
   * an OCI image manifest).
   *
   * @throws InvalidManifestException when the bytes are not a manifest
   */
  public static RawManifest of(Bytes bytes) throws InvalidManifestException {
    return new RawManifest(bytes, ManifestCodec.detectMediaType(bytes));
  }

  /**
   * Wraps bytes received with a {@code Content-Type} header value (parameters are ignored); a
   * generic type such as {@code application/json} or an empty one is resolved like {@link
   * #of(Bytes)}.
   *
   * @throws InvalidManifestException when the type has to be detected and the bytes are not a
   *     manifest
   */
  public static RawManifest of(Bytes bytes, String contentType) throws InvalidManifestException {
    String type = contentType.strip();
    if (type.isEmpty()) {
      return of(bytes);
    }
    MediaType mediaType;
    try {
      mediaType = MediaType.parse(type);
    } catch (IllegalArgumentException e) {
      return of(bytes);
    }
    return ManifestCodec.isGeneric(mediaType) ? of(bytes) : new RawManifest(bytes, mediaType);
  }

  /**
   * The SHA-256 digest of the bytes: the manifest digest. Computed once per {@link Bytes} instance.
   */
  public Digest digest() {
    return bytes.sha256();
  }

  /** The size of the bytes. */
  public long size() {
    return bytes.size();
  }

  /** A descriptor pointing at this manifest (media type, digest, size). */
  public Descriptor descriptor() {
    return Descriptor.of(mediaType, digest(), size());
  }
}
