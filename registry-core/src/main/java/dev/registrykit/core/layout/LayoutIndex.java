package dev.registrykit.core.layout;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.image.Image;
import dev.registrykit.core.image.ImageIndex;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.manifest.IndexManifest;
import dev.registrykit.core.manifest.InvalidManifestException;
import dev.registrykit.core.manifest.ManifestCodec;
import dev.registrykit.core.manifest.RawManifest;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/** An index in a layout, read on first use and memoized; thread-safe. */
final class LayoutIndex implements ImageIndex {
  private final OciLayout layout;
  private final Descriptor descriptor;
  private @Nullable RawManifest rawManifest;
  private @Nullable IndexManifest manifest;

  LayoutIndex(OciLayout layout, Descriptor descriptor) {
    this.layout = layout;
    this.descriptor = descriptor;
  }

  @Override
  public synchronized RawManifest rawManifest() throws IOException {
    if (rawManifest == null) {
      rawManifest = new RawManifest(layout.readJson(descriptor, "index"), descriptor.mediaType());
    }
    return rawManifest;
  }

  @Override
  public synchronized IndexManifest manifest() throws IOException {
    if (manifest == null) {
      try {
        manifest = ManifestCodec.parseIndex(rawManifest());
      } catch (InvalidManifestException e) {
        throw new InvalidLayoutException(
            InvalidLayoutException.Reason.MALFORMED,
            "index "
                + descriptor.digest()
                + " in "
                + layout.description()
                + " is not an image index: "
                + e.getMessage());
      }
    }
    return manifest;
  }

  @Override
  public Image image(Digest digest) throws IOException {
    return layout.image(child(digest));
  }

  @Override
  public ImageIndex index(Digest digest) throws IOException {
    return layout.imageIndex(child(digest));
  }

  private Descriptor child(Digest digest) throws IOException {
    for (Descriptor d : manifest().manifests()) {
      if (d.digest().equals(digest)) {
        return d;
      }
    }
    throw new IllegalArgumentException(
        "index " + descriptor.digest() + " lists no manifest " + digest);
  }
}
