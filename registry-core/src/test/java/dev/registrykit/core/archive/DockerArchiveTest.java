package dev.registrykit.core.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.core.build.BuiltLayer;
import dev.registrykit.core.build.LayerBuilder;
import dev.registrykit.core.build.LayerCompression;
import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.digest.DigestAlgorithm;
import dev.registrykit.core.digest.DigestMismatchException;
import dev.registrykit.core.digest.SizedDigest;
import dev.registrykit.core.image.Image;
import dev.registrykit.core.image.ImageValidator;
import dev.registrykit.core.image.Images;
import dev.registrykit.core.image.Layer;
import dev.registrykit.core.internal.tar.TarEntry;
import dev.registrykit.core.internal.tar.TarWriter;
import dev.registrykit.core.layout.OciLayout;
import dev.registrykit.core.manifest.ContainerConfig;
import dev.registrykit.core.manifest.History;
import dev.registrykit.core.manifest.ImageConfig;
import dev.registrykit.core.manifest.ManifestCodec;
import dev.registrykit.core.manifest.MediaType;
import dev.registrykit.core.manifest.Platform;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerArchiveTest {
  @TempDir Path tmp;

  @Test
  void write_thenOpen_sameImageUnderEveryTag() throws IOException {
    // given
    Image figlet = image("figlet", LayerCompression.GZIP);
    Path archive = tmp.resolve("figlet.tar");

    // when
    SizedDigest written =
        DockerArchive.write(
            archive,
            TaggedImage.of(figlet, "figlet", "zavy86/figlet:latest", "localhost:5000/figlet:1.0"));
    DockerArchive read = DockerArchive.open(archive);

    // then
    try (InputStream in = Files.newInputStream(archive)) {
      assertThat(written).isEqualTo(Digest.compute(DigestAlgorithm.SHA256, in));
    }
    assertThat(read.images()).hasSize(1);
    assertThat(read.images().get(0).repoTags())
        .containsExactly("figlet:latest", "zavy86/figlet:latest", "localhost:5000/figlet:1.0");
    Image byTag = read.image("zavy86/figlet");
    assertThat(byTag.id()).isEqualTo(figlet.id());
    assertThat(read.image("docker.io/library/figlet:latest").digest()).isEqualTo(byTag.digest());
    // stored as docker save stores layers: the uncompressed tar, named by its diff ID
    assertThat(byTag.layers().get(0).mediaType()).isEqualTo(MediaType.OCI_LAYER);
    assertThat(byTag.layers().get(0).digest()).isEqualTo(figlet.config().rootfs().diffIds().get(0));
    ImageValidator.validate(byTag);
    String manifestJson = entryText(archive, "manifest.json");
    assertThat(manifestJson)
        .contains("\"Config\":\"blobs/sha256/" + figlet.id().configDigest().hex() + "\"");
    assertThat(entryText(archive, "repositories"))
        .contains("\"zavy86/figlet\":{\"latest\":\"" + figlet.id().configDigest().hex() + "\"}");
  }

  @Test
  void open_archiveWithSavedManifests_keepsOriginalManifestDigest() throws IOException {
    // given a Docker v2 schema 2 image: a synthesized OCI manifest would have another digest
    BuiltLayer layer = layer("docker", LayerCompression.NONE);
    Image docker = Images.of(config(layer), List.of(layer), MediaType.DOCKER_MANIFEST_V2);
    Path archive = tmp.resolve("docker.tar");

    // when
    DockerArchive.write(archive, TaggedImage.of(docker, "d:1"));
    Image read = DockerArchive.open(archive).image("d:1");

    // then
    assertThat(read.digest()).isEqualTo(docker.digest());
    assertThat(read.rawManifest().mediaType()).isEqualTo(MediaType.DOCKER_MANIFEST_V2);
    assertThat(read.layers().get(0).descriptor()).isEqualTo(docker.manifest().layers().get(0));
    ImageValidator.validate(read);
  }

  @Test
  void write_gzipAndZstdLayers_storedUncompressedUnderTheirDiffIds() throws IOException {
    // given two images whose layers are gzip and zstd, sharing the zstd one
    BuiltLayer gzip = layer("gz", LayerCompression.GZIP);
    BuiltLayer zstd = layer("zst", LayerCompression.ZSTD);
    Image a = Images.of(config(gzip, zstd), List.of(gzip, zstd));
    Image b = Images.of(config(zstd), List.of(zstd));
    Path archive = tmp.resolve("out.tar");

    // when
    DockerArchive.write(archive, List.of(TaggedImage.of(a, "a:1"), TaggedImage.of(b, "b:1")));

    // then every layer file is the uncompressed tar, named by its diff ID, as docker save writes it
    String manifestJson = entryText(archive, "manifest.json");
    assertThat(manifestJson)
        .contains(
            "\"Layers\":[\"blobs/sha256/"
                + gzip.diffId().hex()
                + "\",\"blobs/sha256/"
                + zstd.diffId().hex()
                + "\"]");
    assertThat(entryBytes(archive, "blobs/sha256/" + zstd.diffId().hex()))
        .isEqualTo(uncompressed(zstd));
    assertThat(entryBytes(archive, "blobs/sha256/" + gzip.diffId().hex()))
        .isEqualTo(uncompressed(gzip));
    assertThat(entryCount(archive, "blobs/sha256/" + zstd.diffId().hex())).isEqualTo(1);
    assertThat(entryCount(archive, "blobs/sha256/" + zstd.digest().hex())).isZero();
    DockerArchive read = DockerArchive.open(archive);
    Image readA = read.image("a:1");
    assertThat(readA.id()).isEqualTo(a.id());
    assertThat(readA.layers()).extracting(Layer::mediaType).containsOnly(MediaType.OCI_LAYER);
    ImageValidator.validate(readA);
    ImageValidator.validate(read.image("b:1"));
    try (var scratch = Files.list(tmp)) {
      assertThat(scratch.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.startsWith(".layer-") || n.startsWith(".tmp-"));
    }
  }

  @Test
  void write_compressedLayerNotMatchingTheConfigDiffId_fails() throws IOException {
    BuiltLayer layer = layer("x", LayerCompression.ZSTD);
    ImageConfig lying =
        ImageConfig.of(Platform.LINUX_AMD64)
            .withAppendedLayer(Bytes.ofUtf8("another tar").sha256(), History.of("COPY", false));
    Image image = Images.of(lying, List.of(layer));
    Path archive = tmp.resolve("bad.tar");

    assertThatThrownBy(() -> DockerArchive.write(archive, TaggedImage.of(image, "bad:1")))
        .isInstanceOf(DigestMismatchException.class);
    assertThat(archive).doesNotExist();
  }

  private static byte[] uncompressed(Layer layer) throws IOException {
    try (InputStream in = layer.openUncompressed()) {
      return in.readAllBytes();
    }
  }

  private static byte[] entryBytes(Path archive, String name) throws IOException {
    try (var reader =
        new dev.registrykit.core.internal.tar.TarReader(Files.newInputStream(archive))) {
      for (var e = reader.next(); e.isPresent(); e = reader.next()) {
        if (e.get().name().equals(name)) {
          return reader.content().readAllBytes();
        }
      }
    }
    throw new AssertionError("no entry " + name);
  }

  private static int entryCount(Path archive, String name) throws IOException {
    int count = 0;
    try (var reader =
        new dev.registrykit.core.internal.tar.TarReader(Files.newInputStream(archive))) {
      for (var e = reader.next(); e.isPresent(); e = reader.next()) {
        count += e.get().name().equals(name) ? 1 : 0;
      }
    }
    return count;
  }

  @Test
  void write_twice_sameBytes() throws IOException {
    Image figlet = image("figlet", LayerCompression.GZIP);

    DockerArchive.write(tmp.resolve("a.tar"), TaggedImage.of(figlet, "figlet:latest"));
    DockerArchive.write(tmp.resolve("b.tar"), TaggedImage.of(figlet, "figlet:latest"));

    assertThat(Files.readAllBytes(tmp.resolve("a.tar")))
        .isEqualTo(Files.readAllBytes(tmp.resolve("b.tar")));
  }

  @Test
  void write_output_isAlsoAnOciLayout() throws IOException {
    Image figlet = image("figlet", LayerCompression.GZIP);
    Path archive = tmp.resolve("figlet.tar");

    DockerArchive.write(archive, TaggedImage.of(figlet, "figlet:latest"));

    Image fromLayout = OciLayout.open(archive).image("latest");
    assertThat(fromLayout.id()).isEqualTo(figlet.id());
    assertThat(fromLayout.digest()).isEqualTo(DockerArchive.open(archive).image().digest());
    ImageValidator.validate(fromLayout);
  }

  @Test
  void write_twoImagesSharingALayer_storedOnceAndSelectable() throws IOException {
    BuiltLayer shared = layer("base", LayerCompression.NONE);
    Image a =
        Images.of(
            config(shared, layer("a", LayerCompression.NONE)),
            List.of(shared, layer("a", LayerCompression.NONE)));
    Image b = Images.of(config(shared), List.of(shared));
    Path archive = tmp.resolve("two.tar");

    DockerArchive.write(archive, List.of(TaggedImage.of(a, "a:1"), TaggedImage.of(b, "b:1")));
    DockerArchive read = DockerArchive.open(archive);

    assertThat(read.image("a:1").id()).isEqualTo(a.id());
    assertThat(read.image("b:1").id()).isEqualTo(b.id());
    assertThat(read.image("b:1").layers().get(0).digest()).isEqualTo(shared.digest());
    assertThat(dev.registrykit.core.internal.tar.TarFileIndex.of(archive, 100).entries())
        .filteredOn(e -> e.header().name().equals("blobs/sha256/" + shared.digest().hex()))
        .hasSize(1);
    assertThatThrownBy(read::image)
        .isInstanceOfSatisfying(
            InvalidArchiveException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidArchiveException.Reason.NOT_FOUND));
    assertThatThrownBy(() -> read.image("c:1"))
        .isInstanceOfSatisfying(
            InvalidArchiveException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidArchiveException.Reason.NOT_FOUND));
  }

  @Test
  void open_legacyLayout_uncompressedLayersKeepTheirDiffIds() throws IOException {
    // given an archive shaped like classic `docker save`: <id>.json, <dir>/layer.tar, manifest.json
    BuiltLayer layer = layer("legacy", LayerCompression.NONE);
    Bytes config = ManifestCodec.encodeConfig(config(layer));
    String configName = config.sha256().hex() + ".json";
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put(configName, config.toByteArray());
    entries.put(
        "5f29f704785248ddb9d06b90a11b5ea36c534865e9035e4022bb2e71d4ecbb9a/VERSION",
        "1.0".getBytes());
    entries.put(
        "5f29f704785248ddb9d06b90a11b5ea36c534865e9035e4022bb2e71d4ecbb9a/layer.tar",
        Files.readAllBytes(layer.file().orElseThrow()));
    entries.put(
        "manifest.json",
        ("[{\"Config\":\""
                + configName
                + "\",\"RepoTags\":[\"busybox:latest\"],"
                + "\"Layers\":[\"5f29f704785248ddb9d06b90a11b5ea36c534865e9035e4022bb2e71d4ecbb9a/layer.tar\"]}]")
            .getBytes());
    entries.put(
        "repositories",
        "{\"busybox\":{\"latest\":\"5f29f704785248ddb9d06b90a11b5ea36c534865e9035e4022bb2e71d4ecbb9a\"}}"
            .getBytes());
    Path archive = tar(entries);

    // when
    Image image = DockerArchive.open(archive).image();

    // then
    Layer read = image.layers().get(0);
    assertThat(read.mediaType()).isEqualTo(MediaType.OCI_LAYER);
    assertThat(read.digest()).isEqualTo(layer.diffId());
    assertThat(read.diffId()).isEqualTo(layer.diffId());
    assertThat(image.id().configDigest()).isEqualTo(config.sha256());
    assertThat(image.rawManifest().mediaType()).isEqualTo(MediaType.OCI_IMAGE_MANIFEST);
    ImageValidator.validate(image);
  }

  @Test
  void open_layerContentNotMatchingDiffId_failsWhenRead() throws IOException {
    BuiltLayer layer = layer("legacy", LayerCompression.NONE);
    Bytes config = ManifestCodec.encodeConfig(config(layer));
    byte[] tampered = Files.readAllBytes(layer.file().orElseThrow());
    tampered[600] ^= 1;
    Path archive =
        tar(
            Map.of(
                "c.json", config.toByteArray(),
                "l/layer.tar", tampered,
                "manifest.json",
                    "[{\"Config\":\"c.json\",\"RepoTags\":null,\"Layers\":[\"l/layer.tar\"]}]"
                        .getBytes()));

    Layer read = DockerArchive.open(archive).image().layers().get(0);

    assertThatThrownBy(
            () -> {
              try (InputStream in = read.open()) {
                in.transferTo(OutputStream.nullOutputStream());
              }
            })
        .isInstanceOf(DigestMismatchException.class);
  }

  @Test
  void open_configNotMatchingItsName_failsWithDigestMismatch() throws IOException {
    String wrongName = Digest.sha256(new byte[] {1}).hex() + ".json";
    Path archive =
        tar(
            Map.of(
                wrongName,
                ManifestCodec.encodeConfig(ImageConfig.of(Platform.LINUX_AMD64)).toByteArray(),
                "manifest.json",
                ("[{\"Config\":\"" + wrongName + "\",\"Layers\":[]}]").getBytes()));

    assertThatThrownBy(() -> DockerArchive.open(archive))
        .isInstanceOf(DigestMismatchException.class);
  }

  @Test
  void open_pathTraversalInManifestJson_failsWithUnsafePath() throws IOException {
    Path archive =
        tar(
            Map.of(
                "manifest.json", "[{\"Config\":\"../../etc/passwd\",\"Layers\":[]}]".getBytes()));

    assertReason(archive, InvalidArchiveException.Reason.UNSAFE_PATH);
  }

  @Test
  void open_absoluteLayerPathInManifestJson_failsWithUnsafePath() throws IOException {
    Bytes config = ManifestCodec.encodeConfig(ImageConfig.of(Platform.LINUX_AMD64));
    Path archive =
        tar(
            Map.of(
                "c.json", config.toByteArray(),
                "manifest.json",
                    "[{\"Config\":\"c.json\",\"Layers\":[\"/etc/shadow\"]}]".getBytes()));

    assertReason(archive, InvalidArchiveException.Reason.UNSAFE_PATH);
  }

  @Test
  void open_traversalEntryName_failsWithUnsafePathAndWritesNothing() throws IOException {
    Path archive = tar(Map.of("../../escaped", new byte[] {1}, "manifest.json", "[]".getBytes()));

    assertReason(archive, InvalidArchiveException.Reason.UNSAFE_PATH);
    assertThat(Files.exists(tmp.getParent().resolve("escaped"))).isFalse();
  }

  @Test
  void open_linksLeavingTheArchiveOrDangling_failWithLink() throws IOException {
    List<TarEntry> hostile =
        List.of(
            new TarEntry(
                "l/layer.tar", TarEntry.Type.SYMLINK, 0777, 0, 0, "", "", 0, 0, "/etc/passwd"),
            new TarEntry(
                "l/layer.tar", TarEntry.Type.SYMLINK, 0777, 0, 0, "", "", 0, 0, "../../etc/passwd"),
            new TarEntry(
                "l/layer.tar", TarEntry.Type.SYMLINK, 0777, 0, 0, "", "", 0, 0, "../missing.tar"),
            new TarEntry(
                "l/layer.tar", TarEntry.Type.HARDLINK, 0644, 0, 0, "", "", 0, 0, "../outside"));
    for (TarEntry entry : hostile) {
      Path archive = Files.createTempFile(tmp, "link", ".tar");
      try (TarWriter writer = new TarWriter(Files.newOutputStream(archive))) {
        writer.writeEntry(
            TarEntry.file("manifest.json", 2, 0644, 0), new ByteArrayInputStream("[]".getBytes()));
        writer.writeEntry(entry);
      }
      assertReason(archive, InvalidArchiveException.Reason.LINK);
    }
  }

  @Test
  void open_deviceEntry_failsWithLink() throws IOException {
    Path archive = tar(Map.of("dev", new byte[0]));
    byte[] bytes = Files.readAllBytes(archive);
    bytes[156] = '3'; // character device
    java.util.Arrays.fill(bytes, 148, 156, (byte) ' ');
    long sum = 0;
    for (int i = 0; i < 512; i++) {
      sum += bytes[i] & 0xff;
    }
    byte[] checksum = String.format("%06o", sum).getBytes();
    System.arraycopy(checksum, 0, bytes, 148, 6);
    bytes[154] = 0;
    Files.write(archive, bytes);

    assertReason(archive, InvalidArchiveException.Reason.LINK);
  }

  @Test
  void open_layerLinkedToSharedFileInsideArchive_resolvedByName() throws IOException {
    // skopeo and docker save write <id>/layer.tar as a symbolic link to ../<hex>.tar
    BuiltLayer layer = layer("shared", LayerCompression.NONE);
    Bytes config = ManifestCodec.encodeConfig(config(layer));
    Path archive = Files.createTempFile(tmp, "linked", ".tar");
    byte[] layerBytes = Files.readAllBytes(layer.file().orElseThrow());
    byte[] manifest =
        "[{\"Config\":\"c.json\",\"RepoTags\":[\"x:1\"],\"Layers\":[\"id/layer.tar\"]}]".getBytes();
    try (TarWriter writer = new TarWriter(Files.newOutputStream(archive))) {
      writer.writeEntry(
          TarEntry.file(layer.diffId().hex() + ".tar", layerBytes.length, 0444, 0),
          new ByteArrayInputStream(layerBytes));
      writer.writeEntry(
          TarEntry.file("c.json", config.size(), 0444, 0),
          new ByteArrayInputStream(config.toByteArray()));
      writer.writeEntry(
          new TarEntry(
              "id/layer.tar",
              TarEntry.Type.SYMLINK,
              0777,
              0,
              0,
              "",
              "",
              0,
              0,
              "../" + layer.diffId().hex() + ".tar"));
      writer.writeEntry(
          TarEntry.file("manifest.json", manifest.length, 0444, 0),
          new ByteArrayInputStream(manifest));
    }

    Image image = DockerArchive.open(archive).image("x:1");

    assertThat(image.layers().get(0).digest()).isEqualTo(layer.diffId());
    ImageValidator.validate(image);
  }

  @Test
  void open_oversizedManifestJson_failsWithOversizedJson() throws IOException {
    byte[] huge = new byte[DockerArchive.MAX_JSON_SIZE + 1];
    Path archive = tar(Map.of("manifest.json", huge));

    assertReason(archive, InvalidArchiveException.Reason.OVERSIZED_JSON);
  }

  @Test
  void open_missingLayerFile_failsWithMissingFile() throws IOException {
    BuiltLayer layer = layer("x", LayerCompression.NONE);
    Bytes config = ManifestCodec.encodeConfig(config(layer));
    Path archive =
        tar(
            Map.of(
                "c.json", config.toByteArray(),
                "manifest.json",
                    "[{\"Config\":\"c.json\",\"Layers\":[\"gone/layer.tar\"]}]".getBytes()));

    assertReason(archive, InvalidArchiveException.Reason.MISSING_FILE);
  }

  @Test
  void open_malformedInputs_failWithMalformed() throws IOException {
    assertReason(
        Files.writeString(tmp.resolve("junk.tar"), "not a tar"),
        InvalidArchiveException.Reason.MALFORMED);
    assertReason(
        tar(Map.of("manifest.json", "{\"not\":\"an array\"}".getBytes())),
        InvalidArchiveException.Reason.MALFORMED);
    assertReason(
        tar(Map.of("manifest.json", "[{".getBytes())), InvalidArchiveException.Reason.MALFORMED);
    Bytes config = ManifestCodec.encodeConfig(ImageConfig.of(Platform.LINUX_AMD64));
    assertReason(
        tar(
            Map.of(
                "c.json",
                config.toByteArray(),
                "l.tar",
                new byte[1024],
                "manifest.json",
                "[{\"Config\":\"c.json\",\"Layers\":[\"l.tar\"]}]".getBytes())),
        InvalidArchiveException.Reason.MALFORMED);
  }

  @Test
  void open_noManifestJson_failsWithMissingFile() throws IOException {
    assertReason(tar(Map.of("other", new byte[] {1})), InvalidArchiveException.Reason.MISSING_FILE);
  }

  private void assertReason(Path archive, InvalidArchiveException.Reason reason) {
    assertThatThrownBy(() -> DockerArchive.open(archive))
        .isInstanceOfSatisfying(
            InvalidArchiveException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }

  private Path tar(Map<String, byte[]> entries) throws IOException {
    Path archive = Files.createTempFile(tmp, "archive", ".tar");
    try (TarWriter writer = new TarWriter(Files.newOutputStream(archive))) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        writer.writeEntry(
            TarEntry.file(e.getKey(), e.getValue().length, 0644, 0),
            new ByteArrayInputStream(e.getValue()));
      }
    }
    return archive;
  }

  private static String entryText(Path archive, String name) throws IOException {
    try (var reader =
        new dev.registrykit.core.internal.tar.TarReader(Files.newInputStream(archive))) {
      for (var e = reader.next(); e.isPresent(); e = reader.next()) {
        if (e.get().name().equals(name)) {
          return new String(
              reader.content().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
      }
    }
    throw new AssertionError("no entry " + name);
  }

  private BuiltLayer layer(String content, LayerCompression compression) throws IOException {
    Path dir = Files.createTempDirectory(tmp, "src");
    Files.writeString(dir.resolve(content + ".txt"), content);
    return LayerBuilder.builder()
        .addDirectory(dir, "/" + content)
        .compression(compression)
        .writeTo(Files.createTempFile(tmp, "layer", ".tar"));
  }

  private Image image(String content, LayerCompression compression) throws IOException {
    BuiltLayer layer = layer(content, compression);
    return Images.of(config(layer), List.of(layer));
  }

  private static ImageConfig config(BuiltLayer... layers) {
    ImageConfig config =
        ImageConfig.of(Platform.LINUX_AMD64)
            .withConfig(ContainerConfig.EMPTY.withCmd(List.of("figlet", "hello")));
    for (BuiltLayer layer : layers) {
      config = config.withAppendedLayer(layer.diffId(), History.of("COPY", false));
    }
    return config;
  }
}
