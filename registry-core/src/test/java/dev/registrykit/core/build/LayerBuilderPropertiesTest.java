package dev.registrykit.core.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded property: a random tree written twice — files created in different orders, with different
 * timestamps — gives the same layer digest and diff ID; changing one byte changes both.
 */
class LayerBuilderPropertiesTest {
  @TempDir Path tmp;

  static List<Long> seeds() {
    List<Long> seeds = new ArrayList<>();
    for (long i = 0; i < 25; i++) {
      seeds.add(0xB111DL + i * 7919);
    }
    return seeds;
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void writeTo_sameTreeDifferentOrderAndTimes_sameDigests(long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    Map<String, byte[]> files = new LinkedHashMap<>();
    int count = 1 + random.nextInt(30);
    for (int i = 0; i < count; i++) {
      StringBuilder path = new StringBuilder();
      int depth = random.nextInt(4);
      for (int d = 0; d < depth; d++) {
        path.append("d").append(random.nextInt(3)).append('/');
      }
      path.append("f").append(i).append(random.nextBoolean() ? ".txt" : "-ü.bin");
      byte[] content = new byte[random.nextInt(5000)];
      random.nextBytes(content);
      files.put(path.toString(), content);
    }
    List<String> order = new ArrayList<>(files.keySet());
    Path a = write(tmp.resolve("a"), files, order, 0);
    Collections.shuffle(order, new Random(seed));
    Path b = write(tmp.resolve("b"), files, order, 1_000_000_000_000L);

    BuiltLayer fromA =
        LayerBuilder.builder().addDirectory(a, "/app").writeTo(new ByteArrayOutputStream());
    BuiltLayer fromB =
        LayerBuilder.builder().addDirectory(b, "/app").writeTo(new ByteArrayOutputStream());
    byte[] first = files.get(order.get(0));
    if (first.length > 0) {
      first[0] ^= 1;
      Files.write(b.resolve(order.get(0)), first);
    } else {
      Files.write(b.resolve(order.get(0)), new byte[] {1});
    }
    BuiltLayer changed =
        LayerBuilder.builder().addDirectory(b, "/app").writeTo(new ByteArrayOutputStream());

    assertThat(fromB.digest()).as("seed %d", seed).isEqualTo(fromA.digest());
    assertThat(fromB.diffId()).as("seed %d", seed).isEqualTo(fromA.diffId());
    assertThat(changed.diffId()).as("seed %d", seed).isNotEqualTo(fromA.diffId());
  }

  private static Path write(Path root, Map<String, byte[]> files, List<String> order, long millis)
      throws IOException {
    for (String name : order) {
      Path file = root.resolve(name);
      Files.createDirectories(file.getParent());
      Files.write(file, files.get(name));
      Files.setLastModifiedTime(file, FileTime.fromMillis(millis));
    }
    return root;
  }
}
