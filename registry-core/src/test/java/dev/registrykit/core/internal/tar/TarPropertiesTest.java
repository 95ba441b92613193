package dev.registrykit.core.internal.tar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded round trips: whatever entries are written, the reader returns them and their content
 * unchanged.
 */
class TarPropertiesTest {
  private static final String ALPHABET = "abcXYZ019-_. üé日本/";

  static List<Long> seeds() {
    List<Long> seeds = new ArrayList<>();
    for (long i = 0; i < 200; i++) {
      seeds.add(0x7A5L * 1_000_003L + i);
    }
    return seeds;
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void writeThenRead_randomEntries_roundTrip(long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    List<TarEntry> entries = new ArrayList<>();
    List<byte[]> contents = new ArrayList<>();
    int count = 1 + random.nextInt(8);
    for (int i = 0; i < count; i++) {
      String name = name(random) + "-" + i;
      long uid = random.nextBoolean() ? random.nextInt(70_000) : random.nextLong(1L << 40);
      int kind = random.nextInt(3);
      TarEntry entry;
      byte[] content = new byte[0];
      if (kind == 0) {
        content = new byte[random.nextInt(3000)];
        random.nextBytes(content);
        entry =
            new TarEntry(
                name,
                TarEntry.Type.FILE,
                random.nextInt(07777),
                uid,
                7,
                name(random),
                "",
                random.nextLong(1L << 36),
                content.length,
                "");
      } else if (kind == 1) {
        entry =
            new TarEntry(
                name + "/", TarEntry.Type.DIRECTORY, 0755, uid, 0, "", name(random), 0, 0, "");
      } else {
        entry = new TarEntry(name, TarEntry.Type.SYMLINK, 0777, 0, 0, "", "", 0, 0, name(random));
      }
      entries.add(entry);
      contents.add(content);
    }

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarWriter writer = new TarWriter(out)) {
      for (int i = 0; i < count; i++) {
        writer.writeEntry(entries.get(i), new ByteArrayInputStream(contents.get(i)));
      }
    }
    List<TarEntry> read = new ArrayList<>();
    List<byte[]> readContents = new ArrayList<>();
    try (TarReader reader = new TarReader(new ByteArrayInputStream(out.toByteArray()))) {
      for (var e = reader.next(); e.isPresent(); e = reader.next()) {
        read.add(e.get());
        readContents.add(reader.content().readAllBytes());
      }
    }

    assertThat(read).as("seed %d", seed).isEqualTo(entries);
    for (int i = 0; i < count; i++) {
      assertThat(readContents.get(i)).as("seed %d entry %d", seed, i).isEqualTo(contents.get(i));
    }
  }

  private static String name(SplittableRandom random) {
    int length = 1 + random.nextInt(random.nextBoolean() ? 20 : 180);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < length; i++) {
      sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return sb.toString().replace("//", "/x");
  }
}
