package dev.registrykit.examples.cli;

import dev.registrykit.client.BlobResult;
import dev.registrykit.client.ProgressListener;
import dev.registrykit.client.remote.PushResult;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.core.reference.Repository;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Prints a push the way {@code docker push} does: {@code The push refers to repository [...]}, one
 * line per layer ({@code Pushed}, {@code Mounted from library/alpine}, {@code Layer already
 * exists}), then {@code latest: digest: sha256:… size: N}.
 *
 * <p>On a terminal the layer lines are live progress bars (the {@link #listener()}); elsewhere they
 * are printed once at the end, top layer first as docker lists them, so the output of the same push
 * is the same every time.
 */
final class PushPrinter {
  private final Console console;
  private final LayerProgress progress;
  private final Set<Digest> hidden;

  /**
   * @param hidden blobs not to show, such as the config blob (docker lists layers only)
   */
  PushPrinter(Console console, Set<Digest> hidden) {
    this.console = Objects.requireNonNull(console, "console");
    this.progress = new LayerProgress(console);
    this.hidden = Set.copyOf(hidden);
  }

  /** {@code Using default tag} (when the name had none) and {@code The push refers to…}. */
  void start(ImageReference target, boolean defaultTag) {
    if (defaultTag) {
      console.status("Using default tag: latest");
    }
    console.status("The push refers to repository [" + target.repository().name() + "]");
  }

  /** Live progress on a terminal; nothing otherwise. */
  ProgressListener listener() {
    if (!console.terminal()) {
      return ProgressListener.NONE;
    }
    return new ProgressListener() {
      @Override
      public void blobStarted(Digest digest, long totalBytes) {
        if (!hidden.contains(digest)) {
          progress.state(digest.shortHex(), "Preparing");
        }
      }

      @Override
      public void blobProgress(Digest digest, long bytesDone, long totalBytes) {
        if (!hidden.contains(digest)) {
          progress.advance(digest.shortHex(), "Pushing", bytesDone, totalBytes);
        }
      }

      @Override
      public void blobSkipped(Digest digest, long size) {
        if (!hidden.contains(digest)) {
          progress.done(digest.shortHex(), "Layer already exists");
        }
      }

      @Override
      public void blobMounted(Digest digest, long size, Repository from) {
        if (!hidden.contains(digest)) {
          progress.done(digest.shortHex(), "Mounted from " + from.path());
        }
      }

      @Override
      public void blobDone(Digest digest, long size) {
        if (!hidden.contains(digest)) {
          progress.done(digest.shortHex(), "Pushed");
        }
      }
    };
  }

  /** The per-layer lines (unless already drawn live) and the digest line(s). */
  void finish(PushResult result) {
    if (!console.terminal()) {
      List<BlobResult> shown = new ArrayList<>();
      for (BlobResult blob : result.blobs()) {
        if (!hidden.contains(blob.digest())) {
          shown.add(blob);
        }
      }
      Collections.reverse(shown);
      for (BlobResult blob : shown) {
        console.status(blob.summary());
      }
    }
    if (result.tags().isEmpty()) {
      console
          .out()
          .println("digest: " + result.manifestDigest() + " size: " + result.manifestSize());
    }
    for (var tag : result.tags()) {
      console
          .out()
          .println(
              tag + ": digest: " + result.manifestDigest() + " size: " + result.manifestSize());
    }
  }
}
