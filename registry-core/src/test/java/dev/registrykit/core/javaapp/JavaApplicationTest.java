package dev.registrykit.core.javaapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.core.internal.tar.TarEntry;
import dev.registrykit.core.internal.tar.TarReader;
import dev.registrykit.core.layercache.LayerCache;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaApplicationTest {
  @TempDir Path temp;

  /**
   * A project checkout: jars, resources, classes, an extra directory, with the given file times.
   */
  private JavaApplication.Builder project(String checkout, Instant mtime) throws IOException {
    Path root = temp.resolve(checkout);
    Path libs = Files.createDirectories(root.resolve("repo"));
    Path guava = write(libs.resolve("guava-33.0.jar"), "guava", mtime);
    Path snapshot = write(libs.resolve("util-1.0-SNAPSHOT.jar"), "util", mtime);
    Path sibling = write(libs.resolve("lib-2.0.jar"), "lib", mtime);
    write(root.resolve("target/classes/app.properties"), "a=1", mtime);
    write(root.resolve("target/classes/com/example/Main.class"), "main", mtime);
    write(root.resolve("src/main/extra/etc/motd"), "hello", mtime);
    return JavaApplication.builder()
        .dependencies(LayerKind.DEPENDENCIES, List.of(guava))
        .dependencies(LayerKind.SNAPSHOT_DEPENDENCIES, List.of(snapshot))
        .dependencies(LayerKind.PROJECT_DEPENDENCIES, List.of(sibling))
        .resources(root.resolve("target/resources-missing"))
        .classes(root.resolve("target/classes"))
        .extraDirectory(root.resolve("src/main/extra"), "/")
        .mainClass("com.example.Main")
        .jvmFlags(List.of("-Xmx64m"));
  }

  private static Path write(Path file, String content, Instant mtime) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    Files.setLastModifiedTime(file, FileTime.from(mtime));
    return file;
  }

  private static List<String> entries(AppLayer layer) throws IOException {
    List<String> names = new ArrayList<>();
    try (InputStream in = new GZIPInputStream(layer.layer().open())) {
      TarReader tar = new TarReader(in);
      for (java.util.Optional<TarEntry> e = tar.next(); e.isPresent(); e = tar.next()) {
        names.add(e.get().name());
      }
    }
    return names;
  }

  @Test
  void layers_comeLeastChangingFirst_andEmptyKindsAreLeftOut() throws IOException {
    JavaApplication app = project("p", Instant.parse("2024-01-01T00:00:00Z")).build();

    List<AppLayer> layers = app.layers(LayerCache.open(temp.resolve("cache")));

    assertThat(layers)
        .extracting(AppLayer::kind)
        .containsExactly(
            LayerKind.DEPENDENCIES,
            LayerKind.SNAPSHOT_DEPENDENCIES,
            LayerKind.PROJECT_DEPENDENCIES,
            LayerKind.CLASSES,
            LayerKind.EXTRA_FILES);
    assertThat(entries(layers.get(0)))
        .containsExactly("app/", "app/libs/", "app/libs/guava-33.0.jar");
    assertThat(entries(layers.get(3)))
        .containsExactly(
            "app/",
            "app/classes/",
            "app/classes/app.properties",
            "app/classes/com/",
            "app/classes/com/example/",
            "app/classes/com/example/Main.class");
    assertThat(entries(layers.get(4))).containsExactly("etc/", "etc/motd");
    assertThat(layers).noneMatch(AppLayer::reused);
    assertThat(app.layers(LayerCache.open(temp.resolve("cache")))).allMatch(AppLayer::reused);
  }

  @Test
  void sameFilesFromAnotherCheckoutAtOtherTimes_giveTheSameDigests() throws IOException {
    List<AppLayer> first =
        project("checkout-one", Instant.parse("2024-01-01T00:00:00Z"))
            .build()
            .layers(LayerCache.open(temp.resolve("c1")));
    List<AppLayer> second =
        project("elsewhere/two", Instant.parse("2025-06-06T06:06:06Z"))
            .build()
            .layers(LayerCache.open(temp.resolve("c2")));

    assertThat(second)
        .extracting(l -> l.layer().digest())
        .isEqualTo(first.stream().map(l -> l.layer().digest()).toList());
  }

  @Test
  void entrypoint_isJavaFlagsExplicitClasspathAndMainClass() throws IOException {
    JavaApplication app = project("p", Instant.EPOCH).build();

    assertThat(app.entrypoint())
        .containsExactly(
            "java",
            "-Xmx64m",
            "-cp",
            "/app/resources:/app/classes:/app/libs/guava-33.0.jar:/app/libs/util-1.0-SNAPSHOT.jar:/app/libs/lib-2.0.jar",
            "com.example.Main");
  }

  @Test
  void jarsWithTheSameName_getADistinctReproducibleName() throws IOException {
    Path a = write(temp.resolve("g1/core-1.0.jar"), "one", Instant.EPOCH);
    Path b = write(temp.resolve("g2/core-1.0.jar"), "two", Instant.EPOCH);
    JavaApplication app =
        JavaApplication.builder()
            .dependencies(LayerKind.DEPENDENCIES, List.of(a, b))
            .mainClass("M")
            .build();

    // sha256("two") = 3fc4ccfe745870e2c0d99f71f30ff0656c8dedd41cc1d7d3d376b0dbe685e2f3
    assertThat(app.classpath())
        .isEqualTo(
            "/app/resources:/app/classes:/app/libs/core-1.0.jar:/app/libs/core-1.0-3fc4ccfe7458.jar");
    assertThat(entries(app.layers(LayerCache.open(temp.resolve("cache"))).get(0)))
        .containsExactly(
            "app/", "app/libs/", "app/libs/core-1.0-3fc4ccfe7458.jar", "app/libs/core-1.0.jar");
  }

  @Test
  void outputDirectory_splitsClassesFromResources() throws IOException {
    Path out = temp.resolve("target/classes");
    write(out.resolve("com/example/Main.class"), "main", Instant.EPOCH);
    write(out.resolve("com/example/messages.properties"), "hi", Instant.EPOCH);
    write(out.resolve("logback.xml"), "<x/>", Instant.EPOCH);
    JavaApplication app =
        JavaApplication.builder().outputDirectory(out).mainClass("com.example.Main").build();

    List<AppLayer> layers = app.layers(LayerCache.open(temp.resolve("cache")));

    assertThat(layers)
        .extracting(AppLayer::kind)
        .containsExactly(LayerKind.RESOURCES, LayerKind.CLASSES);
    assertThat(entries(layers.get(0)))
        .containsExactly(
            "app/",
            "app/resources/",
            "app/resources/com/",
            "app/resources/com/example/",
            "app/resources/com/example/messages.properties",
            "app/resources/logback.xml");
    assertThat(entries(layers.get(1)))
        .containsExactly(
            "app/",
            "app/classes/",
            "app/classes/com/",
            "app/classes/com/example/",
            "app/classes/com/example/Main.class");
  }

  @Test
  void noMainClass_saysHowToFixIt() {
    JavaApplication app = JavaApplication.builder().build();
    assertThatThrownBy(app::entrypoint)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("mainClass");
    assertThatThrownBy(() -> JavaApplication.builder().mainClass("com.example."))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JavaApplication.builder().appRoot("/"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JavaApplication.builder().extraDirectory(Path.of("x"), "relative"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
