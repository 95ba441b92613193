package dev.registrykit.core.manifest;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed manifest: an {@link ImageManifest} (OCI image manifest or Docker v2 schema 2 manifest)
 * or an {@link IndexManifest} (OCI image index or Docker manifest list).
 *
 * <p>Docker's formats are the same JSON shapes as OCI's with Docker media types, so they share the
 * records; {@link #mediaType()} tells them apart. This is a parsed <em>view</em>: the bytes that
 * were fetched or pushed ({@link RawManifest}) remain the source of truth for digests.
 *
 * <p>Sealed; on Java 17 dispatch with {@code instanceof}. Implementations are immutable records.
 */
public sealed interface Manifest permits ImageManifest, IndexManifest {
  /** The {@code schemaVersion}, always 2. */
  int schemaVersion();

  /**
   * The {@code mediaType} field, when the document has one (OCI makes it optional, Docker requires
   * it).
   */
  Optional<MediaType> mediaType();

  /** The {@code artifactType} field (image-spec v1.1). */
  Optional<String> artifactType();

  /** The {@code subject} field: the manifest this one refers to (image-spec v1.1 referrers). */
  Optional<Descriptor> subject();

  /** The {@code annotations}, sorted by key. */
  Map<String, String> annotations();

  /** Top-level members not modelled here, kept for re-encoding. */
  UnknownFields unknownFields();

  /**
   * The media type to send as {@code Content-Type}: the {@code mediaType} field, or the OCI type of
   * this kind of manifest when the field is absent.
   */
  MediaType effectiveMediaType();

  /**
   * Every descriptor this manifest points at, excluding {@code subject}: config and layers, or the
   * entries.
   */
  List<Descriptor> references();
}
