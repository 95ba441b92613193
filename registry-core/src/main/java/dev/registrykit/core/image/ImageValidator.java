package dev.registrykit.core.image;

import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.digest.DigestAlgorithm;
import dev.registrykit.core.digest.SizedDigest;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.manifest.ImageConfig;
import dev.registrykit.core.manifest.ImageManifest;
import dev.registrykit.core.manifest.IndexManifest;
import dev.registrykit.core.manifest.InvalidManifestException;
import dev.registrykit.core.manifest.ManifestCodec;
import dev.registrykit.core.manifest.RawManifest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that an image is what its manifest says (go-containerregistry's {@code validate}):
 *
 * <ul>
 *   <li>the manifest parses as an image manifest;
 *   <li>the config bytes have the digest and size the manifest lists, and parse;
 *   <li>for image configs, {@code rootfs.diff_ids} has one entry per layer, and the history has one
 *       non-{@code empty_layer} entry per layer when it is present;
 *   <li>each layer's stored content has the digest and size the manifest lists (read in full);
 *   <li>each layer's uncompressed digest equals the config's diff ID and the layer's own {@link
 *       Layer#diffId()}.
 * </ul>
 *
 * <p>For an index: each listed image or nested index has the listed digest, size and media type,
 * and is itself valid. Reads every byte of every layer; stateless and thread-safe.
 */
public final class ImageValidator {
  private ImageValidator() {}

  /**
   * Validates {@code image}.
   *
   * @throws InvalidImageException listing every inconsistency found
   * @throws IOException when content cannot be read
   */
  public static void validate(Image image) throws IOException {
    List<String> problems = problems(image);
    if (!problems.isEmpty()) {
      throw new InvalidImageException(problems);
    }
  }

  /**
   * Validates {@code index} and everything it lists.
   *
   * @throws InvalidImageException listing every inconsistency found
   * @throws IOException when content cannot be read
   */
  public static void validate(ImageIndex index) throws IOException {
    List<String> problems = problems(index);
    if (!problems.isEmpty()) {
      throw new InvalidImageException(problems);
    }
  }

  /**
   * Every inconsistency in {@code image}; empty when it is valid.
   *
   * @throws IOException when content cannot be read
   */
  public static List<String> problems(Image image) throws IOException {
    List<String> problems = new ArrayList<>();
    ImageManifest manifest;
    try {
      manifest = ManifestCodec.parseImageManifest(image.rawManifest());
    } catch (InvalidManifestException e) {
      problems.add("manifest: " + e.getMessage());
      return problems;
    }
    Bytes rawConfig = image.rawConfig();
    Descriptor configDescriptor = manifest.config();
    checkContent("config", configDescriptor, sized(rawConfig, configDescriptor), problems);
    ImageConfig config = null;
    if (configDescriptor.mediaType().isConfig()) {
      try {
        config = ManifestCodec.parseConfig(rawConfig);
      } catch (InvalidManifestException e) {
        problems.add("config: " + e.getMessage());
      }
    }
    List<Descriptor> layers = manifest.layers();
    if (config != null) {
      List<Digest> diffIds = config.rootfs().diffIds();
      if (diffIds.size() != layers.size()) {
        problems.add(
            "config lists "
                + diffIds.size()
                + " diff IDs but the manifest lists "
                + layers.size()
                + " layers");
      }
      if (!config.history().isEmpty()) {
        long nonEmpty = config.history().stream().filter(h -> !h.emptyLayer()).count();
        if (nonEmpty != layers.size()) {
          problems.add(
              "config history has "
                  + nonEmpty
                  + " non-empty entries but the manifest lists "
                  + layers.size()
                  + " layers");
        }
      }
    }
    for (int i = 0; i < layers.size(); i++) {
      Descriptor listed = layers.get(i);
      String name = "layer " + i + " (" + listed.digest().shortHex() + ")";
      Layer layer;
      try {
        layer = image.layer(listed.digest());
      } catch (IllegalArgumentException e) {
        problems.add(name + ": missing from the image: " + e.getMessage());
        continue;
      }
      Descriptor own = layer.descriptor();
      if (!own.sameContentAs(listed)) {
        problems.add(
            name
                + ": the layer describes itself as "
                + own.digest()
                + " ("
                + own.size()
                + " bytes), the manifest lists "
                + listed.digest()
                + " ("
                + listed.size()
                + " bytes)");
      }
      if (!own.mediaType().equals(listed.mediaType())) {
        problems.add(
            name
                + ": media type "
                + own.mediaType()
                + ", the manifest lists "
                + listed.mediaType());
      }
      if (!listed.mediaType().isDistributable() && !listed.urls().isEmpty()) {
        continue; // foreign layers are fetched from their URLs; their content may be absent locally
      }
      SizedDigest actual;
      try (InputStream in = layer.open()) {
        actual = Digest.compute(listed.digest().algorithm(), in);
      }
      checkContent(name, listed, actual, problems);
      if (config != null && i < config.rootfs().diffIds().size() && !listed.mediaType().isZstd()) {
        Digest expectedDiffId = config.rootfs().diffIds().get(i);
        Digest computed;
        try (InputStream in = layer.openUncompressed()) {
          computed = Digest.compute(DigestAlgorithm.SHA256, in).digest();
        }
        if (!computed.equals(expectedDiffId)) {
          problems.add(
              name
                  + ": uncompressed digest "
                  + computed
                  + " but the config's diff ID is "
                  + expectedDiffId);
        }
        Digest reported = layer.diffId();
        if (!reported.equals(computed)) {
          problems.add(
              name
                  + ": diffId() reports "
                  + reported
                  + " but the uncompressed content is "
                  + computed);
        }
      }
    }
    return problems;
  }

  /**
   * Every inconsistency in {@code index} and what it lists; empty when it is valid.
   *
   * @throws IOException when content cannot be read
   */
  public static List<String> problems(ImageIndex index) throws IOException {
    List<String> problems = new ArrayList<>();
    IndexManifest manifest;
    try {
      manifest = ManifestCodec.parseIndex(index.rawManifest());
    } catch (InvalidManifestException e) {
      problems.add("index: " + e.getMessage());
      return problems;
    }
    List<Descriptor> entries = manifest.manifests();
    for (int i = 0; i < entries.size(); i++) {
      Descriptor entry = entries.get(i);
      String name = "entry " + i + " (" + entry.digest().shortHex() + ")";
      List<String> nested;
      RawManifest raw;
      try {
        if (entry.mediaType().isIndex()) {
          ImageIndex child = index.index(entry.digest());
          raw = child.rawManifest();
          nested = problems(child);
        } else if (entry.mediaType().isImageManifest()) {
          Image child = index.image(entry.digest());
          raw = child.rawManifest();
          nested = problems(child);
        } else {
          continue; // artifacts of unknown types: nothing this library can check
        }
      } catch (IllegalArgumentException e) {
        problems.add(name + ": missing from the index: " + e.getMessage());
        continue;
      }
      checkContent(name, entry, sized(raw.bytes(), entry), problems);
      if (!raw.mediaType().equals(entry.mediaType())) {
        problems.add(
            name + ": media type " + raw.mediaType() + ", the index lists " + entry.mediaType());
      }
      for (String p : nested) {
        problems.add(name + ": " + p);
      }
    }
    return problems;
  }

  private static SizedDigest sized(Bytes content, Descriptor listed) {
    return new SizedDigest(content.digest(listed.digest().algorithm()), content.size());
  }

  private static void checkContent(
      String name, Descriptor listed, SizedDigest actual, List<String> problems) {
    if (actual.size() != listed.size()) {
      problems.add(name + ": size " + actual.size() + " but " + listed.size() + " listed");
    }
    if (!actual.digest().equals(listed.digest())) {
      problems.add(name + ": digest " + actual.digest() + " but " + listed.digest() + " listed");
    }
  }
}
