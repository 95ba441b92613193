package dev.registrykit.core.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.core.build.BuiltLayer;
import dev.registrykit.core.build.LayerBuilder;
import dev.registrykit.core.digest.DigestMismatchException;
import dev.registrykit.core.image.Image;
import dev.registrykit.core.image.ImageIndex;
import dev.registrykit.core.image.ImageValidator;
import dev.registrykit.core.image.Images;
import dev.registrykit.core.image.Layer;
import dev.registrykit.core.internal.tar.TarEntry;
import dev.registrykit.core.internal.tar.TarWriter;
import dev.registrykit.core.manifest.ContainerConfig;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.manifest.History;
import dev.registrykit.core.manifest.ImageConfig;
import dev.registrykit.core.manifest.Platform;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciLayoutTest {
  @TempDir Path tmp;

  @Test
  void writeBlob_newThenPresent_writesOnceAndSkipsWithoutOpening() throws IOException {
    OciLayout layout = OciLayout.create(tmp.resolve("layout"));
    byte[] content = "a blob".getBytes(StandardCharsets.UTF_8);
    Descriptor descriptor =
        Descriptor.of(
            dev.registrykit.core.manifest.MediaType.OCTET_STREAM,
            dev.registrykit.core.digest.Digest.sha256(content),
            content.length);

    boolean first = layout.writeBlob(descriptor, () -> new ByteArrayInputStream(content));
    boolean second =
        layout.writeBlob(
            descriptor,
            () -> {
              throw new AssertionError("an intact blob must not be fetched again");
            });

    assertThat(first).isTrue();
    assertThat(second).isFalse();
    try (InputStream in = layout.openBlob(descriptor)) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
  }

  @Test
  void writeBlob_wrongContent_rejectedAndNothingStored() throws IOException {
    OciLayout layout = OciLayout.create(tmp.resolve("layout"));
    byte[] content = "a blob".getBytes(StandardCharsets.UTF_8);
    Descriptor descriptor =
        Descriptor.of(
            dev.registrykit.core.manifest.MediaType.OCTET_STREAM,
            dev.registrykit.core.digest.Digest.sha256(content),
            content.length);

    assertThatThrownBy(
            () ->
                layout.writeBlob(
                    descriptor,
                    () -> new ByteArrayInputStream("a blub".getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(DigestMismatchException.class);
    assertThat(layout.hasBlob(descriptor.digest())).isFalse();
  }

  @Test
  void write_thenOpenByTagAndDigest_sameImage() throws IOException {
    // given
    Image image = image("hello", Platform.LINUX_AMD64);
    OciLayout layout = OciLayout.create(tmp.resolve("oci"));

    // when
    Descriptor entry = layout.write(image, "latest");
    OciLayout reopened = OciLayout.open(tmp.resolve("oci"));

    // then
    Image byTag = reopened.image("latest");
    Image byDigest = reopened.image(image.digest().toString());
    assertThat(byTag.digest()).isEqualTo(image.digest());
    assertThat(byDigest.rawManifest()).isEqualTo(image.rawManifest());
    assertThat(byTag.rawConfig()).isEqualTo(image.rawConfig());
    assertThat(byTag.id()).isEqualTo(image.id());
    assertThat(entry.annotations()).containsEntry(OciLayout.REF_NAME, "latest");
    assertThat(entry.platform()).contains(Platform.LINUX_AMD64);
    assertThat(reopened.refNames()).containsExactly("latest");
    ImageValidator.validate(byTag);
    assertThat(byTag.layers().get(0).diffId()).isEqualTo(image.layers().get(0).diffId());
    assertThat(Files.readString(tmp.resolve("oci/oci-layout"))).contains("imageLayoutVersion");
  }

  @Test
  void write_sameImageTwiceWithTwoTags_blobsNotDuplicatedOrRewritten() throws IOException {
    Image image = image("hello", Platform.LINUX_AMD64);
    OciLayout layout = OciLayout.create(tmp.resolve("oci"));
    layout.write(image, "one");
    Path layerBlob = tmp.resolve("oci/blobs/sha256/" + image.layers().get(0).digest().hex());
    FileTime written = FileTime.fromMillis(1_000_000L);
    Files.setLastModifiedTime(layerBlob, written);

    layout.write(image, "two");
    layout.write(image, "one");

    assertThat(blobCount()).isEqualTo(3);
    assertThat(Files.getLastModifiedTime(layerBlob)).isEqualTo(written);
    assertThat(layout.refNames()).containsExactly("two", "one");
  }

  @Test
  void write_tagMovedToAnotherImage_replacesEntry() throws IOException {
    OciLayout layout = OciLayout.create(tmp.resolve("oci"));
    layout.write(image("a", Platform.LINUX_AMD64), "latest");
    Image b = image("b", Platform.LINUX_AMD64);

    layout.write(b, "latest");

    assertThat(layout.index().manifests()).hasSize(1);
    assertThat(layout.image("latest").digest()).isEqualTo(b.digest());
  }

  @Test
  void write_index_roundTripsWithPlatformSelection() throws IOException {
    Image amd = image("amd", Platform.LINUX_AMD64);
    Image arm = image("arm", Platform.LINUX_ARM64);
    ImageIndex index = Images.index(List.of(amd, arm));
    OciLayout layout = OciLayout.create(tmp.resolve("oci"));

    layout.write(index, "multi");

    ImageIndex read = OciLayout.open(tmp.resolve("oci")).imageIndex("multi");
    assertThat(read.digest()).isEqualTo(index.digest());
    assertThat(read.select(Platform.LINUX_ARM64).orElseThrow().digest()).isEqualTo(arm.digest());
    assertThat(read.image(amd.digest()).rawConfig()).isEqualTo(amd.rawConfig());
    ImageValidator.validate(read);
  }

  @Test
  void writeTar_thenOpenTar_sameContentAndDeterministic() throws IOException {
    Image image = image("hello", Platform.LINUX_AMD64);
    OciLayout layout = OciLayout.create(tmp.resolve("oci"));
    layout.write(image, "latest");

    layout.writeTar(tmp.resolve("one.tar"));
    layout.writeTar(tmp.resolve("two.tar"));
    OciLayout fromTar = OciLayout.open(tmp.resolve("one.tar"));

    assertThat(Files.readAllBytes(tmp.resolve("one.tar")))
        .isEqualTo(Files.readAllBytes(tmp.resolve("two.tar")));
    Image read = fromTar.image("latest");
    assertThat(read.digest()).isEqualTo(image.digest());
    ImageValidator.validate(read);
    try (InputStream in = read.layers().get(0).open()) {
      assertThat(in.readAllBytes()).hasSize((int) image.layers().get(0).size());
    }
    assertThatThrownBy(() -> fromTar.write(image, "x")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void image_tamperedLayerBlob_failsWithDigestMismatch() throws IOException {
    Image image = image("hello", Platform.LINUX_AMD64);
    OciLayout layout = OciLayout.create(tmp.resolve("oci"));
    layout.write(image, "latest");
    Path blob = tmp.resolve("oci/blobs/sha256/" + image.layers().get(0).digest().hex());
    byte[] bytes = Files.readAllBytes(blob);
    bytes[bytes.length / 2] ^= 1;
    Files.write(blob, bytes);

    Layer layer = OciLayout.open(tmp.resolve("oci")).image("latest").layers().get(0);

    assertThatThrownBy(
            () -> {
              try (InputStream in = layer.open()) {
                in.transferTo(OutputStream.nullOutputStream());
              }
            })
        .isInstanceOf(DigestMismatchException.class);
  }

  @Test
  void write_damagedBlobAlreadyPresent_isRepaired() throws IOException {
    Image image = image("hello", Platform.LINUX_AMD64);
    OciLayout layout = OciLayout.create(tmp.resolve("oci"));
    layout.write(image, "latest");
    Path blob = tmp.resolve("oci/blobs/sha256/" + image.layers().get(0).digest().hex());
    byte[] original = Files.readAllBytes(blob);
    byte[] damaged = original.clone();
    damaged[0] ^= 1;
    Files.write(blob, damaged);

    layout.write(image, "latest");

    assertThat(Files.readAllBytes(blob)).isEqualTo(original);
  }

  @Test
  void image_missingBlob_failsWithMissingBlob() throws IOException {
    Image image = image("hello", Platform.LINUX_AMD64);
    OciLayout layout = OciLayout.create(tmp.resolve("oci"));
    layout.write(image, "latest");
    Files.delete(tmp.resolve("oci/blobs/sha256/" + image.manifest().config().digest().hex()));

    Image read = OciLayout.open(tmp.resolve("oci")).image("latest");

    assertThatThrownBy(read::rawConfig)
        .isInstanceOfSatisfying(
            InvalidLayoutException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidLayoutException.Reason.MISSING_BLOB));
  }

  @Test
  void image_unknownRef_failsWithNotFound() throws IOException {
    OciLayout layout = OciLayout.create(tmp.resolve("oci"));

    assertThatThrownBy(() -> layout.image("nope"))
        .isInstanceOfSatisfying(
            InvalidLayoutException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidLayoutException.Reason.NOT_FOUND));
  }

  @Test
  void open_notALayout_failsWithNotALayout() throws IOException {
    Files.createDirectories(tmp.resolve("empty"));
    Files.createDirectories(tmp.resolve("other"));
    Files.writeString(tmp.resolve("other/file"), "x");

    assertThatThrownBy(() -> OciLayout.open(tmp.resolve("empty")))
        .isInstanceOfSatisfying(
            InvalidLayoutException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidLayoutException.Reason.NOT_A_LAYOUT));
    assertThatThrownBy(() -> OciLayout.create(tmp.resolve("other")))
        .isInstanceOfSatisfying(
            InvalidLayoutException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidLayoutException.Reason.NOT_A_LAYOUT));
  }

  @Test
  void open_oversizedIndex_failsWithOversizedJson() throws IOException {
    OciLayout.create(tmp.resolve("oci"));
    Files.write(tmp.resolve("oci/index.json"), new byte[OciLayout.MAX_JSON_SIZE + 1]);

    assertThatThrownBy(() -> OciLayout.open(tmp.resolve("oci")))
        .isInstanceOfSatisfying(
            InvalidLayoutException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidLayoutException.Reason.OVERSIZED_JSON));
  }

  @Test
  void image_manifestDeclaringHugeSize_refusedBeforeReading() throws IOException {
    OciLayout layout = OciLayout.create(tmp.resolve("oci"));
    Image image = image("hello", Platform.LINUX_AMD64);
    Descriptor huge = Descriptor.of(image.rawManifest().mediaType(), image.digest(), 1L << 40);

    assertThatThrownBy(() -> layout.image(huge).rawManifest())
        .isInstanceOfSatisfying(
            InvalidLayoutException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidLayoutException.Reason.OVERSIZED_JSON));
  }

  @Test
  void open_symlinkedBlob_failsWithLink() throws IOException {
    Image image = image("hello", Platform.LINUX_AMD64);
    OciLayout layout = OciLayout.create(tmp.resolve("oci"));
    layout.write(image, "latest");
    Path config = tmp.resolve("oci/blobs/sha256/" + image.manifest().config().digest().hex());
    Files.move(config, tmp.resolve("outside"));
    Files.createSymbolicLink(config, tmp.resolve("outside"));

    Image read = OciLayout.open(tmp.resolve("oci")).image("latest");

    assertThatThrownBy(read::rawConfig)
        .isInstanceOfSatisfying(
            InvalidLayoutException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidLayoutException.Reason.LINK));
  }

  @Test
  void open_tarWithTraversalEntry_failsWithUnsafePath() throws IOException {
    Path tar =
        hostileTar(new TarEntry("../evil", TarEntry.Type.FILE, 0644, 0, 0, "", "", 0, 1, ""));

    assertThatThrownBy(() -> OciLayout.open(tar))
        .isInstanceOfSatisfying(
            InvalidLayoutException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidLayoutException.Reason.UNSAFE_PATH));
    assertThat(Files.exists(tmp.resolve("evil"))).isFalse();
  }

  @Test
  void open_tarWithAbsoluteEntry_failsWithUnsafePath() throws IOException {
    Path tar =
        hostileTar(new TarEntry("/etc/evil", TarEntry.Type.FILE, 0644, 0, 0, "", "", 0, 1, ""));

    assertThatThrownBy(() -> OciLayout.open(tar))
        .isInstanceOfSatisfying(
            InvalidLayoutException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidLayoutException.Reason.UNSAFE_PATH));
  }

  @Test
  void open_tarWithSymlinkOrHardlink_failsWithLink() throws IOException {
    Path symlink =
        hostileTar(
            new TarEntry(
                "blobs/sha256/x", TarEntry.Type.SYMLINK, 0777, 0, 0, "", "", 0, 0, "/etc/passwd"));
    assertThatThrownBy(() -> OciLayout.open(symlink))
        .isInstanceOfSatisfying(
            InvalidLayoutException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidLayoutException.Reason.LINK));

    Path hardlink =
        hostileTar(
            new TarEntry(
                "blobs/sha256/y", TarEntry.Type.HARDLINK, 0644, 0, 0, "", "", 0, 0, "oci-layout"));
    assertThatThrownBy(() -> OciLayout.open(hardlink))
        .isInstanceOfSatisfying(
            InvalidLayoutException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidLayoutException.Reason.LINK));
  }

  @Test
  void open_notATar_failsWithMalformed() throws IOException {
    Path file = Files.writeString(tmp.resolve("junk.tar"), "this is not a tar file at all");

    assertThatThrownBy(() -> OciLayout.open(file))
        .isInstanceOfSatisfying(
            InvalidLayoutException.class,
            e -> assertThat(e.reason()).isEqualTo(InvalidLayoutException.Reason.MALFORMED));
  }

  private Path hostileTar(TarEntry hostile) throws IOException {
    Path tar = tmp.resolve("hostile-" + System.nanoTime() + ".tar");
    try (TarWriter writer = new TarWriter(Files.newOutputStream(tar))) {
      byte[] layoutFile = "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8);
      writer.writeEntry(
          TarEntry.file("oci-layout", layoutFile.length, 0644, 0),
          new ByteArrayInputStream(layoutFile));
      writer.writeEntry(hostile, new ByteArrayInputStream(new byte[(int) hostile.size()]));
    }
    return tar;
  }

  private long blobCount() throws IOException {
    try (Stream<Path> files = Files.list(tmp.resolve("oci/blobs/sha256"))) {
      return files.count();
    }
  }

  /** A one-layer image whose layer holds one file with {@code content}. */
  Image image(String content, Platform platform) throws IOException {
    Path dir = Files.createTempDirectory(tmp, "src");
    Files.writeString(dir.resolve("file.txt"), content);
    BuiltLayer layer =
        LayerBuilder.builder()
            .addDirectory(dir, "/app")
            .writeTo(Files.createTempFile(tmp, "layer", ".tgz"));
    ImageConfig config =
        ImageConfig.of(platform)
            .withConfig(ContainerConfig.EMPTY.withCmd(List.of("cat", "/app/file.txt")))
            .withAppendedLayer(layer.diffId(), History.of("COPY file.txt /app/", false));
    return Images.of(config, List.of(layer));
  }
}
