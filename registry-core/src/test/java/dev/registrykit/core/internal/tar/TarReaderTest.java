package dev.registrykit.core.internal.tar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TarReaderTest {
  private static final String LONG_DIR = "d".repeat(60) + "/" + "e".repeat(60) + "/";

  /**
   * Fixtures written by GNU tar 1.34: {@code --format=pax} (ustar prefix + PAX linkpath) and {@code
   * --format=gnu} (L/K headers).
   */
  @ParameterizedTest
  @ValueSource(strings = {"gnu-pax.tar", "gnu-longname.tar"})
  void next_gnuTarFixtures_readsLongNamesAndLinks(String fixture) throws IOException {
    Map<String, TarEntry> entries = new LinkedHashMap<>();
    Map<String, String> contents = new LinkedHashMap<>();
    try (TarReader reader = new TarReader(resource(fixture))) {
      for (var e = reader.next(); e.isPresent(); e = reader.next()) {
        entries.put(e.get().name(), e.get());
        contents.put(
            e.get().name(), new String(reader.content().readAllBytes(), StandardCharsets.UTF_8));
      }
    }

    assertThat(entries).containsKeys("./", "./" + LONG_DIR, "./empty/", "./link");
    assertThat(contents.get("./" + LONG_DIR + "file-with-long-name.txt")).isEqualTo("hello\n");
    assertThat(entries.get("./link").type()).isEqualTo(TarEntry.Type.SYMLINK);
    assertThat(entries.get("./link").linkName()).isEqualTo(LONG_DIR + "file-with-long-name.txt");
    assertThat(entries.get("./empty/").type()).isEqualTo(TarEntry.Type.DIRECTORY);
  }

  @Test
  void next_unreadContent_isSkipped() throws IOException {
    try (TarReader reader = new TarReader(resource("gnu-pax.tar"))) {
      int count = 0;
      while (reader.next().isPresent()) {
        count++;
      }
      assertThat(count).isEqualTo(6);
    }
  }

  @Test
  void next_emptyStream_isEndOfArchive() throws IOException {
    assertThat(new TarReader(InputStream.nullInputStream()).next()).isEmpty();
  }

  @Test
  void next_badChecksum_throwsTarFormatException() throws IOException {
    byte[] tar = oneFile();
    tar[0] ^= 1;

    assertThatThrownBy(() -> new TarReader(new ByteArrayInputStream(tar)).next())
        .isInstanceOf(TarFormatException.class)
        .hasMessageContaining("checksum");
  }

  @Test
  void next_gzippedTar_saysSo() throws IOException {
    java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
      out.write(oneFile());
    }

    assertThatThrownBy(
            () ->
                new TarReader(new ByteArrayInputStream(Arrays.copyOf(gz.toByteArray(), 1024)))
                    .next())
        .isInstanceOf(TarFormatException.class)
        .hasMessageContaining("gzip-compressed");
  }

  @Test
  void next_partialHeader_throwsTarFormatException() throws IOException {
    byte[] tar = Arrays.copyOf(oneFile(), 100);

    assertThatThrownBy(() -> new TarReader(new ByteArrayInputStream(tar)).next())
        .isInstanceOf(TarFormatException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void content_truncatedEntry_throwsTarFormatException() throws IOException {
    byte[] tar = Arrays.copyOf(oneFile(), 512 + 3);
    TarReader reader = new TarReader(new ByteArrayInputStream(tar));
    reader.next();

    assertThatThrownBy(() -> reader.content().readAllBytes())
        .isInstanceOf(TarFormatException.class);
  }

  @Test
  void next_oversizedPaxHeader_throwsTarFormatException() throws IOException {
    byte[] header = oneFile();
    header[156] = 'x';
    // size field: 2 MiB in octal
    byte[] size = String.format("%011o", 2 * 1024 * 1024).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(size, 0, header, 124, 11);
    fixChecksum(header);

    assertThatThrownBy(() -> new TarReader(new ByteArrayInputStream(header)).next())
        .isInstanceOf(TarFormatException.class)
        .hasMessageContaining("exceeds the limit");
  }

  @Test
  void next_malformedPaxRecord_throwsTarFormatException() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] pax = "99 path=x\n".getBytes(StandardCharsets.US_ASCII);
    byte[] header = oneFile();
    header[156] = 'x';
    byte[] size = String.format("%011o", pax.length).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(size, 0, header, 124, 11);
    fixChecksum(header);
    out.write(header, 0, 512);
    out.write(Arrays.copyOf(pax, 512));

    assertThatThrownBy(() -> new TarReader(new ByteArrayInputStream(out.toByteArray())).next())
        .isInstanceOf(TarFormatException.class)
        .hasMessageContaining("PAX");
  }

  @Test
  void next_nonOctalSize_throwsTarFormatException() throws IOException {
    byte[] tar = oneFile();
    tar[124] = '9';
    fixChecksum(tar);

    assertThatThrownBy(() -> new TarReader(new ByteArrayInputStream(tar)).next())
        .isInstanceOf(TarFormatException.class)
        .hasMessageContaining("size");
  }

  private static byte[] oneFile() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarWriter tar = new TarWriter(out)) {
      tar.writeEntry(
          TarEntry.file("f.txt", 5, 0644, 0), new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5}));
    }
    return out.toByteArray();
  }

  private static void fixChecksum(byte[] header) {
    Arrays.fill(header, 148, 156, (byte) ' ');
    long sum = 0;
    for (int i = 0; i < 512; i++) {
      sum += header[i] & 0xff;
    }
    byte[] checksum = String.format("%06o", sum).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(checksum, 0, header, 148, 6);
    header[154] = 0;
  }

  private static InputStream resource(String name) {
    return Objects.requireNonNull(TarReaderTest.class.getResourceAsStream(name), name);
  }
}
