package dev.registrykit.core.javaapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainClassesTest {
  @TempDir Path temp;

  /** A class with a launcher's main method. */
  public static final class WithMain {
    public static void main(String[] args) {}
  }

  /** main, but not static: the classic launcher cannot start it. */
  public static final class InstanceMain {
    public void main(String[] args) {}
  }

  /** static main with the wrong parameters. */
  public static final class WrongSignature {
    public static void main(String arg) {}
  }

  private Path copyClass(Class<?> type) throws IOException {
    String resource = type.getName().replace('.', '/') + ".class";
    Path target = temp.resolve("classes").resolve(resource);
    Files.createDirectories(target.getParent());
    try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
      Files.copy(in, target);
    }
    return temp.resolve("classes");
  }

  @Test
  void find_readsClassFilesForPublicStaticVoidMain() throws IOException {
    copyClass(InstanceMain.class);
    copyClass(WrongSignature.class);
    copyClass(MainClassesTest.class);
    Path classes = copyClass(WithMain.class);
    Files.writeString(classes.resolve("Broken.class"), "not a class file");

    assertThat(MainClasses.find(List.of(classes, temp.resolve("missing"))))
        .containsExactly(WithMain.class.getName());
  }

  @Test
  void fromManifest_readsMainClass() throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "com.example.App");
    Path jar = temp.resolve("app.jar");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream j = new JarOutputStream(out, manifest)) {
      j.flush();
    }
    Path plain = temp.resolve("plain.jar");
    try (OutputStream out = Files.newOutputStream(plain);
        JarOutputStream j = new JarOutputStream(out)) {
      j.flush();
    }

    assertThat(MainClasses.fromManifest(jar)).contains("com.example.App");
    assertThat(MainClasses.fromManifest(plain)).isEmpty();
  }
}
