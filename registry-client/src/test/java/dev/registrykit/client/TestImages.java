package dev.registrykit.client;

import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.manifest.MediaType;
import dev.registrykit.core.manifest.RawManifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded random images for client tests: blobs plus a raw OCI manifest that references them. */
final class TestImages {
  private TestImages() {}

  /** A generated image: its manifest, config and layers. */
  record TestImage(RawManifest manifest, Bytes config, List<Bytes> layers) {
    Digest digest() {
      return manifest.digest();
    }

    List<Bytes> blobs() {
      List<Bytes> all = new ArrayList<>();
      all.add(config);
      all.addAll(layers);
      return all;
    }
  }

  static TestImage image(long seed, int layers, int layerSize) {
    return image(seed, layers, layerSize, false);
  }

  /**
   * A random image; with {@code gzip} the layers are gzip streams (of random payload) with the gzip
   * media type, which tools like skopeo keep as they are instead of compressing them.
   */
  static TestImage image(long seed, int layers, int layerSize, boolean gzip) {
    Random random = new Random(seed);
    List<Bytes> layerBytes = new ArrayList<>();
    StringBuilder diffIds = new StringBuilder();
    StringBuilder layerJson = new StringBuilder();
    for (int i = 0; i < layers; i++) {
      byte[] content = new byte[layerSize];
      random.nextBytes(content);
      Bytes layer = gzip ? gzip(content) : Bytes.of(content);
      layerBytes.add(layer);
      if (i > 0) {
        diffIds.append(',');
        layerJson.append(',');
      }
      diffIds.append('"').append(Digest.sha256(content)).append('"');
      layerJson
          .append("{\"mediaType\":\"")
          .append((gzip ? MediaType.OCI_LAYER_GZIP : MediaType.OCI_LAYER).value())
          .append("\",\"digest\":\"")
          .append(layer.sha256())
          .append("\",\"size\":")
          .append(layer.size())
          .append('}');
    }
    Bytes config =
        Bytes.ofUtf8(
            "{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Env\":[\"SEED="
                + seed
                + "\"]},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":["
                + diffIds
                + "]}}");
    String manifest =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + MediaType.OCI_IMAGE_MANIFEST.value()
            + "\","
            + "\"config\":{\"mediaType\":\""
            + MediaType.OCI_CONFIG.value()
            + "\",\"digest\":\""
            + config.sha256()
            + "\",\"size\":"
            + config.size()
            + "},"
            + "\"layers\":["
            + layerJson
            + "]}";
    return new TestImage(
        new RawManifest(Bytes.ofUtf8(manifest), MediaType.OCI_IMAGE_MANIFEST), config, layerBytes);
  }

  private static Bytes gzip(byte[] content) {
    try {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
        gz.write(content);
      }
      return Bytes.of(out.toByteArray());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** An OCI index over {@code images}, each entry with a distinct platform. */
  static RawManifest index(List<TestImage> images) {
    StringBuilder entries = new StringBuilder();
    String[] arches = {"amd64", "arm64", "s390x", "ppc64le"};
    for (int i = 0; i < images.size(); i++) {
      if (i > 0) {
        entries.append(',');
      }
      TestImage image = images.get(i);
      entries
          .append("{\"mediaType\":\"")
          .append(MediaType.OCI_IMAGE_MANIFEST.value())
          .append("\",\"digest\":\"")
          .append(image.digest())
          .append("\",\"size\":")
          .append(image.manifest().size())
          .append(",\"platform\":{\"os\":\"linux\",\"architecture\":\"")
          .append(arches[i % arches.length])
          .append("\"}}");
    }
    String index =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + MediaType.OCI_IMAGE_INDEX.value()
            + "\",\"manifests\":["
            + entries
            + "]}";
    return new RawManifest(Bytes.ofUtf8(index), MediaType.OCI_IMAGE_INDEX);
  }

  /** An artifact manifest whose subject is {@code subject}. */
  static RawManifest referrer(RawManifest subject, String artifactType, String note) {
    String manifest =
        "{\"schemaVersion\":2,\"mediaType\":\""
            + MediaType.OCI_IMAGE_MANIFEST.value()
            + "\",\"artifactType\":\""
            + artifactType
            + "\","
            + "\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\",\"size\":2},"
            + "\"layers\":[{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\",\"size\":2}],"
            + "\"subject\":{\"mediaType\":\""
            + subject.mediaType().value()
            + "\",\"digest\":\""
            + subject.digest()
            + "\",\"size\":"
            + subject.size()
            + "},"
            + "\"annotations\":{\"note\":\""
            + note
            + "\"}}";
    return new RawManifest(Bytes.ofUtf8(manifest), MediaType.OCI_IMAGE_MANIFEST);
  }
}
