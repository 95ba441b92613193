package dev.registrykit.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.core.manifest.ImageConfig;
import dev.registrykit.core.manifest.Platform;
import dev.registrykit.core.reference.ImageReference;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class TagStoreTest {
  private static ImageReference ref(String s) {
    return ImageReference.parse(s);
  }

  @Test
  void tag_sameImageSeveralTimes_sharesOneId() throws IOException {
    TagStore store = new TagStore();
    Image figlet = TestImages.image(Platform.LINUX_AMD64, 1, "figlet");

    ImageId a = store.tag(ref("zavy86/figlet"), figlet);
    ImageId b = store.tag(ref("localhost:5000/figlet"), figlet);
    ImageId c = store.tag(ref("localhost:5000/figlet:v1"), figlet);

    assertThat(a).isEqualTo(b).isEqualTo(c).isEqualTo(figlet.id());
    assertThat(store.imageCount()).isEqualTo(1);
    assertThat(store.list())
        .extracting(TagStore.Row::repository, TagStore.Row::tag)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("localhost:5000/figlet", "latest"),
            org.assertj.core.groups.Tuple.tuple("localhost:5000/figlet", "v1"),
            org.assertj.core.groups.Tuple.tuple("zavy86/figlet", "latest"));
    assertThat(store.tagsOf(figlet.id())).hasSize(3);
    assertThat(store.resolve(ref("zavy86/figlet:latest"))).containsSame(figlet);
    assertThat(store.resolveId(ref("docker.io/zavy86/figlet"))).contains(figlet.id());
  }

  @Test
  void format_looksLikeDockerImageLs() throws IOException {
    TagStore store = new TagStore();
    Image alpine = TestImages.image(Platform.LINUX_AMD64, 1, "alpine");
    store.tag(ref("alpine:3.19"), alpine);
    store.tag(ref("registry.tld:1234/repository/image"), alpine);

    String expected =
        "REPOSITORY                           TAG      IMAGE ID\n"
            + "alpine                               3.19     "
            + alpine.id().shortForm()
            + "\n"
            + "registry.tld:1234/repository/image   latest   "
            + alpine.id().shortForm()
            + "\n";
    assertThat(store.format()).isEqualTo(expected);
  }

  @Test
  void list_newestImageFirstThenRepositoryThenTag() throws IOException {
    TagStore store = new TagStore();
    Image older =
        Images.of(
            ImageConfig.of(Platform.LINUX_AMD64).withCreated("2024-01-01T00:00:00Z"), List.of());
    Image newer =
        Images.of(
            ImageConfig.of(Platform.LINUX_AMD64).withCreated("2025-06-01T00:00:00Z"), List.of());
    Image undated = Images.empty(Platform.LINUX_ARM64);
    store.tag(ref("aaa:2"), older);
    store.tag(ref("aaa:1"), older);
    store.tag(ref("zzz"), newer);
    store.tag(ref("bbb"), undated);

    assertThat(store.list())
        .extracting(r -> r.repository() + ":" + r.tag())
        .containsExactly("zzz:latest", "aaa:1", "aaa:2", "bbb:latest");
    assertThat(store.list().get(0).created())
        .contains(java.time.Instant.parse("2025-06-01T00:00:00Z"));
  }

  @Test
  void untag_lastTag_removesImage() throws IOException {
    TagStore store = new TagStore();
    Image image = TestImages.image(Platform.LINUX_AMD64, 1, "u");
    store.tag(ref("a:1"), image);
    store.tag(ref("b:1"), image);

    assertThat(store.untag(ref("a:1"))).contains(image.id());
    assertThat(store.image(image.id())).isPresent();
    assertThat(store.untag(ref("b:1"))).contains(image.id());
    assertThat(store.image(image.id())).isEmpty();
    assertThat(store.untag(ref("b:1"))).isEmpty();
    assertThat(store.list()).isEmpty();
  }

  @Test
  void tag_movingATag_dropsImageLeftUntagged() throws IOException {
    TagStore store = new TagStore();
    Image v1 = TestImages.image(Platform.LINUX_AMD64, 1, "v1");
    Image v2 = TestImages.image(Platform.LINUX_AMD64, 1, "v2");
    store.tag(ref("app"), v1);

    store.tag(ref("app:latest"), v2);

    assertThat(store.resolveId(ref("app"))).contains(v2.id());
    assertThat(store.image(v1.id())).isEmpty();
    assertThat(store.imageCount()).isEqualTo(1);
  }

  @Test
  void tag_sourceToTarget_likeDockerTag() throws IOException {
    TagStore store = new TagStore();
    Image image = TestImages.image(Platform.LINUX_AMD64, 1, "t");
    store.tag(ref("zavy86/figlet"), image);

    ImageId id = store.tag(ref("localhost:5000/figlet"), ref("zavy86/figlet"));

    assertThat(id).isEqualTo(image.id());
    assertThat(store.resolve(ref("localhost:5000/figlet:latest"))).containsSame(image);
    assertThatThrownBy(() -> store.tag(ref("x"), ref("nope")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope");
  }

  @Test
  void findId_uniquePrefix_findsImage() throws IOException {
    TagStore store = new TagStore();
    Image image = TestImages.image(Platform.LINUX_AMD64, 1, "f");
    store.tag(ref("f"), image);

    assertThat(store.findId(image.id().shortForm())).contains(image.id());
    assertThat(store.findId(image.id().toString())).contains(image.id());
    assertThat(store.findId("zz")).isEmpty();
  }

  @Test
  void tag_referenceWithDigest_throws() throws IOException {
    TagStore store = new TagStore();
    Image image = TestImages.image(Platform.LINUX_AMD64, 1, "d");

    assertThatThrownBy(() -> store.tag(ref("a@" + image.digest()), image))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @Timeout(30)
  void tag_concurrentWriters_endInConsistentState() throws Exception {
    TagStore store = new TagStore();
    Image shared = TestImages.image(Platform.LINUX_AMD64, 1, "shared");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 200; i++) {
                    store.tag(ref("repo" + thread + ":t" + i), shared);
                    if (i % 2 == 1) {
                      store.untag(ref("repo" + thread + ":t" + i));
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    assertThat(store.list())
        .hasSize(4 * 100)
        .allSatisfy(r -> assertThat(r.imageId()).isEqualTo(shared.id()));
    assertThat(store.imageCount()).isEqualTo(1);
  }
}
