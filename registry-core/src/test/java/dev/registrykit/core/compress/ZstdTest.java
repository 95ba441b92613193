package dev.registrykit.core.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.core.manifest.MediaType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ZstdTest {
  @ParameterizedTest
  @ValueSource(ints = {1, 3, 19})
  void compress_thenDecompress_sameBytes(int level) throws IOException {
    byte[] content = sample(1_000_000);

    byte[] compressed = compress(content, level);
    byte[] back;
    try (InputStream in = Zstd.decompress(new ByteArrayInputStream(compressed))) {
      back = in.readAllBytes();
    }

    assertThat(Zstd.isAvailable()).isTrue();
    assertThat(compressed.length).isLessThan(content.length / 2);
    assertThat(back).isEqualTo(content);
    // RFC 8878 section 3.1.1: the frame magic number, little-endian
    assertThat(Arrays.copyOf(compressed, 4)).containsExactly(0x28, 0xb5, 0x2f, 0xfd);
  }

  @Test
  void compress_sameInput_sameBytes() throws IOException {
    byte[] content = sample(200_000);

    assertThat(compress(content, 3)).isEqualTo(compress(content, 3));
  }

  @Test
  void decompress_concatenatedFrames_readAsOneStream() throws IOException {
    ByteArrayOutputStream two = new ByteArrayOutputStream();
    two.writeBytes(compress("first ".getBytes(java.nio.charset.StandardCharsets.UTF_8), 3));
    two.writeBytes(compress("second".getBytes(java.nio.charset.StandardCharsets.UTF_8), 3));

    try (InputStream in = Zstd.decompress(new ByteArrayInputStream(two.toByteArray()))) {
      assertThat(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
          .isEqualTo("first second");
    }
  }

  @Test
  void decompress_truncatedFrame_fails() throws IOException {
    byte[] compressed = compress(sample(100_000), 3);
    byte[] truncated = Arrays.copyOf(compressed, compressed.length - 10);

    assertThatThrownBy(
            () -> {
              try (InputStream in = Zstd.decompress(new ByteArrayInputStream(truncated))) {
                in.readAllBytes();
              }
            })
        .isInstanceOf(IOException.class);
  }

  @Test
  void decompress_notZstd_fails() {
    assertThatThrownBy(
            () -> {
              try (InputStream in =
                  Zstd.decompress(
                      new ByteArrayInputStream(
                          "not zstd at all".getBytes(java.nio.charset.StandardCharsets.UTF_8)))) {
                in.readAllBytes();
              }
            })
        .isInstanceOf(IOException.class);
  }

  @Test
  void compress_levelOutOfRange_rejected() {
    assertThatThrownBy(() -> Zstd.compress(OutputStream.nullOutputStream(), 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("between 1 and 22");
    assertThatThrownBy(() -> Zstd.compress(OutputStream.nullOutputStream(), 23))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void codecs_decompress_followsTheMediaType() throws IOException {
    byte[] content = sample(10_000);
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(content);
    }

    assertThat(
            read(
                Codecs.decompress(
                    new ByteArrayInputStream(gz.toByteArray()), MediaType.DOCKER_LAYER_GZIP)))
        .isEqualTo(content);
    assertThat(
            read(
                Codecs.decompress(
                    new ByteArrayInputStream(compress(content, 3)), MediaType.OCI_LAYER_ZSTD)))
        .isEqualTo(content);
    assertThat(
            read(
                Codecs.decompress(
                    new ByteArrayInputStream(compress(content, 3)), MediaType.DOCKER_LAYER_ZSTD)))
        .isEqualTo(content);
    assertThat(read(Codecs.decompress(new ByteArrayInputStream(content), MediaType.OCI_LAYER)))
        .isEqualTo(content);
  }

  private static byte[] read(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }

  static byte[] compress(byte[] content, int level) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream z = Zstd.compress(out, level)) {
      z.write(content);
    }
    return out.toByteArray();
  }

  /** Compressible but not trivial: words from a small vocabulary in a random order. */
  static byte[] sample(int size) {
    String[] words = {
      "layer ", "image ", "zstd ", "registry ", "manifest ", "blob ", "tar ", "digest\n"
    };
    Random random = new Random(7);
    StringBuilder sb = new StringBuilder(size + 16);
    while (sb.length() < size) {
      sb.append(words[random.nextInt(words.length)]);
    }
    return sb.substring(0, size).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }
}
