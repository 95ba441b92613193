package dev.registrykit.benchmarks.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageGeneratorTest {

  @Test
  void manyLayers_small_blobsHaveExactSizesMatchingDigestsAndTarShape(@TempDir Path dir)
      throws Exception {
    BenchImage image = ImageGenerator.manyLayers(dir.resolve("img"), 3, 4096, 42);

    assertThat(image.layers()).hasSize(3);
    assertThat(image.layerBytes()).isEqualTo(3 * 4096);
    for (BenchImage.Blob layer : image.layers()) {
      byte[] bytes = Files.readAllBytes(layer.path());
      assertThat(bytes).hasSize(4096);
      assertThat(layer.digest()).isEqualTo(sha256(bytes));
      assertThat(new String(bytes, 257, 5, StandardCharsets.US_ASCII)).isEqualTo("ustar");
      // Size field: 4096 - 3 * 512 bytes of content, octal.
      assertThat(new String(bytes, 124, 11, StandardCharsets.US_ASCII))
          .isEqualTo(String.format("%011o", 2560));
      for (int i = 4096 - 1024; i < 4096; i++) {
        assertThat(bytes[i]).isZero();
      }
    }
    assertThat(image.layers()).extracting(BenchImage.Blob::digest).doesNotHaveDuplicates();
    byte[] manifest =
        Files.readAllBytes(dir.resolve("img/blobs/sha256/" + image.manifestDigest().substring(7)));
    assertThat(sha256(manifest)).isEqualTo(image.manifestDigest());
    assertThat(new String(manifest, StandardCharsets.UTF_8))
        .contains(image.layers().get(2).digest())
        .contains("application/vnd.oci.image.layer.v1.tar\"");
    assertThat(Files.readString(dir.resolve("img/index.json"))).contains(image.manifestDigest());
    assertThat(image.ociName()).isEqualTo("oci:" + dir.resolve("img") + ":bench");
  }

  @Test
  void singleLayer_sameSeedTwice_reusesAndSameDigests(@TempDir Path dir) throws Exception {
    BenchImage first = ImageGenerator.singleLayer(dir.resolve("a"), 1 << 20, 7);
    BenchImage again = ImageGenerator.singleLayer(dir.resolve("a"), 1 << 20, 7);
    BenchImage elsewhere = ImageGenerator.singleLayer(dir.resolve("b"), 1 << 20, 7);
    BenchImage otherSeed = ImageGenerator.singleLayer(dir.resolve("c"), 1 << 20, 8);

    assertThat(again).isEqualTo(first);
    assertThat(elsewhere.manifestDigest()).isEqualTo(first.manifestDigest());
    assertThat(otherSeed.layers().get(0).digest()).isNotEqualTo(first.layers().get(0).digest());
    assertThat(first.name()).isEqualTo("1x1MiB");
  }

  @Test
  void maxRss_gnuTimeReport_parsedAsBytes() {
    String report = "\tCommand being timed: \"true\"\n\tMaximum resident set size (kbytes): 1008\n";
    assertThat(ProcessMeter.maxRss(report)).contains(1008L * 1024);
    assertThat(ProcessMeter.maxRss("nothing")).isEmpty();
  }

  @Test
  void median_oddAndEven_middleValues() {
    assertThat(PeerComparison.median(new double[] {3, 1, 2})).isEqualTo(2);
    assertThat(PeerComparison.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
  }

  private static String sha256(byte[] bytes) throws Exception {
    return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
