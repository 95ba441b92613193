package dev.registrykit.core.layout;

import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.image.Image;
import dev.registrykit.core.image.Layer;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.manifest.ImageConfig;
import dev.registrykit.core.manifest.ImageManifest;
import dev.registrykit.core.manifest.InvalidManifestException;
import dev.registrykit.core.manifest.ManifestCodec;
import dev.registrykit.core.manifest.RawManifest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** An image in a layout, read on first use and memoized; thread-safe. */
final class LayoutImage implements Image {
  private final OciLayout layout;
  private final Descriptor descriptor;
  private @Nullable RawManifest rawManifest;
  private @Nullable ImageManifest manifest;
  private @Nullable Bytes rawConfig;

  LayoutImage(OciLayout layout, Descriptor descriptor) {
    this.layout = layout;
    this.descriptor = descriptor;
  }

  @Override
  public synchronized RawManifest rawManifest() throws IOException {
    if (rawManifest == null) {
      Bytes bytes = layout.readJson(descriptor, "manifest");
      rawManifest =
          descriptor.mediaType().isImageManifest()
              ? new RawManifest(bytes, descriptor.mediaType())
              : RawManifest.of(bytes);
    }
    return rawManifest;
  }

  @Override
  public synchronized ImageManifest manifest() throws IOException {
    if (manifest == null) {
      try {
        manifest = ManifestCodec.parseImageManifest(rawManifest());
      } catch (InvalidManifestException e) {
        throw new InvalidLayoutException(
            InvalidLayoutException.Reason.MALFORMED,
            "manifest "
                + descriptor.digest()
                + " in "
                + layout.description()
                + " is not an image manifest: "
                + e.getMessage());
      }
    }
    return manifest;
  }

  @Override
  public synchronized Bytes rawConfig() throws IOException {
    if (rawConfig == null) {
      rawConfig = layout.readJson(manifest().config(), "config");
    }
    return rawConfig;
  }

  @Override
  public Descriptor descriptor() throws IOException {
    return rawManifest().descriptor();
  }

  @Override
  public Layer layer(Digest digest) throws IOException {
    List<Descriptor> layers = manifest().layers();
    for (int i = 0; i < layers.size(); i++) {
      if (layers.get(i).digest().equals(digest)) {
        return new LayoutLayer(layers.get(i), i);
      }
    }
    throw new IllegalArgumentException("image " + descriptor.digest() + " has no layer " + digest);
  }

  /** A layer blob in the layout; its diff ID comes from the config, without decompressing. */
  private final class LayoutLayer implements Layer {
    private final Descriptor layerDescriptor;
    private final int position;

    LayoutLayer(Descriptor layerDescriptor, int position) {
      this.layerDescriptor = layerDescriptor;
      this.position = position;
    }

    @Override
    public Descriptor descriptor() {
      return layerDescriptor;
    }

    @Override
    public InputStream open() throws IOException {
      return layout.openBlob(layerDescriptor);
    }

    @Override
    public Digest diffId() throws IOException {
      ImageConfig config = config();
      List<Digest> diffIds = config.rootfs().diffIds();
      // The config states it; ImageValidator checks it against the content when asked.
      return position < diffIds.size() ? diffIds.get(position) : Layer.super.diffId();
    }
  }
}
