package dev.registrykit.client.containerize;

import dev.registrykit.client.ProgressListener;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.javaapp.AppLayer;

/**
 * Receives a containerization's events: each application layer as it is ready (built or taken from
 * the cache), then the push's per-blob events of {@link ProgressListener} (bytes, skipped, mounted,
 * done) and the manifest. Methods may be called from several threads and must be fast; every one
 * does nothing by default.
 */
public interface ContainerizeListener extends ProgressListener {
  /** Ignores every event. */
  ContainerizeListener NONE = new ContainerizeListener() {};

  /** An application layer is ready: {@link AppLayer#reused()} tells whether the cache had it. */
  default void layerReady(AppLayer layer) {}

  /**
   * The target already holds the image (a registry under every tag, or the archive file as this
   * build wrote it last time): nothing is sent or written.
   *
   * @param target the target, as {@link ContainerizeResult#target()} names it
   * @param digest the image's manifest digest
   */
  default void imageUnchanged(String target, Digest digest) {}
}
