package dev.registrykit.core.manifest;

import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.digest.Digest;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A content descriptor: what a manifest says about a piece of content it points at (media type,
 * digest, size), plus the optional properties of image-spec v1.1.
 *
 * <p>Immutable and thread-safe. Annotations are kept sorted by key, which is also the order they
 * are encoded in (as Go's {@code encoding/json} writes maps), so encoding is deterministic.
 *
 * @param mediaType the media type of the referenced content
 * @param digest the digest of the referenced content
 * @param size the size of the referenced content in bytes, never negative
 * @param urls alternative locations of the content (foreign layers)
 * @param annotations arbitrary metadata
 * @param platform the platform of the referenced manifest (index entries only)
 * @param artifactType the artifact type of the referenced manifest (image-spec v1.1)
 * @param data the content itself, embedded; when present it must match {@code digest} and {@code
 *     size}
 * @param unknownFields members not modelled here, kept for re-encoding
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/descriptor.md">image-spec
 *     descriptor.md</a>
 */
public record Descriptor(
    MediaType mediaType,
    Digest digest,
    long size,
    List<String> urls,
    Map<String, String> annotations,
    Optional<Platform> platform,
    Optional<String> artifactType,
    Optional<Bytes> data,
    UnknownFields unknownFields) {

  /**
   * The empty descriptor of image-spec v1.1: the two bytes {@code {}} with media type {@code
   * application/vnd.oci.empty.v1+json}, used as the config of artifacts that have none.
   *
   * @see <a
   *     href="https://github.com/opencontainers/image-spec/blob/main/manifest.md#guidance-for-an-empty-descriptor">guidance
   *     for an empty descriptor</a>
   */
  public static final Descriptor EMPTY_JSON =
      of(
          MediaType.OCI_EMPTY,
          Digest.parse("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"),
          2);

  /** The content the {@link #EMPTY_JSON} descriptor points at: {@code {}}. */
  public static final Bytes EMPTY_JSON_CONTENT = Bytes.ofUtf8("{}");

  /**
   * Validates and copies the components.
   *
   * @throws IllegalArgumentException when the size is negative or embedded data does not match the
   *     size and digest
   */
  public Descriptor {
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(digest, "digest");
    if (size < 0) {
      throw new IllegalArgumentException("descriptor size must not be negative: " + size);
    }
    urls = List.copyOf(urls);
    annotations = sortedCopy(annotations);
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(artifactType, "artifactType");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(unknownFields, "unknownFields");
    if (data.isPresent()) {
      Bytes d = data.get();
      if (d.size() != size) {
        throw new IllegalArgumentException(
            "embedded data has " + d.size() + " bytes but size is " + size);
      }
      if (!d.digest(digest.algorithm()).equals(digest)) {
        throw new IllegalArgumentException("embedded data does not match digest " + digest);
      }
    }
  }

  /** A descriptor with only the three required properties. */
  public static Descriptor of(MediaType mediaType, Digest digest, long size) {
    return new Descriptor(
        mediaType,
        digest,
        size,
        List.of(),
        Map.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        UnknownFields.EMPTY);
  }

  /**
   * A descriptor of {@code content} (SHA-256 digest and size computed from it; content not
   * embedded).
   */
  public static Descriptor of(MediaType mediaType, Bytes content) {
    return of(mediaType, content.sha256(), content.size());
  }

  /** A copy with {@code mediaType}. */
  public Descriptor withMediaType(MediaType mediaType) {
    return new Descriptor(
        mediaType, digest, size, urls, annotations, platform, artifactType, data, unknownFields);
  }

  /** A copy with {@code urls}. */
  public Descriptor withUrls(List<String> urls) {
    return new Descriptor(
        mediaType, digest, size, urls, annotations, platform, artifactType, data, unknownFields);
  }

  /** A copy with {@code annotations} replacing the current ones. */
  public Descriptor withAnnotations(Map<String, String> annotations) {
    return new Descriptor(
        mediaType, digest, size, urls, annotations, platform, artifactType, data, unknownFields);
  }

  /** A copy with annotation {@code key} set to {@code value}. */
  public Descriptor withAnnotation(String key, String value) {
    Map<String, String> copy = new TreeMap<>(annotations);
    copy.put(key, value);
    return withAnnotations(copy);
  }

  /** A copy with {@code platform}. */
  public Descriptor withPlatform(Platform platform) {
    return new Descriptor(
        mediaType,
        digest,
        size,
        urls,
        annotations,
        Optional.of(platform),
        artifactType,
        data,
        unknownFields);
  }

  /** A copy with {@code artifactType}. */
  public Descriptor withArtifactType(String artifactType) {
    return new Descriptor(
        mediaType,
        digest,
        size,
        urls,
        annotations,
        platform,
        Optional.of(artifactType),
        data,
        unknownFields);
  }

  /**
   * A copy with {@code data} embedded.
   *
   * @throws IllegalArgumentException when {@code data} does not match this descriptor's digest and
   *     size
   */
  public Descriptor withData(Bytes data) {
    return new Descriptor(
        mediaType,
        digest,
        size,
        urls,
        annotations,
        platform,
        artifactType,
        Optional.of(data),
        unknownFields);
  }

  /** A copy without embedded data. */
  public Descriptor withoutData() {
    return new Descriptor(
        mediaType,
        digest,
        size,
        urls,
        annotations,
        platform,
        artifactType,
        Optional.empty(),
        unknownFields);
  }

  /** Whether this descriptor points at the same content as {@code other}: same digest and size. */
  public boolean sameContentAs(Descriptor other) {
    return digest.equals(other.digest) && size == other.size;
  }

  static Map<String, String> sortedCopy(Map<String, String> map) {
    if (map.isEmpty()) {
      return Map.of();
    }
    TreeMap<String, String> sorted = new TreeMap<>();
    map.forEach(
        (k, v) ->
            sorted.put(
                Objects.requireNonNull(k, "annotation key"),
                Objects.requireNonNull(v, "annotation value")));
    return Collections.unmodifiableMap(sorted);
  }
}
