package dev.registrykit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/registrykit}: the wrapper that runs the command line with a class-data-sharing
 * archive. The shaded jar is built after the tests, so these run the script on a jar made here from
 * the test class path (this module's classes, with the dependency jars on its manifest's {@code
 * Class-Path}); the training run opens loopback sockets (the embedded fake registry).
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class RegistryKitScriptTest {
  private static final Path SCRIPT =
      Path.of("..", "scripts", "registrykit").toAbsolutePath().normalize();

  @TempDir static Path shared;
  private static Path jar;
  private static Path archives;
  private static Result firstRun;

  private record Result(int exitCode, String stdout, String stderr) {}

  @BeforeAll
  static void firstRunTrainsTheArchive() throws Exception {
    jar = thinJar(shared.resolve("jar").resolve("registrykit.jar"));
    archives = Files.createDirectories(shared.resolve("cds"));
    firstRun = script(Map.of("REGISTRYKIT_CDS_DIR", archives.toString()), "--help");
  }

  @Test
  void firstRun_help_printsOnlyTheHelpAndLeavesOneArchive() throws IOException {
    assertThat(firstRun.exitCode()).isZero();
    assertThat(firstRun.stdout()).isEqualTo(RegistryKitCli.standard().overview());
    assertThat(firstRun.stderr()).isEmpty();
    assertThat(files(archives)).singleElement().asString().matches("registrykit-[0-9]+\\.jsa");
  }

  @Test
  void nextRun_mapsTheCommandLineFromTheArchive() throws Exception {
    Path log = shared.resolve("class-load.log");
    Result run =
        script(
            Map.of(
                "REGISTRYKIT_CDS_DIR",
                archives.toString(),
                "REGISTRYKIT_JAVA_OPTS",
                "-Xlog:class+load=info:file=" + log),
            "parse",
            "alpine");

    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout()).contains("docker.io/library/alpine");
    assertThat(run.stderr()).isEmpty();
    assertThat(Files.readString(log))
        .contains("dev.registrykit.examples.cli.RegistryKitCli source: shared objects file (top)");
  }

  @Test
  void rebuiltJar_getsANewArchive_oldOneDeleted_noWarnings(@TempDir Path dir) throws Exception {
    // Same depth below the temporary directory as the shared jar: its manifest Class-Path is
    // relative (to ../../PROJECT/MODULE/target/*.jar in a reactor verify, for instance).
    Path ownJar =
        Files.copy(jar, Files.createDirectories(dir.resolve("jar")).resolve("registrykit.jar"));
    Path ownArchives = Files.createDirectories(dir.resolve("cds"));
    Map<String, String> env =
        Map.of("REGISTRYKIT_JAR", ownJar.toString(), "REGISTRYKIT_CDS_DIR", ownArchives.toString());
    assertThat(script(env, "--help").exitCode()).isZero();
    List<String> before = files(ownArchives);
    // What a rebuild looks like to the JVM: the same path with another time stamp.
    Files.setLastModifiedTime(
        ownJar, FileTime.fromMillis(Files.getLastModifiedTime(ownJar).toMillis() + 10_000));

    Result run = script(env, "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout()).isEqualTo(RegistryKitCli.standard().overview());
    assertThat(run.stderr()).isEmpty();
    assertThat(files(ownArchives)).hasSize(1).doesNotContainAnyElementsOf(before);
  }

  @Test
  void cdsOff_runsPlainAndMakesNoArchive(@TempDir Path dir) throws Exception {
    Result run =
        script(Map.of("REGISTRYKIT_CDS", "off", "REGISTRYKIT_CDS_DIR", dir.toString()), "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout()).isEqualTo(RegistryKitCli.standard().overview());
    assertThat(files(dir)).isEmpty();
  }

  @Test
  void missingJar_saysHowToBuildIt(@TempDir Path dir) throws Exception {
    Result run = script(Map.of("REGISTRYKIT_JAR", dir.resolve("none.jar").toString()), "--help");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stderr()).contains("not built yet").contains("scripts/tutorial.sh");
  }

  private static List<String> files(Path dir) throws IOException {
    try (Stream<Path> list = Files.list(dir)) {
      return list.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static Result script(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("REGISTRYKIT_JAR", jar.toString());
    builder.environment().remove("REGISTRYKIT_CDS");
    builder.environment().remove("REGISTRYKIT_JAVA_OPTS");
    builder.environment().putAll(env);
    Path out = Files.createTempFile(shared, "script", ".out");
    Path err = Files.createTempFile(shared, "script", ".err");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(240, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("scripts/registrykit did not finish in 240 s");
    }
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /**
   * A jar with the class path's directories copied in and its jars on the manifest's {@code
   * Class-Path} (relative, as class-data sharing requires), with the command line as main class.
   */
  private static Path thinJar(Path target) throws IOException, URISyntaxException {
    Files.createDirectories(target.getParent());
    List<String> classPath = new ArrayList<>();
    List<Path> directories = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path path = Path.of(entry).toAbsolutePath().normalize();
      if (Files.isDirectory(path)) {
        directories.add(path);
      } else if (Files.isRegularFile(path)) {
        String relative =
            target.getParent().relativize(path).toString().replace(File.separatorChar, '/');
        classPath.add(new URI(null, null, relative, null).toASCIIString());
      }
    }
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, RegistryKitCli.class.getName());
    manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
    Set<String> seen = new HashSet<>();
    try (OutputStream file = Files.newOutputStream(target);
        JarOutputStream out = new JarOutputStream(file, manifest)) {
      for (Path dir : directories) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
          files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
          String name = dir.relativize(f).toString().replace(File.separatorChar, '/');
          if (name.equals("META-INF/MANIFEST.MF") || !seen.add(name)) {
            continue;
          }
          out.putNextEntry(new JarEntry(name));
          Files.copy(f, out);
          out.closeEntry();
        }
      }
    }
    return target;
  }
}
