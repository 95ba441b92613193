package dev.registrykit.core.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.digest.DigestAlgorithm;
import dev.registrykit.core.internal.tar.TarEntry;
import dev.registrykit.core.internal.tar.TarReader;
import dev.registrykit.core.manifest.MediaType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerBuilderTest {
  @TempDir Path tmp;

  @Test
  void writeTo_sameInputTwice_sameDigests() throws IOException {
    Path source = sampleTree(tmp.resolve("src"));

    BuiltLayer first =
        LayerBuilder.builder().addDirectory(source, "/app").writeTo(tmp.resolve("one.tar.gz"));
    BuiltLayer second =
        LayerBuilder.builder().addDirectory(source, "/app").writeTo(tmp.resolve("two.tar.gz"));

    assertThat(second.digest()).isEqualTo(first.digest());
    assertThat(second.diffId()).isEqualTo(first.diffId());
    assertThat(Files.readAllBytes(tmp.resolve("two.tar.gz")))
        .isEqualTo(Files.readAllBytes(tmp.resolve("one.tar.gz")));
  }

  @Test
  void writeTo_differentTimestampsAndCreationOrder_sameDigests() throws IOException {
    // given two trees with equal content, created in opposite orders with different timestamps
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    Files.createDirectories(a.resolve("dir"));
    Files.writeString(a.resolve("dir/one.txt"), "1");
    Files.writeString(a.resolve("two.txt"), "2");
    Files.createDirectories(b);
    Files.writeString(b.resolve("two.txt"), "2");
    Files.createDirectories(b.resolve("dir"));
    Files.writeString(b.resolve("dir/one.txt"), "1");
    Files.setLastModifiedTime(
        b.resolve("two.txt"), FileTime.from(Instant.parse("2001-02-03T04:05:06Z")));
    Files.setLastModifiedTime(
        b.resolve("dir"), FileTime.from(Instant.parse("1999-01-01T00:00:00Z")));
    Files.setPosixFilePermissions(
        b.resolve("dir/one.txt"), PosixFilePermissions.fromString("rw-------"));

    // when
    BuiltLayer fromA =
        LayerBuilder.builder().addDirectory(a, "/").writeTo(new ByteArrayOutputStream());
    BuiltLayer fromB =
        LayerBuilder.builder().addDirectory(b, "/").writeTo(new ByteArrayOutputStream());

    // then
    assertThat(fromB.digest()).isEqualTo(fromA.digest());
    assertThat(fromB.diffId()).isEqualTo(fromA.diffId());
  }

  @Test
  void writeTo_entries_sortedWithParentsFixedTimeOwnerAndModes() throws IOException {
    Path source = sampleTree(tmp.resolve("src"));
    Path layerFile = tmp.resolve("layer.tar");

    LayerBuilder.builder()
        .addDirectory(source, "/app")
        .addFile(source.resolve("run.sh"), "/usr/local/bin/run")
        .mode("app/secret.txt", 0600)
        .compression(LayerCompression.NONE)
        .writeTo(layerFile);

    List<TarEntry> entries = entries(Files.newInputStream(layerFile));
    assertThat(entries)
        .extracting(TarEntry::name)
        .containsExactly(
            "app/",
            "app/link",
            "app/run.sh",
            "app/secret.txt",
            "app/sub/",
            "app/sub/data.bin",
            "usr/",
            "usr/local/",
            "usr/local/bin/",
            "usr/local/bin/run");
    assertThat(entries)
        .allSatisfy(
            e -> {
              assertThat(e.modificationTime()).isZero();
              assertThat(e.uid()).isZero();
              assertThat(e.gid()).isZero();
              assertThat(e.userName()).isEmpty();
            });
    assertThat(mode(entries, "app/")).isEqualTo(0755);
    assertThat(mode(entries, "app/run.sh")).isEqualTo(0755);
    assertThat(mode(entries, "app/sub/data.bin")).isEqualTo(0644);
    assertThat(mode(entries, "app/secret.txt")).isEqualTo(0600);
    TarEntry link =
        entries.stream().filter(e -> e.name().equals("app/link")).findFirst().orElseThrow();
    assertThat(link.type()).isEqualTo(TarEntry.Type.SYMLINK);
    assertThat(link.linkName()).isEqualTo("sub/data.bin");
  }

  @Test
  void writeTo_configuredTimeAndOwner_applied() throws IOException {
    Path file = Files.writeString(tmp.resolve("f"), "x");

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LayerBuilder.builder()
        .addFile(file, "f")
        .modificationTime(Instant.parse("2020-01-01T00:00:00.999Z"))
        .owner(1000, 1001)
        .ownerNames("app", "staff")
        .fileMode(0640)
        .compression(LayerCompression.NONE)
        .writeTo(out);

    TarEntry entry = entries(new java.io.ByteArrayInputStream(out.toByteArray())).get(0);
    assertThat(entry.modificationTime()).isEqualTo(1577836800L);
    assertThat(entry.uid()).isEqualTo(1000);
    assertThat(entry.gid()).isEqualTo(1001);
    assertThat(entry.userName()).isEqualTo("app");
    assertThat(entry.groupName()).isEqualTo("staff");
    assertThat(entry.mode()).isEqualTo(0640);
  }

  @Test
  void writeTo_gzip_digestsMatchFileAndUncompressedContent() throws IOException {
    Path source = sampleTree(tmp.resolve("src"));
    Path layerFile = tmp.resolve("layer.tar.gz");

    BuiltLayer layer =
        LayerBuilder.builder()
            .addDirectory(source, "app")
            .compression(LayerCompression.gzip(1))
            .writeTo(layerFile);

    assertThat(layer.mediaType()).isEqualTo(MediaType.OCI_LAYER_GZIP);
    assertThat(layer.file()).contains(layerFile);
    assertThat(layer.size()).isEqualTo(Files.size(layerFile));
    assertThat(layer.digest()).isEqualTo(Digest.sha256(Files.readAllBytes(layerFile)));
    try (InputStream in = new GZIPInputStream(Files.newInputStream(layerFile))) {
      assertThat(layer.diffId()).isEqualTo(Digest.compute(DigestAlgorithm.SHA256, in).digest());
    }
    try (InputStream in = layer.open()) {
      assertThat(in.readAllBytes()).hasSize((int) layer.size());
    }
  }

  @Test
  void writeTo_uncompressed_digestEqualsDiffId() throws IOException {
    BuiltLayer layer =
        LayerBuilder.builder()
            .addSymlink("a", "b")
            .compression(LayerCompression.NONE)
            .writeTo(new ByteArrayOutputStream());

    assertThat(layer.digest()).isEqualTo(layer.diffId());
    assertThat(layer.mediaType()).isEqualTo(MediaType.OCI_LAYER);
    assertThat(layer.file()).isEmpty();
    assertThatThrownBy(layer::open).isInstanceOf(IOException.class);
  }

  @Test
  void writeTo_gzipHeader_isFixed() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LayerBuilder.builder()
        .addEmptyDirectory("x")
        .compression(LayerCompression.gzip(9))
        .writeTo(out);

    // RFC 1952: magic, CM=8, FLG=0 (no name), MTIME=0, XFL=0, OS=255 ("unknown", JDK 16+;
    // JDK-8244706).
    byte[] header = Arrays.copyOf(out.toByteArray(), 10);
    assertThat(header).containsExactly(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff);
  }

  @Test
  void writeTo_gzipLevels_differInSizeNotInDiffId() throws IOException {
    Path source = sampleTree(tmp.resolve("src"));
    Files.writeString(source.resolve("big.txt"), "compressible text ".repeat(50_000));

    BuiltLayer fast =
        LayerBuilder.builder()
            .addDirectory(source, "/")
            .compression(LayerCompression.gzip(1))
            .writeTo(new ByteArrayOutputStream());
    BuiltLayer best =
        LayerBuilder.builder()
            .addDirectory(source, "/")
            .compression(LayerCompression.gzip(9))
            .writeTo(new ByteArrayOutputStream());

    assertThat(best.diffId()).isEqualTo(fast.diffId());
    assertThat(best.digest()).isNotEqualTo(fast.digest());
  }

  @Test
  void addFile_targetEscapingRoot_isRejected() throws IOException {
    Path file = Files.writeString(tmp.resolve("f"), "x");
    LayerBuilder builder = LayerBuilder.builder();

    assertThatThrownBy(() -> builder.addFile(file, "../etc/passwd"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.addFile(file, "/a/../../b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.addFile(file, "/"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.addFile(tmp, "dir"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.mode("x", 010000))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void writeTo_fileUsedAsParent_isRejected() throws IOException {
    Path file = Files.writeString(tmp.resolve("f"), "x");
    LayerBuilder builder = LayerBuilder.builder().addFile(file, "a").addFile(file, "a/b");

    assertThatThrownBy(() -> builder.writeTo(new ByteArrayOutputStream()))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void writeTo_longPaths_usePaxAndRoundTrip() throws IOException {
    Path file = Files.writeString(tmp.resolve("f"), "x");
    String target = "deep/" + "segment-with-a-long-name/".repeat(10) + "file.txt";

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LayerBuilder.builder().addFile(file, target).compression(LayerCompression.NONE).writeTo(out);

    List<TarEntry> entries = entries(new java.io.ByteArrayInputStream(out.toByteArray()));
    assertThat(entries.get(entries.size() - 1).name()).isEqualTo(target);
  }

  private static int mode(List<TarEntry> entries, String name) {
    return entries.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow().mode();
  }

  private static List<TarEntry> entries(InputStream in) throws IOException {
    List<TarEntry> entries = new ArrayList<>();
    try (TarReader reader = new TarReader(in)) {
      for (var e = reader.next(); e.isPresent(); e = reader.next()) {
        entries.add(e.get());
      }
    }
    return entries;
  }

  static Path sampleTree(Path root) throws IOException {
    Files.createDirectories(root.resolve("sub"));
    Files.writeString(root.resolve("secret.txt"), "s3cr3t");
    Path run = Files.writeString(root.resolve("run.sh"), "#!/bin/sh\necho hi\n");
    Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxr-x---"));
    byte[] data = new byte[100_000];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 31 % 251);
    }
    Files.write(root.resolve("sub/data.bin"), data);
    Files.createSymbolicLink(root.resolve("link"), Path.of("sub/data.bin"));
    return root;
  }

  static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
