package dev.registrykit.interop;

import dev.registrykit.core.build.TarArchives;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * A minimal OCI image layout written by hand for skopeo to read: {@code oci-layout}, {@code
 * index.json} naming one manifest by tag, and three blobs (a config, one gzip'd tar layer holding
 * one file, the manifest). Deliberately independent of the testkit's fixtures and of the client:
 * what skopeo accepts here is the spec as skopeo reads it.
 */
final class TestOciLayout {

  final Path directory;
  final String tag;
  final String manifestDigest;
  final byte[] manifestBytes;
  final String layerDigest;
  final String configDigest;

  private TestOciLayout(
      Path directory,
      String tag,
      String manifestDigest,
      byte[] manifest,
      String layerDigest,
      String configDigest) {
    this.directory = directory;
    this.tag = tag;
    this.manifestDigest = manifestDigest;
    this.manifestBytes = manifest;
    this.layerDigest = layerDigest;
    this.configDigest = configDigest;
  }

  /** skopeo's name for this image: {@code oci:DIR:TAG}. */
  String skopeoName() {
    return "oci:" + directory + ":" + tag;
  }

  static TestOciLayout write(Path directory, String tag, String fileContent) throws IOException {
    Files.createDirectories(directory.resolve("blobs/sha256"));
    Files.writeString(directory.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");

    byte[] tar = TarArchives.singleFile("hello.txt", fileContent.getBytes(StandardCharsets.UTF_8));
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(tar);
    }
    byte[] layer = gz.toByteArray();
    String layerDigest = blob(directory, layer);

    byte[] config =
        ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\""
                + sha256(tar)
                + "\"]}}")
            .getBytes(StandardCharsets.UTF_8);
    String configDigest = blob(directory, config);

    byte[] manifest =
        ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\","
                + "\"digest\":\""
                + configDigest
                + "\",\"size\":"
                + config.length
                + "},"
                + "\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\","
                + "\"digest\":\""
                + layerDigest
                + "\",\"size\":"
                + layer.length
                + "}]}")
            .getBytes(StandardCharsets.UTF_8);
    String manifestDigest = blob(directory, manifest);

    String index =
        "{\"schemaVersion\":2,\"manifests\":[{"
            + "\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
            + "\"digest\":\""
            + manifestDigest
            + "\",\"size\":"
            + manifest.length
            + ","
            + "\"annotations\":{\"org.opencontainers.image.ref.name\":\""
            + tag
            + "\"}}]}";
    Files.writeString(directory.resolve("index.json"), index);
    return new TestOciLayout(directory, tag, manifestDigest, manifest, layerDigest, configDigest);
  }

  private static String blob(Path layout, byte[] content) throws IOException {
    String digest = sha256(content);
    Files.write(layout.resolve("blobs/sha256/" + digest.substring("sha256:".length())), content);
    return digest;
  }

  static String sha256(byte[] content) {
    try {
      return "sha256:"
          + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("every JDK has SHA-256", e);
    }
  }
}
