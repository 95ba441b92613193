package dev.registrykit.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.core.manifest.Platform;
import dev.registrykit.core.reference.ImageReference;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random sequences of tag/untag/retag operations agree with a plain map model; each case's name is
 * its seed, for replay.
 */
class TagStorePropertiesTest {
  private static final List<Image> IMAGES =
      List.of(
          TestImages.image(Platform.LINUX_AMD64, 1, "p0"),
          TestImages.image(Platform.LINUX_ARM64, 2, "p1"),
          TestImages.image(Platform.LINUX_AMD64, 0, "p2"));
  private static final List<String> REFS =
      List.of(
          "alpine",
          "alpine:3.19",
          "zavy86/figlet",
          "localhost:5000/figlet",
          "localhost:5000/figlet:v1",
          "registry.tld:1234/repository/image:x");

  static Stream<Long> seeds() {
    return LongStream.range(0, 200).mapToObj(i -> 0x7a6_5700L + i);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void operations_matchMapModel(long seed) throws IOException {
    Random random = new Random(seed);
    TagStore store = new TagStore();
    Map<String, ImageId> model = new HashMap<>();

    for (int step = 0; step < 40; step++) {
      ImageReference ref =
          ImageReference.parse(REFS.get(random.nextInt(REFS.size()))).withDefaultTag();
      switch (random.nextInt(3)) {
        case 0:
          Image image = IMAGES.get(random.nextInt(IMAGES.size()));
          store.tag(ref, image);
          model.put(ref.toString(), image.id());
          break;
        case 1:
          assertThat(store.untag(ref))
              .as("seed %d step %d", seed, step)
              .isEqualTo(Optional.ofNullable(model.remove(ref.toString())));
          break;
        default:
          ImageReference source =
              ImageReference.parse(REFS.get(random.nextInt(REFS.size()))).withDefaultTag();
          if (model.containsKey(source.toString())) {
            store.tag(ref, source);
            model.put(ref.toString(), model.get(source.toString()));
          }
          break;
      }

      List<String> rows = new ArrayList<>();
      for (TagStore.Row row : store.list()) {
        rows.add(row.reference() + "=" + row.imageId());
      }
      List<String> expected = new ArrayList<>();
      model.forEach((k, v) -> expected.add(k + "=" + v));
      assertThat(rows)
          .as("seed %d step %d", seed, step)
          .containsExactlyInAnyOrderElementsOf(expected);
      assertThat(store.imageCount())
          .as("seed %d step %d: untagged images are dropped", seed, step)
          .isEqualTo(new HashSet<>(model.values()).size());
    }
  }
}
