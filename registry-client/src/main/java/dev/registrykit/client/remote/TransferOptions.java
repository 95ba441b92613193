package dev.registrykit.client.remote;

import dev.registrykit.client.ProgressListener;
import dev.registrykit.core.manifest.Platform;
import dev.registrykit.core.reference.Repository;
import dev.registrykit.core.reference.Tag;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Settings for the transfers of {@link Remote} (push, pull, copy). Immutable; start from {@link
 * #defaults()} and derive variants with the {@code with…} methods.
 */
public final class TransferOptions {
  /*
   * Eight blobs at once rather than four: small blobs are bound by request latency and the
   * registry's per-request work (benchmarks/docs/client.md, "Figures the code relies on"); skopeo pulls six at a
   * time. Memory per blob in flight is one 256 KiB buffer.
   */
  private static final TransferOptions DEFAULTS =
      new TransferOptions(8, ProgressListener.NONE, List.of(), List.of(), null, 4);

  private final int parallelism;
  private final ProgressListener listener;
  private final List<Repository> mountFrom;
  private final List<Tag> additionalTags;
  private final @Nullable Platform platform;
  private final int maxIndexDepth;

  private TransferOptions(
      int parallelism,
      ProgressListener listener,
      List<Repository> mountFrom,
      List<Tag> additionalTags,
      @Nullable Platform platform,
      int maxIndexDepth) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
    }
    if (maxIndexDepth < 1) {
      throw new IllegalArgumentException("max index depth must be at least 1: " + maxIndexDepth);
    }
    this.maxIndexDepth = maxIndexDepth;
    this.parallelism = parallelism;
    this.listener = Objects.requireNonNull(listener, "listener");
    this.mountFrom = List.copyOf(mountFrom);
    this.additionalTags = List.copyOf(additionalTags);
    this.platform = platform;
  }

  /**
   * Eight blobs at once, no listener, no mount sources, no extra tags, every platform of an index,
   * indexes nested at most four deep.
   */
  public static TransferOptions defaults() {
    return DEFAULTS;
  }

  /** How many blobs travel at once (a bounded pool), at least 1. */
  public int parallelism() {
    return parallelism;
  }

  /** Receives per-blob events. */
  public ProgressListener listener() {
    return listener;
  }

  /**
   * Repositories on the target registry that may already hold the blobs, tried as cross-repository
   * mount sources before uploading (besides the repositories the image was read from, which are
   * tried anyway).
   */
  public List<Repository> mountFrom() {
    return mountFrom;
  }

  /** Tags to store the manifest under besides the target reference's own. */
  public List<Tag> additionalTags() {
    return additionalTags;
  }

  /**
   * The one platform to transfer when the source is an index (its image only, not the index);
   * empty, the default, transfers the whole index.
   */
  public Optional<Platform> platform() {
    return Optional.ofNullable(platform);
  }

  /**
   * How many indexes may nest inside each other in what is transferred (an index of images is one
   * deep, an index of such indexes two); deeper trees fail with a {@code RegistryException} before
   * any blob moves. Real images nest one or two deep.
   */
  public int maxIndexDepth() {
    return maxIndexDepth;
  }

  /** These options with another limit on index nesting, at least 1. */
  public TransferOptions withMaxIndexDepth(int value) {
    return new TransferOptions(parallelism, listener, mountFrom, additionalTags, platform, value);
  }

  /** These options with another parallelism. */
  public TransferOptions withParallelism(int value) {
    return new TransferOptions(value, listener, mountFrom, additionalTags, platform, maxIndexDepth);
  }

  /** These options with another listener. */
  public TransferOptions withListener(ProgressListener value) {
    return new TransferOptions(
        parallelism, value, mountFrom, additionalTags, platform, maxIndexDepth);
  }

  /** These options with mount sources. */
  public TransferOptions withMountFrom(Repository... repositories) {
    return new TransferOptions(
        parallelism, listener, List.of(repositories), additionalTags, platform, maxIndexDepth);
  }

  /** These options with additional tags. */
  public TransferOptions withAdditionalTags(Tag... tags) {
    return new TransferOptions(
        parallelism, listener, mountFrom, List.of(tags), platform, maxIndexDepth);
  }

  /** These options transferring only {@code value}'s image of an index. */
  public TransferOptions withPlatform(Platform value) {
    return new TransferOptions(
        parallelism,
        listener,
        mountFrom,
        additionalTags,
        Objects.requireNonNull(value, "platform"),
        maxIndexDepth);
  }

  /** These options transferring every platform of an index (the default). */
  public TransferOptions withAllPlatforms() {
    return new TransferOptions(
        parallelism, listener, mountFrom, additionalTags, null, maxIndexDepth);
  }

  @Override
  public String toString() {
    return "TransferOptions[parallelism="
        + parallelism
        + ", mountFrom="
        + mountFrom
        + ", additionalTags="
        + additionalTags
        + ", platform="
        + (platform == null ? "all" : platform)
        + ", maxIndexDepth="
        + maxIndexDepth
        + "]";
  }
}
