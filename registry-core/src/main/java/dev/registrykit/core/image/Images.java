package dev.registrykit.core.image;

import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.manifest.ImageConfig;
import dev.registrykit.core.manifest.ImageManifest;
import dev.registrykit.core.manifest.IndexManifest;
import dev.registrykit.core.manifest.ManifestCodec;
import dev.registrykit.core.manifest.MediaType;
import dev.registrykit.core.manifest.Platform;
import dev.registrykit.core.manifest.RawManifest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Factories for in-memory images and indexes (go-containerregistry's {@code empty.Image} and {@code
 * mutate} results, held in memory).
 *
 * <p>Every image returned is immutable and thread-safe: the manifest and config bytes are fixed at
 * creation, so digests and the image ID never change. Layers are kept as given (a file-backed layer
 * stays on disk).
 */
public final class Images {
  private Images() {}

  /**
   * An OCI image of {@code config} and {@code layers}: the manifest is encoded from the layers'
   * descriptors and the config's encoding. The config is used as given: its {@code rootfs.diff_ids}
   * must already list the layers' diff IDs ({@link ImageValidator} checks it).
   *
   * @throws IOException when a layer's descriptor cannot be computed (file-backed layers)
   */
  public static InMemoryImage of(ImageConfig config, List<Layer> layers) throws IOException {
    return of(config, layers, MediaType.OCI_IMAGE_MANIFEST);
  }

  /**
   * Like {@link #of(ImageConfig, List)} with a choice of manifest format: {@link
   * MediaType#OCI_IMAGE_MANIFEST} (config type {@link MediaType#OCI_CONFIG}) or {@link
   * MediaType#DOCKER_MANIFEST_V2} (config type {@link MediaType#DOCKER_CONFIG}). Layer media types
   * are taken from the layers.
   *
   * @throws IOException when a layer's descriptor cannot be computed
   * @throws IllegalArgumentException when {@code manifestType} is not an image manifest type
   */
  public static InMemoryImage of(ImageConfig config, List<Layer> layers, MediaType manifestType)
      throws IOException {
    if (!manifestType.isImageManifest()) {
      throw new IllegalArgumentException("not an image manifest media type: " + manifestType);
    }
    Bytes rawConfig = ManifestCodec.encodeConfig(config);
    MediaType configType = manifestType.isDocker() ? MediaType.DOCKER_CONFIG : MediaType.OCI_CONFIG;
    List<Descriptor> layerDescriptors = new ArrayList<>(layers.size());
    for (Layer layer : layers) {
      layerDescriptors.add(layer.descriptor());
    }
    ImageManifest manifest =
        (manifestType.isDocker()
            ? ImageManifest.docker(Descriptor.of(configType, rawConfig), layerDescriptors)
            : ImageManifest.oci(Descriptor.of(configType, rawConfig), layerDescriptors));
    return new InMemoryImage(ManifestCodec.encode(manifest), rawConfig, layers);
  }

  /**
   * An image from its exact parts, e.g. read from a layout or received from a registry.
   *
   * @throws IOException when a layer's descriptor cannot be computed
   * @throws dev.registrykit.core.manifest.InvalidManifestException when {@code rawManifest} is not
   *     an image manifest, or its config media type is an image config's and {@code rawConfig} is
   *     not one
   * @throws IllegalArgumentException when {@code layers} do not match the manifest's layer
   *     descriptors one to one (by digest)
   */
  public static InMemoryImage of(RawManifest rawManifest, Bytes rawConfig, List<Layer> layers)
      throws IOException {
    ImageManifest manifest = ManifestCodec.parseImageManifest(rawManifest);
    if (manifest.layers().size() != layers.size()) {
      throw new IllegalArgumentException(
          "manifest lists "
              + manifest.layers().size()
              + " layers, "
              + layers.size()
              + " were given");
    }
    for (int i = 0; i < layers.size(); i++) {
      Digest listed = manifest.layers().get(i).digest();
      Digest given = layers.get(i).digest();
      if (!listed.equals(given)) {
        throw new IllegalArgumentException(
            "layer " + i + " is " + given + " but the manifest lists " + listed);
      }
    }
    return new InMemoryImage(rawManifest, rawConfig, layers);
  }

  /**
   * An image with no layers and an empty config for {@code platform} (go-containerregistry's {@code
   * empty.Image}), the base for building from scratch.
   */
  public static InMemoryImage empty(Platform platform) {
    try {
      return of(ImageConfig.of(platform), List.of());
    } catch (IOException e) {
      throw new AssertionError("no layers, no I/O", e);
    }
  }

  /**
   * An OCI index of {@code images}, each entry carrying the platform of the image's config.
   *
   * @throws IOException when an image's manifest or config cannot be read
   */
  public static InMemoryIndex index(List<Image> images) throws IOException {
    return index(images, MediaType.OCI_IMAGE_INDEX);
  }

  /**
   * An index of {@code images} of type {@link MediaType#OCI_IMAGE_INDEX} or {@link
   * MediaType#DOCKER_MANIFEST_LIST}, each entry carrying the platform of the image's config.
   *
   * @throws IOException when an image's manifest or config cannot be read
   * @throws IllegalArgumentException when {@code indexType} is not an index type
   */
  public static InMemoryIndex index(List<Image> images, MediaType indexType) throws IOException {
    if (!indexType.isIndex()) {
      throw new IllegalArgumentException("not an index media type: " + indexType);
    }
    List<Descriptor> entries = new ArrayList<>(images.size());
    Map<Digest, Image> byDigest = new LinkedHashMap<>();
    for (Image image : images) {
      entries.add(image.descriptor().withPlatform(image.config().platform()));
      byDigest.put(image.digest(), image);
    }
    IndexManifest manifest =
        indexType.isDocker() ? IndexManifest.docker(entries) : IndexManifest.oci(entries);
    return new InMemoryIndex(ManifestCodec.encode(manifest), byDigest, Map.of());
  }

  /**
   * An index from its exact bytes and the images and nested indexes it lists.
   *
   * @throws IOException when a child's digest cannot be computed
   * @throws dev.registrykit.core.manifest.InvalidManifestException when {@code rawIndex} is not an
   *     index
   * @throws IllegalArgumentException when a child is not listed in the index
   */
  public static InMemoryIndex index(
      RawManifest rawIndex, List<Image> images, List<ImageIndex> indexes) throws IOException {
    IndexManifest manifest = ManifestCodec.parseIndex(rawIndex);
    Map<Digest, Image> imagesByDigest = new LinkedHashMap<>();
    for (Image image : images) {
      imagesByDigest.put(listed(manifest, image.digest()), image);
    }
    Map<Digest, ImageIndex> indexesByDigest = new LinkedHashMap<>();
    for (ImageIndex index : indexes) {
      indexesByDigest.put(listed(manifest, index.digest()), index);
    }
    return new InMemoryIndex(rawIndex, imagesByDigest, indexesByDigest);
  }

  private static Digest listed(IndexManifest manifest, Digest digest) {
    for (Descriptor d : manifest.manifests()) {
      if (d.digest().equals(digest)) {
        return digest;
      }
    }
    throw new IllegalArgumentException("the index does not list " + digest);
  }
}
