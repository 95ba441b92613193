package dev.registrykit.client;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.reference.Repository;

/**
 * Receives byte counts while one blob travels, for progress bars. Called from the thread doing the
 * transfer; implementations must be fast and thread-safe when shared between transfers.
 */
@FunctionalInterface
public interface TransferListener {
  /** Ignores every event. */
  TransferListener NONE = (digest, done, total) -> {};

  /**
   * Reports progress.
   *
   * @param digest the blob in transit
   * @param bytesDone bytes transferred so far (after a resume, counted from the resume offset as the registry reported it)
   * @param totalBytes the blob size, or -1 when unknown
   */
  void transferred(Digest digest, long bytesDone, long totalBytes);

  /**
   * The blob comes from {@code source}: a mirror, or the primary location (see {@code
   * RegistryClient.Builder#registries}); called before its first bytes, again if a later attempt
   * uses another source.
   */
  default void servedBy(Digest digest, Repository source) {}
}
