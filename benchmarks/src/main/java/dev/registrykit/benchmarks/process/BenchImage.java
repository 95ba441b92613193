package dev.registrykit.benchmarks.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A generated test image, as an OCI layout on disk.
 *
 * @param name short name used in tables, e.g. {@code 1x512MiB}
 * @param layout the OCI layout directory
 * @param tag the tag in the layout's {@code index.json}
 * @param manifestDigest the manifest's digest
 * @param config the config blob
 * @param layers the layer blobs, in manifest order
 */
public record BenchImage(
    String name, Path layout, String tag, String manifestDigest, Blob config, List<Blob> layers) {

  /** Copies the layer list. */
  public BenchImage {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(layout, "layout");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(manifestDigest, "manifestDigest");
    Objects.requireNonNull(config, "config");
    layers = List.copyOf(layers);
  }

  /**
   * One blob file of the layout.
   *
   * @param digest e.g. {@code sha256:…}
   * @param size its size in bytes
   * @param path the file under {@code blobs/}
   */
  public record Blob(String digest, long size, Path path) {
    /** Checks for nulls. */
    public Blob {
      Objects.requireNonNull(digest, "digest");
      Objects.requireNonNull(path, "path");
    }
  }

  /**
   * The sum of the layer sizes: what a push or pull must move.
   *
   * @return bytes
   */
  public long layerBytes() {
    return layers.stream().mapToLong(Blob::size).sum();
  }

  /**
   * skopeo's and the RegistryKit CLI's name for the layout image.
   *
   * @return {@code oci:LAYOUT:TAG}
   */
  public String ociName() {
    return "oci:" + layout + ":" + tag;
  }
}
