package dev.registrykit.client;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.core.reference.Repository;

/**
 * Receives per-blob events while images are pushed, pulled or copied: enough for a build tool to
 * draw one progress bar per layer, as {@code docker push} does.
 *
 * <p>Blobs travel in parallel, so methods are called concurrently from several threads, and must be
 * thread-safe and fast (no I/O). For one blob the order is {@code blobStarted}, any number of
 * {@code blobProgress}, then exactly one of {@code blobDone}, {@code blobSkipped} or {@code
 * blobMounted}; a failed blob gets no final event. Every method does nothing by default.
 */
public interface ProgressListener {
  /** Ignores every event. */
  ProgressListener NONE = new ProgressListener() {};

  /** A blob is about to be transferred (or checked). */
  default void blobStarted(Digest digest, long totalBytes) {}

  /** Bytes of a blob transferred so far. */
  default void blobProgress(Digest digest, long bytesDone, long totalBytes) {}

  /** The registry had the blob already: nothing was transferred. */
  default void blobSkipped(Digest digest, long size) {}

  /** The registry mounted the blob from another repository: nothing was transferred. */
  default void blobMounted(Digest digest, long size, Repository from) {}

  /**
   * A pulled blob comes from {@code source}: a mirror, or the primary location; before its bytes.
   */
  default void blobServedBy(Digest digest, Repository source) {}

  /** The blob was transferred completely and verified. */
  default void blobDone(Digest digest, long size) {}

  /** A manifest was stored under {@code reference} (after all its blobs). */
  default void manifestPushed(ImageReference reference, Digest digest, long size) {}
}
