package dev.registrykit.core.internal.tar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarFileIndexTest {
  @TempDir Path tmp;

  @Test
  void of_twoEntries_offsetsPointAtContent() throws IOException {
    Path file = write(tar());

    TarFileIndex index = TarFileIndex.of(file, 10);

    assertThat(index.entries())
        .extracting(e -> e.header().name())
        .containsExactly("a.bin", "b.txt");
    try (InputStream in = index.open(index.entries().get(1))) {
      assertThat(in.readAllBytes()).containsExactly(7, 8, 9);
    }
  }

  @Test
  void of_lastEntryCutShort_throwsTruncated() throws IOException {
    byte[] whole = tar();
    // Keep b.txt's header but only one of its three content bytes: skipping over content seeks,
    // so the index must notice the missing bytes itself.
    Path file = write(Arrays.copyOf(whole, 512 + 100_352 + 512 + 1));

    assertThatThrownBy(() -> TarFileIndex.of(file, 10))
        .isInstanceOf(TarFormatException.class)
        .hasMessageContaining("truncated");
  }

  private Path write(byte[] content) throws IOException {
    Path file = tmp.resolve("archive.tar");
    Files.write(file, content);
    return file;
  }

  private static byte[] tar() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarWriter tar = new TarWriter(out)) {
      // 100,352 bytes = 196 blocks: large enough that skipping it is a seek, not a buffer read.
      tar.writeEntry(
          TarEntry.file("a.bin", 100_352, 0644, 0), new ByteArrayInputStream(new byte[100_352]));
      tar.writeEntry(
          TarEntry.file("b.txt", 3, 0644, 0), new ByteArrayInputStream(new byte[] {7, 8, 9}));
    }
    return out.toByteArray();
  }
}
