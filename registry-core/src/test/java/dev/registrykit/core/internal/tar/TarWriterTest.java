package dev.registrykit.core.internal.tar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TarWriterTest {

  @Test
  void writeEntry_filesDirectoriesLinks_roundTripThroughReader() throws IOException {
    // given
    byte[] content = "hello, layer\n".getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarWriter tar = new TarWriter(out)) {
      tar.writeEntry(TarEntry.directory("app", 0755, 0));
      tar.writeEntry(
          TarEntry.file("app/hello.txt", content.length, 0644, 1_700_000_000L),
          new ByteArrayInputStream(content));
      tar.writeEntry(
          new TarEntry("app/link", TarEntry.Type.SYMLINK, 0777, 0, 0, "", "", 0, 0, "hello.txt"));
    }

    // when
    List<TarEntry> entries = new ArrayList<>();
    List<String> contents = new ArrayList<>();
    try (TarReader reader = new TarReader(new ByteArrayInputStream(out.toByteArray()))) {
      for (var e = reader.next(); e.isPresent(); e = reader.next()) {
        entries.add(e.get());
        contents.add(new String(reader.content().readAllBytes(), StandardCharsets.UTF_8));
      }
    }

    // then
    assertThat(out.size() % 512).isZero();
    assertThat(entries)
        .extracting(TarEntry::name)
        .containsExactly("app/", "app/hello.txt", "app/link");
    assertThat(entries)
        .extracting(TarEntry::type)
        .containsExactly(TarEntry.Type.DIRECTORY, TarEntry.Type.FILE, TarEntry.Type.SYMLINK);
    assertThat(entries.get(1).mode()).isEqualTo(0644);
    assertThat(entries.get(1).modificationTime()).isEqualTo(1_700_000_000L);
    assertThat(entries.get(2).linkName()).isEqualTo("hello.txt");
    assertThat(contents).containsExactly("", "hello, layer\n", "");
  }

  @Test
  void putEntry_longAndNonAsciiNames_usePaxAndRoundTrip() throws IOException {
    String longName = "a/".repeat(120) + "file-ü-日本.txt";
    String longLink = "../".repeat(50) + "target";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarWriter tar = new TarWriter(out)) {
      tar.writeEntry(
          TarEntry.file(longName, 3, 0644, 0), new ByteArrayInputStream(new byte[] {1, 2, 3}));
      tar.writeEntry(new TarEntry("l", TarEntry.Type.SYMLINK, 0777, 0, 0, "", "", 0, 0, longLink));
      tar.writeEntry(
          TarEntry.file("big-owner", 0, 0600, 0)
              .withOwner(10_000_000L, 3, "u".repeat(40), "staff"));
    }

    try (TarReader reader = new TarReader(new ByteArrayInputStream(out.toByteArray()))) {
      TarEntry file = reader.next().orElseThrow();
      assertThat(file.name()).isEqualTo(longName);
      assertThat(reader.content().readAllBytes()).containsExactly(1, 2, 3);
      assertThat(reader.next().orElseThrow().linkName()).isEqualTo(longLink);
      TarEntry owner = reader.next().orElseThrow();
      assertThat(owner.uid()).isEqualTo(10_000_000L);
      assertThat(owner.userName()).isEqualTo("u".repeat(40));
      assertThat(owner.groupName()).isEqualTo("staff");
      assertThat(reader.next()).isEmpty();
    }
  }

  @Test
  void writeEntry_longName_bytesAreTheEntryAloneNoClockNoProcessState() throws IOException {
    byte[] tar = sample();
    String name = "x/".repeat(80) + "y";

    // A PAX header, its one record, the ustar header, the content block, two zero blocks.
    assertThat(tar).hasSize(6 * 512);
    assertThat(field(tar, 0, 0, 100)).isEqualTo("PaxHeaders.0/y");
    assertThat((char) tar[156]).isEqualTo('x');
    assertThat(field(tar, 0, 136, 12)).isEqualTo("00000000000"); // the entry's mtime, not the clock
    String record = " path=" + name + "\n";
    String paxData = (record.length() + String.valueOf(record.length()).length()) + record;
    assertThat(new String(tar, 512, paxData.length(), StandardCharsets.UTF_8)).isEqualTo(paxData);
    assertThat(tar[512 + paxData.length()]).isZero();
    int ustar = 1024;
    assertThat((char) tar[ustar + 156]).isEqualTo('0');
    assertThat(field(tar, ustar, 100, 8)).isEqualTo("0000644");
    assertThat(field(tar, ustar, 124, 12)).isEqualTo("00000000002");
    assertThat(field(tar, ustar, 257, 6)).isEqualTo("ustar");
    assertThat(field(tar, ustar, 263, 2)).isEqualTo("00");
    assertThat(Integer.parseInt(field(tar, ustar, 148, 6), 8)).isEqualTo(checksum(tar, ustar));
    assertThat(tar[1536]).isEqualTo((byte) 9);
    assertThat(tar[1537]).isEqualTo((byte) 9);
    for (int i = 1538; i < tar.length; i++) {
      assertThat(tar[i]).as("byte %d", i).isZero();
    }
  }

  /** A NUL-terminated ASCII header field. */
  private static String field(byte[] tar, int header, int offset, int length) {
    String raw = new String(tar, header + offset, length, StandardCharsets.US_ASCII);
    int nul = raw.indexOf('\0');
    return nul < 0 ? raw : raw.substring(0, nul);
  }

  /** The ustar checksum: the header's bytes summed with the checksum field read as spaces. */
  private static int checksum(byte[] tar, int header) {
    int sum = 0;
    for (int i = 0; i < 512; i++) {
      sum += i >= 148 && i < 156 ? ' ' : tar[header + i] & 0xff;
    }
    return sum;
  }

  @Test
  void write_moreThanDeclaredSize_isRejected() throws IOException {
    TarWriter tar = new TarWriter(new ByteArrayOutputStream());
    tar.putEntry(TarEntry.file("f", 1, 0644, 0));

    assertThatThrownBy(() -> tar.write(new byte[2], 0, 2))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void writeEntry_contentShorterThanSize_fails() {
    TarWriter tar = new TarWriter(new ByteArrayOutputStream());

    assertThatThrownBy(
            () -> tar.writeEntry(TarEntry.file("f", 10, 0644, 0), InputStream.nullInputStream()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("ended 10 bytes early");
  }

  @Test
  void encodePax_recordLengthCountsItsOwnDigits() {
    byte[] encoded = TarWriter.encodePax(Map.of("path", "x".repeat(93)));
    // " path=" (6) + 93 + "\n" (1) = 100 body bytes, + 3 digits = 103
    assertThat(new String(encoded, StandardCharsets.UTF_8)).startsWith("103 path=").hasSize(103);
  }

  private static byte[] sample() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarWriter tar = new TarWriter(out)) {
      tar.writeEntry(
          TarEntry.file("x/".repeat(80) + "y", 2, 0644, 0),
          new ByteArrayInputStream(new byte[] {9, 9}));
    }
    return out.toByteArray();
  }
}
