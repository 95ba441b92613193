package dev.registrykit.core.layercache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.core.build.LayerBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerCacheTest {
  @TempDir Path temp;

  private Path tree(String name, String content) throws IOException {
    Path dir = Files.createDirectories(temp.resolve(name).resolve("classes/com/example"));
    Path file = Files.writeString(dir.resolve("Main.class"), content);
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2024-01-02T03:04:05Z")));
    return temp.resolve(name).resolve("classes");
  }

  @Test
  void unchangedInputs_reuseTheLayerBuiltBefore() throws IOException {
    LayerCache cache = LayerCache.open(temp.resolve("cache"));
    Path classes = tree("a", "v1");

    CachedLayer first = cache.layer(LayerBuilder.builder().addDirectory(classes, "/app/classes"));
    CachedLayer second = cache.layer(LayerBuilder.builder().addDirectory(classes, "/app/classes"));

    assertThat(first.reused()).isFalse();
    assertThat(second.reused()).isTrue();
    assertThat(second.layer()).isEqualTo(first.layer());
    assertThat(first.layer().file())
        .hasValueSatisfying(f -> assertThat(f).startsWith(cache.directory()));
  }

  @Test
  void aChangedFile_isRebuilt() throws IOException {
    LayerCache cache = LayerCache.open(temp.resolve("cache"));
    Path classes = tree("a", "v1");
    CachedLayer first = cache.layer(LayerBuilder.builder().addDirectory(classes, "/app/classes"));

    Path file = classes.resolve("com/example/Main.class");
    Files.writeString(file, "v2 longer");
    CachedLayer second = cache.layer(LayerBuilder.builder().addDirectory(classes, "/app/classes"));

    assertThat(second.reused()).isFalse();
    assertThat(second.layer().digest()).isNotEqualTo(first.layer().digest());
  }

  @Test
  void theSameFilesAtAnotherPath_hitTheSameEntry() throws IOException {
    LayerCache cache = LayerCache.open(temp.resolve("cache"));
    CachedLayer first =
        cache.layer(LayerBuilder.builder().addDirectory(tree("checkout1", "v1"), "/app/classes"));
    CachedLayer second =
        cache.layer(LayerBuilder.builder().addDirectory(tree("checkout2", "v1"), "/app/classes"));

    assertThat(second.reused()).isTrue();
    assertThat(second.layer().digest()).isEqualTo(first.layer().digest());
  }

  @Test
  void aDamagedBlob_isRebuiltNotUsed() throws IOException {
    LayerCache cache = LayerCache.open(temp.resolve("cache"));
    Path classes = tree("a", "v1");
    CachedLayer first = cache.layer(LayerBuilder.builder().addDirectory(classes, "/app/classes"));
    Path blob = first.layer().file().orElseThrow();
    byte[] bytes = Files.readAllBytes(blob);
    bytes[bytes.length / 2] ^= 1;
    Files.write(blob, bytes);

    CachedLayer second = cache.layer(LayerBuilder.builder().addDirectory(classes, "/app/classes"));

    assertThat(second.reused()).isFalse();
    assertThat(second.layer().digest()).isEqualTo(first.layer().digest());
    assertThat(Files.readAllBytes(blob)).isNotEqualTo(bytes);
  }

  @Test
  void aGarbledRecord_isRebuiltNotUsed() throws IOException {
    LayerCache cache = LayerCache.open(temp.resolve("cache"));
    Path classes = tree("a", "v1");
    LayerBuilder builder = LayerBuilder.builder().addDirectory(classes, "/app/classes");
    CachedLayer first = cache.layer(builder);
    Files.writeString(
        cache.directory().resolve("layers").resolve(builder.inputFingerprint().hex()),
        "digest=nonsense\n");

    CachedLayer second = cache.layer(LayerBuilder.builder().addDirectory(classes, "/app/classes"));

    assertThat(second.reused()).isFalse();
    assertThat(second.layer().digest()).isEqualTo(first.layer().digest());
  }

  @Test
  void fingerprint_followsTheRulesAndMetadataButNotHostPaths() throws IOException {
    Path a = tree("a", "v1");
    Path b = tree("b", "v1");
    assertThat(LayerBuilder.builder().addDirectory(a, "/app").inputFingerprint())
        .isEqualTo(LayerBuilder.builder().addDirectory(b, "/app").inputFingerprint())
        .isNotEqualTo(LayerBuilder.builder().addDirectory(a, "/srv").inputFingerprint())
        .isNotEqualTo(
            LayerBuilder.builder().addDirectory(a, "/app").fileMode(0600).inputFingerprint());
    Files.setLastModifiedTime(
        b.resolve("com/example/Main.class"), FileTime.from(Instant.parse("2024-01-02T03:04:06Z")));
    assertThat(LayerBuilder.builder().addDirectory(b, "/app").inputFingerprint())
        .isNotEqualTo(LayerBuilder.builder().addDirectory(a, "/app").inputFingerprint());
  }
}
