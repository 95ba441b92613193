package dev.registrykit.core.layercache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.core.build.LayerBuilder;
import dev.registrykit.core.digest.DigestMismatchException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
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
  void aDamagedBlob_touchedSinceWritten_isRebuiltNotUsed() throws IOException {
    LayerCache cache = LayerCache.open(temp.resolve("cache"));
    Path classes = tree("a", "v1");
    CachedLayer first = cache.layer(LayerBuilder.builder().addDirectory(classes, "/app/classes"));
    Path blob = first.layer().file().orElseThrow();
    FileTime written = Files.getLastModifiedTime(blob);
    byte[] bytes = Files.readAllBytes(blob);
    bytes[bytes.length / 2] ^= 1;
    Files.write(blob, bytes);
    // Set explicitly: two writes within one clock tick of the file system can share a time.
    Files.setLastModifiedTime(blob, FileTime.fromMillis(written.toMillis() + 60_000));

    CachedLayer second = cache.layer(LayerBuilder.builder().addDirectory(classes, "/app/classes"));

    assertThat(second.reused()).isFalse();
    assertThat(second.layer().digest()).isEqualTo(first.layer().digest());
    assertThat(Files.readAllBytes(blob)).isNotEqualTo(bytes);
  }

  @Test
  void aTruncatedBlob_isRebuiltNotUsed() throws IOException {
    LayerCache cache = LayerCache.open(temp.resolve("cache"));
    Path classes = tree("a", "v1");
    CachedLayer first = cache.layer(LayerBuilder.builder().addDirectory(classes, "/app/classes"));
    Path blob = first.layer().file().orElseThrow();
    FileTime written = Files.getLastModifiedTime(blob);
    byte[] bytes = Files.readAllBytes(blob);
    Files.write(blob, Arrays.copyOf(bytes, bytes.length - 1));
    Files.setLastModifiedTime(blob, written);

    CachedLayer second = cache.layer(LayerBuilder.builder().addDirectory(classes, "/app/classes"));

    assertThat(second.reused()).isFalse();
    assertThat(Files.readAllBytes(blob)).isEqualTo(bytes);
  }

  @Test
  void aTouchedButIntactBlob_isReused_andItsNewTimeRecorded() throws IOException {
    LayerCache cache = LayerCache.open(temp.resolve("cache"));
    Path classes = tree("a", "v1");
    LayerBuilder builder = LayerBuilder.builder().addDirectory(classes, "/app/classes");
    CachedLayer first = cache.layer(builder);
    Path blob = first.layer().file().orElseThrow();
    FileTime touched = FileTime.fromMillis(Files.getLastModifiedTime(blob).toMillis() + 60_000);
    Files.setLastModifiedTime(blob, touched);

    CachedLayer second = cache.layer(LayerBuilder.builder().addDirectory(classes, "/app/classes"));

    assertThat(second.reused()).isTrue();
    assertThat(second.layer()).isEqualTo(first.layer());
    assertThat(
            Files.readString(
                cache.directory().resolve("layers").resolve(builder.inputFingerprint().hex())))
        .contains("blobModified=" + touched);
  }

  /**
   * A blob altered without a trace in its size or time is not read when reused (that is what makes
   * a build that changed nothing cheap), but it is never passed on: reading it fails on its digest.
   */
  @Test
  void aBlobAlteredWithoutATrace_isReused_butFailsWhereItIsRead() throws IOException {
    LayerCache cache = LayerCache.open(temp.resolve("cache"));
    Path classes = tree("a", "v1");
    CachedLayer first = cache.layer(LayerBuilder.builder().addDirectory(classes, "/app/classes"));
    Path blob = first.layer().file().orElseThrow();
    FileTime written = Files.getLastModifiedTime(blob);
    byte[] bytes = Files.readAllBytes(blob);
    bytes[bytes.length / 2] ^= 1;
    Files.write(blob, bytes);
    Files.setLastModifiedTime(blob, written);

    CachedLayer second = cache.layer(LayerBuilder.builder().addDirectory(classes, "/app/classes"));

    assertThat(second.reused()).isTrue();
    assertThatThrownBy(
            () -> {
              try (InputStream in = second.layer().open()) {
                in.transferTo(OutputStream.nullOutputStream());
              }
            })
        .isInstanceOf(DigestMismatchException.class);
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
