package dev.registrykit.core.manifest;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A media type as it appears in a descriptor's {@code mediaType}, a manifest's {@code mediaType}
 * field or a {@code Content-Type} header, e.g. {@code application/vnd.oci.image.manifest.v1+json}.
 *
 * <p>A value type rather than an enum: registries and artifacts use types this library has never
 * heard of, and those must round-trip unchanged. The constants below name the types the OCI image
 * spec and Docker's image manifest v2 schema 2 define; the predicates classify any value.
 *
 * <p>Immutable and thread-safe. The value is kept exactly as given (no case folding), so that a
 * re-encoded manifest carries the same bytes; {@link #parse(String)} normalises header values.
 *
 * @param value the media type, without parameters
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/media-types.md">image-spec
 *     media-types.md</a>
 */
public record MediaType(String value) {
  /** OCI image manifest. */
  public static final MediaType OCI_IMAGE_MANIFEST =
      new MediaType("application/vnd.oci.image.manifest.v1+json");

  /** OCI image index. */
  public static final MediaType OCI_IMAGE_INDEX =
      new MediaType("application/vnd.oci.image.index.v1+json");

  /** Docker image manifest v2, schema 2. */
  public static final MediaType DOCKER_MANIFEST_V2 =
      new MediaType("application/vnd.docker.distribution.manifest.v2+json");

  /** Docker manifest list ("fat manifest"), Docker's equivalent of an OCI index. */
  public static final MediaType DOCKER_MANIFEST_LIST =
      new MediaType("application/vnd.docker.distribution.manifest.list.v2+json");

  /** OCI image config. */
  public static final MediaType OCI_CONFIG =
      new MediaType("application/vnd.oci.image.config.v1+json");

  /** Docker container image config. */
  public static final MediaType DOCKER_CONFIG =
      new MediaType("application/vnd.docker.container.image.v1+json");

  /** OCI layer, an uncompressed tar archive. */
  public static final MediaType OCI_LAYER = new MediaType("application/vnd.oci.image.layer.v1.tar");

  /** OCI layer, a gzip-compressed tar archive. */
  public static final MediaType OCI_LAYER_GZIP =
      new MediaType("application/vnd.oci.image.layer.v1.tar+gzip");

  /** OCI layer, a zstd-compressed tar archive. */
  public static final MediaType OCI_LAYER_ZSTD =
      new MediaType("application/vnd.oci.image.layer.v1.tar+zstd");

  /** OCI non-distributable layer, uncompressed (deprecated by the spec, still encountered). */
  public static final MediaType OCI_LAYER_NONDISTRIBUTABLE =
      new MediaType("application/vnd.oci.image.layer.nondistributable.v1.tar");

  /** OCI non-distributable layer, gzip (deprecated by the spec, still encountered). */
  public static final MediaType OCI_LAYER_NONDISTRIBUTABLE_GZIP =
      new MediaType("application/vnd.oci.image.layer.nondistributable.v1.tar+gzip");

  /** OCI non-distributable layer, zstd (deprecated by the spec, still encountered). */
  public static final MediaType OCI_LAYER_NONDISTRIBUTABLE_ZSTD =
      new MediaType("application/vnd.oci.image.layer.nondistributable.v1.tar+zstd");

  /** Docker layer, a gzip-compressed tar archive. */
  public static final MediaType DOCKER_LAYER_GZIP =
      new MediaType("application/vnd.docker.image.rootfs.diff.tar.gzip");

  /**
   * Docker layer, a zstd-compressed tar archive: not in Docker's schema 2, but containerd (and so
   * Docker 23+) reads and writes it; the OCI type is the portable one.
   */
  public static final MediaType DOCKER_LAYER_ZSTD =
      new MediaType("application/vnd.docker.image.rootfs.diff.tar.zstd");

  /**
   * Docker layer, an uncompressed tar archive (written by some tools, e.g. {@code docker save}
   * imports).
   */
  public static final MediaType DOCKER_LAYER =
      new MediaType("application/vnd.docker.image.rootfs.diff.tar");

  /** Docker foreign layer: gzip tar fetched from its {@code urls}, never pushed. */
  public static final MediaType DOCKER_FOREIGN_LAYER_GZIP =
      new MediaType("application/vnd.docker.image.rootfs.foreign.diff.tar.gzip");

  /** The empty JSON object {@code {}}, for unused descriptors (image-spec v1.1). */
  public static final MediaType OCI_EMPTY = new MediaType("application/vnd.oci.empty.v1+json");

  /** OCI content descriptor as a standalone document. */
  public static final MediaType OCI_DESCRIPTOR =
      new MediaType("application/vnd.oci.descriptor.v1+json");

  /** The {@code oci-layout} file of an image layout directory. */
  public static final MediaType OCI_LAYOUT_HEADER =
      new MediaType("application/vnd.oci.layout.header.v1+json");

  /** Plain JSON, what some registries send as a manifest's {@code Content-Type}. */
  public static final MediaType APPLICATION_JSON = new MediaType("application/json");

  /** Arbitrary bytes. */
  public static final MediaType OCTET_STREAM = new MediaType("application/octet-stream");

  /**
   * Every manifest type this library parses, most preferred first: the value for an {@code Accept}
   * header when fetching a manifest of any kind.
   */
  public static final List<MediaType> MANIFEST_ACCEPT =
      List.of(OCI_IMAGE_INDEX, OCI_IMAGE_MANIFEST, DOCKER_MANIFEST_LIST, DOCKER_MANIFEST_V2);

  private static final String OCI_LAYER_PREFIX = "application/vnd.oci.image.layer.";
  private static final String DOCKER_LAYER_PREFIX = "application/vnd.docker.image.rootfs.";

  /**
   * Validates the value: non-empty, and no whitespace, control characters or {@code ;} (parameters
   * belong to headers, not to media types; use {@link #parse(String)} for header values).
   */
  public MediaType {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("media type must not be empty");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= ' ' || c == 0x7f || c == ';' || c == ',') {
        throw new IllegalArgumentException(
            "media type must not contain whitespace, control characters, ';' or ',' (position "
                + i
                + "): \""
                + preview(value)
                + "\"");
      }
    }
  }

  /** The media type {@code value}, taken as is. */
  public static MediaType of(String value) {
    return new MediaType(value);
  }

  /**
   * Parses a {@code Content-Type} header value: drops parameters ({@code ; charset=utf-8}),
   * surrounding whitespace, and lowercases the type (media types are case-insensitive, RFC 9110
   * section 8.3.1).
   *
   * @throws IllegalArgumentException when nothing usable remains
   */
  public static MediaType parse(String contentType) {
    Objects.requireNonNull(contentType, "contentType");
    int semicolon = contentType.indexOf(';');
    String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
    return new MediaType(type.toLowerCase(Locale.ROOT));
  }

  /** Whether this is an image index or a Docker manifest list. */
  public boolean isIndex() {
    return equals(OCI_IMAGE_INDEX) || equals(DOCKER_MANIFEST_LIST);
  }

  /** Whether this is an OCI image manifest or a Docker v2 schema 2 manifest. */
  public boolean isImageManifest() {
    return equals(OCI_IMAGE_MANIFEST) || equals(DOCKER_MANIFEST_V2);
  }

  /**
   * Whether this is any manifest type this library parses ({@link #isIndex()} or {@link
   * #isImageManifest()}).
   */
  public boolean isManifest() {
    return isIndex() || isImageManifest();
  }

  /** Whether this is an OCI or Docker layer type (any compression, distributable or not). */
  public boolean isLayer() {
    return value.startsWith(OCI_LAYER_PREFIX) || value.startsWith(DOCKER_LAYER_PREFIX);
  }

  /** Whether this is an OCI or Docker image config type. */
  public boolean isConfig() {
    return equals(OCI_CONFIG) || equals(DOCKER_CONFIG);
  }

  /**
   * Whether content of this type may be pushed to a registry: false for Docker foreign layers and
   * OCI non-distributable layers, true for everything else.
   */
  public boolean isDistributable() {
    return !(value.startsWith(OCI_LAYER_PREFIX + "nondistributable.")
        || value.startsWith(DOCKER_LAYER_PREFIX + "foreign."));
  }

  /**
   * Whether the type names gzip-compressed content ({@code +gzip} or Docker's {@code .tar.gzip}).
   */
  public boolean isGzip() {
    return value.endsWith("+gzip") || value.endsWith(".gzip");
  }

  /** Whether the type names zstd-compressed content. */
  public boolean isZstd() {
    return value.endsWith("+zstd") || value.endsWith(".zstd");
  }

  /** Whether this is one of Docker's {@code application/vnd.docker.*} types. */
  public boolean isDocker() {
    return value.startsWith("application/vnd.docker.");
  }

  /** The value, e.g. {@code application/vnd.oci.image.manifest.v1+json}. */
  @Override
  public String toString() {
    return value;
  }

  private static String preview(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "…";
  }
}
