package dev.registrykit.core.manifest;

import dev.registrykit.core.digest.Digest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed image config: the platform, the execution parameters, the layer diff IDs and the
 * history. The config blob's digest is the image ID.
 *
 * <p>A parsed <em>view</em>: the raw bytes stay the source of truth for the image ID. The {@code
 * with…} methods derive modified configs (what an image builder does: edit env, entrypoint, labels;
 * append a layer's diff ID and history) and keep every {@link #unknownFields() unknown member}, so
 * that Docker-specific content such as {@code container_config} survives.
 *
 * <p>Immutable and thread-safe.
 *
 * @param architecture the CPU architecture, e.g. {@code amd64}
 * @param os the operating system, e.g. {@code linux}
 * @param variant the CPU variant, e.g. {@code v8}
 * @param osVersion the OS version
 * @param osFeatures required OS features
 * @param created when the image was created, as the RFC 3339 text in the document
 * @param author who created it
 * @param config the execution parameters
 * @param rootfs the layer diff IDs
 * @param history how each layer was made
 * @param unknownFields members not modelled here
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/config.md">image-spec
 *     config.md</a>
 */
public record ImageConfig(
    String architecture,
    String os,
    Optional<String> variant,
    Optional<String> osVersion,
    List<String> osFeatures,
    Optional<String> created,
    Optional<String> author,
    ContainerConfig config,
    RootFs rootfs,
    List<History> history,
    UnknownFields unknownFields) {

  /** Validates and copies the components. */
  public ImageConfig {
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(os, "os");
    Objects.requireNonNull(variant, "variant");
    Objects.requireNonNull(osVersion, "osVersion");
    osFeatures = List.copyOf(osFeatures);
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(rootfs, "rootfs");
    history = List.copyOf(history);
    Objects.requireNonNull(unknownFields, "unknownFields");
  }

  /** A config for {@code platform} with no layers and no parameters. */
  public static ImageConfig of(Platform platform) {
    return new ImageConfig(
        platform.architecture(),
        platform.os(),
        platform.variant(),
        platform.osVersion(),
        platform.osFeatures(),
        Optional.empty(),
        Optional.empty(),
        ContainerConfig.EMPTY,
        RootFs.EMPTY,
        List.of(),
        UnknownFields.EMPTY);
  }

  /** The platform this config declares. */
  public Platform platform() {
    return new Platform(os, architecture, variant, osVersion, osFeatures, UnknownFields.EMPTY);
  }

  /** {@link #created()} as an instant, when present and valid RFC 3339. */
  public Optional<Instant> createdInstant() {
    if (created.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(created.get()).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** A copy with {@code config} as execution parameters. */
  public ImageConfig withConfig(ContainerConfig config) {
    return new ImageConfig(
        architecture,
        os,
        variant,
        osVersion,
        osFeatures,
        created,
        author,
        config,
        rootfs,
        history,
        unknownFields);
  }

  /** A copy with {@code rootfs}. */
  public ImageConfig withRootfs(RootFs rootfs) {
    return new ImageConfig(
        architecture,
        os,
        variant,
        osVersion,
        osFeatures,
        created,
        author,
        config,
        rootfs,
        history,
        unknownFields);
  }

  /** A copy with {@code history}. */
  public ImageConfig withHistory(List<History> history) {
    return new ImageConfig(
        architecture,
        os,
        variant,
        osVersion,
        osFeatures,
        created,
        author,
        config,
        rootfs,
        history,
        unknownFields);
  }

  /** A copy with {@code created} set (RFC 3339). */
  public ImageConfig withCreated(String created) {
    return new ImageConfig(
        architecture,
        os,
        variant,
        osVersion,
        osFeatures,
        Optional.of(created),
        author,
        config,
        rootfs,
        history,
        unknownFields);
  }

  /** A copy with {@code created} set to {@code instant} in RFC 3339 UTC form. */
  public ImageConfig withCreated(Instant instant) {
    return withCreated(instant.toString());
  }

  /** A copy with {@code author}. */
  public ImageConfig withAuthor(String author) {
    return new ImageConfig(
        architecture,
        os,
        variant,
        osVersion,
        osFeatures,
        created,
        Optional.of(author),
        config,
        rootfs,
        history,
        unknownFields);
  }

  /** A copy declaring {@code platform} (architecture, os, variant, os.version, os.features). */
  public ImageConfig withPlatform(Platform platform) {
    return new ImageConfig(
        platform.architecture(),
        platform.os(),
        platform.variant(),
        platform.osVersion(),
        platform.osFeatures(),
        created,
        author,
        config,
        rootfs,
        history,
        unknownFields);
  }

  /**
   * A copy with a new layer: {@code diffId} appended to the rootfs and {@code entry} to the
   * history.
   */
  public ImageConfig withAppendedLayer(Digest diffId, History entry) {
    if (entry.emptyLayer()) {
      throw new IllegalArgumentException("a layer's history entry must not be marked empty_layer");
    }
    return withRootfs(rootfs.withAppendedDiffId(diffId)).withAppendedHistory(entry);
  }

  /** A copy with {@code entry} appended to the history (e.g. an {@code empty_layer} step). */
  public ImageConfig withAppendedHistory(History entry) {
    List<History> all = new ArrayList<>(history);
    all.add(entry);
    return withHistory(all);
  }

  /** A copy with the unknown members replaced, e.g. to drop Docker's {@code container_config}. */
  public ImageConfig withUnknownFields(UnknownFields unknownFields) {
    return new ImageConfig(
        architecture,
        os,
        variant,
        osVersion,
        osFeatures,
        created,
        author,
        config,
        rootfs,
        history,
        unknownFields);
  }
}
