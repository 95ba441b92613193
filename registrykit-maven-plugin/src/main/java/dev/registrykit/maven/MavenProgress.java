package dev.registrykit.maven;

import dev.registrykit.client.containerize.ContainerizeListener;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.javaapp.AppLayer;
import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.core.reference.Repository;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.maven.plugin.logging.Log;

/**
 * Progress through Maven's log: one line per layer as it is ready, one per blob when it is done
 * (pushed, already there or mounted), no byte-by-byte lines, so a CI log stays short; {@code -q}
 * silences it like every info line.
 */
final class MavenProgress implements ContainerizeListener {
  private final Log log;
  private final Map<Digest, String> names = new ConcurrentHashMap<>();

  MavenProgress(Log log) {
    this.log = log;
  }

  @Override
  public void layerReady(AppLayer layer) {
    names.put(layer.layer().digest(), layer.kind().label());
    log.info(
        String.format(
            "  %-22s %s %s (%s)",
            layer.kind().label() + ":",
            layer.reused() ? "unchanged" : "built    ",
            layer.layer().digest().shortHex(),
            size(layer.layer().size())));
  }

  @Override
  public void blobDone(Digest digest, long size) {
    log.info("  pushed    " + name(digest) + " (" + size(size) + ")");
  }

  @Override
  public void blobSkipped(Digest digest, long size) {
    if (log.isDebugEnabled()) {
      log.debug("  exists    " + name(digest));
    }
  }

  @Override
  public void blobMounted(Digest digest, long size, Repository from) {
    log.info("  mounted   " + name(digest) + " from " + from);
  }

  @Override
  public void manifestPushed(ImageReference reference, Digest digest, long size) {
    log.info("  manifest  " + reference);
  }

  @Override
  public void imageUnchanged(String target, Digest digest) {
    log.info("  unchanged " + target + " already holds " + digest.shortHex() + ": nothing sent");
  }

  private String name(Digest digest) {
    String kind = names.get(digest);
    return digest.shortHex() + (kind == null ? "" : " " + kind);
  }

  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    if (bytes < 1024 * 1024) {
      return String.format("%.1f KiB", bytes / 1024.0);
    }
    return String.format("%.1f MiB", bytes / (1024.0 * 1024));
  }
}
