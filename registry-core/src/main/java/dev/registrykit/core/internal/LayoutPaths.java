package dev.registrykit.core.internal;

import dev.registrykit.core.digest.Digest;

/** Paths inside an OCI image layout, which {@code docker save} archives contain too. */
public final class LayoutPaths {
  private LayoutPaths() {}

  /**
   * The path of a blob relative to the layout root, {@code blobs/<alg>/<hex>}.
   *
   * @see <a
   *     href="https://github.com/opencontainers/image-spec/blob/main/image-layout.md#blobs">image-spec:
   *     image layout, blobs</a>
   */
  public static String blob(Digest digest) {
    // The digest grammar (lowercase hex, known algorithm) leaves no room for "/" or "..".
    return "blobs/" + digest.algorithm().prefix() + "/" + digest.hex();
  }
}
