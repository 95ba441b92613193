package dev.registrykit.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.interop.DistributionRegistry;
import dev.registrykit.interop.PeerCredentials;
import dev.registrykit.interop.Peers;
import dev.registrykit.interop.Skopeo;
import dev.registrykit.interop.SkopeoAccess;
import dev.registrykit.testkit.Endpoint;
import dev.registrykit.testkit.FakeRegistry;
import dev.registrykit.testkit.RecordedExchange;
import dev.registrykit.testkit.fixtures.GeneratedImage;
import dev.registrykit.testkit.fixtures.RandomImages;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.maven.shared.invoker.DefaultInvocationRequest;
import org.apache.maven.shared.invoker.DefaultInvoker;
import org.apache.maven.shared.invoker.InvocationRequest;
import org.apache.maven.shared.invoker.InvocationResult;
import org.apache.maven.shared.invoker.MavenInvocationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Maven builds of examples/containerize-sample with the plugin: against the fake registry
 * (journal assertions), the real Distribution registry with htpasswd, and to an OCI layout and a
 * docker archive checked by skopeo and umoci. The plugin and its dependencies come from
 * target/it-repo (filled by maven-invoker-plugin:install); everything else from the user's
 * repository through a file:// repository, so nothing is installed into ~/.m2 and nothing is
 * downloaded.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class SampleProjectIT {
  private static final String PLUGIN =
      "dev.registrykit:registrykit-maven-plugin:"
          + System.getProperty("registrykit.it.pluginVersion");

  @TempDir static Path work;
  static FakeRegistry fake;
  static GeneratedImage base;
  static Path settings;

  @BeforeAll
  static void start() throws IOException {
    fake = FakeRegistry.builder().referrers(false).start();
    base = RandomImages.image(3, 2, 64 * 1024);
    base.pushTo(fake, "base/jre", "17");
    settings = writeSettings(work.resolve("settings.xml"), "");
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  /** User settings: the user's repository as a file:// "central", plus {@code servers}. */
  private static Path writeSettings(Path file, String servers) throws IOException {
    String repository =
        Path.of(System.getProperty("registrykit.it.userRepository")).toUri().toString();
    String repo =
        "<id>central</id><url>"
            + repository
            + "</url><releases><checksumPolicy>ignore</checksumPolicy></releases>"
            + "<snapshots><enabled>false</enabled></snapshots>";
    Files.writeString(
        file,
        "<settings><servers>"
            + servers
            + "</servers><profiles><profile><id>user-repository</id>"
            + "<repositories><repository>"
            + repo
            + "</repository></repositories>"
            + "<pluginRepositories><pluginRepository>"
            + repo
            + "</pluginRepository></pluginRepositories>"
            + "</profile></profiles><activeProfiles><activeProfile>user-repository</activeProfile></activeProfiles></settings>");
    return file;
  }

  /** A fresh copy of the sample project at {@code name} (a different path each time). */
  private static Path checkout(String name) throws IOException {
    Path source = Path.of(System.getProperty("registrykit.it.sample"));
    Path target = work.resolve(name);
    Files.walkFileTree(
        source,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            if (dir.getFileName().toString().equals("target")) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            Files.createDirectories(target.resolve(source.relativize(dir).toString()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.copy(file, target.resolve(source.relativize(file).toString()));
            return FileVisitResult.CONTINUE;
          }
        });
    return target;
  }

  /**
   * Runs Maven in {@code project}; returns its output, failing the test when the build's outcome is
   * not {@code success}.
   */
  private static String maven(
      Path project, Path userSettings, boolean success, Properties properties, String... goals)
      throws MavenInvocationException {
    List<String> output = new ArrayList<>();
    boolean offline = goals[0].equals("-o");
    List<String> goalList = List.of(goals).subList(offline ? 1 : 0, goals.length);
    InvocationRequest request =
        new DefaultInvocationRequest()
            .setBaseDirectory(project.toFile())
            .setGoals(goalList)
            .setOffline(offline)
            .setBatchMode(true)
            .setProperties(properties)
            .setLocalRepositoryDirectory(new File(System.getProperty("registrykit.it.repository")))
            .setUserSettingsFile(userSettings.toFile())
            .setOutputHandler(output::add)
            .setErrorHandler(output::add)
            .setShowErrors(true);
    request.setTimeoutInSeconds(600);
    request.setMavenOpts("-Xmx512m -XX:TieredStopAtLevel=1");
    DefaultInvoker invoker = new DefaultInvoker();
    invoker.setMavenHome(new File(System.getProperty("maven.home", "/usr/share/maven")));
    InvocationResult result = invoker.execute(request);
    String log = String.join("\n", output);
    assertThat(result.getExitCode() == 0)
        .as("mvn %s in %s:%n%s", String.join(" ", goals), project, log)
        .isEqualTo(success);
    return log;
  }

  private static Properties properties(String... pairs) {
    Properties p = new Properties();
    for (int i = 0; i < pairs.length; i += 2) {
      p.setProperty(pairs[i], pairs[i + 1]);
    }
    return p;
  }

  /** The builds' base image cache: the test's own, never the user's. */
  private static String baseImageCache() {
    return work.resolve("base-images").toString();
  }

  private static Properties toFake(String tag) {
    return properties(
        "registrykit.from.image", fake.reference("base/jre:17").toString(),
        "registrykit.to.image", fake.reference("inventory/app:" + tag).toString(),
        "registrykit.allowInsecureRegistries", "true",
        "registrykit.baseImageCache", baseImageCache());
  }

  private static Digest resultDigest(Path project) throws IOException {
    return Digest.parse(
        Files.readString(project.resolve("app/target/registrykit-image.digest")).strip());
  }

  private static boolean blobUpload(RecordedExchange e) {
    return e.endpoint().filter(x -> x == Endpoint.END_6 || x == Endpoint.END_4B).isPresent()
        && e.status() == 201;
  }

  @Test
  void pushToTheFake_reproducibleAcrossCheckouts_andARebuildSendsOneLayer() throws Exception {
    Path first = checkout("first/sample");
    String log = maven(first, settings, true, toFake("1"), "package", PLUGIN + ":build");

    Digest digest = resultDigest(first);
    assertThat(fake.manifest("inventory/app", "1").orElseThrow().digest()).isEqualTo(digest);
    assertThat(log)
        .contains("project dependencies:")
        .contains("mounted")
        .contains("Pushed " + fake.reference("inventory/app:1"));
    String json =
        Files.readString(
            first.resolve("app/target/registrykit-image.json"), StandardCharsets.UTF_8);
    assertThat(json)
        .contains("\"imageDigest\":\"" + digest + "\"")
        .contains("\"tags\":[\"1\"]")
        .contains("\"imagePushed\":true");

    // The same commit, cleanly built from another directory: the same image.
    Path second = checkout("elsewhere/deeper/second");
    maven(second, settings, true, toFake("2"), "package", PLUGIN + ":build");
    assertThat(resultDigest(second)).isEqualTo(digest);

    // One class changed: one layer, the config and the manifest are sent.
    Path alert = first.resolve("app/src/main/java/com/example/inventory/LowStockAlert.java");
    Files.writeString(alert, Files.readString(alert).replace("low stock at ", "running low at "));
    fake.clearRequests();
    maven(first, settings, true, toFake("1"), "package", PLUGIN + ":build");

    List<RecordedExchange> requests = fake.requests();
    assertThat(requests).filteredOn(SampleProjectIT::blobUpload).hasSize(2);
    assertThat(requests)
        .filteredOn(
            e ->
                e.method().equals("PUT")
                    && e.endpoint().filter(x -> x == Endpoint.END_7A).isPresent())
        .hasSize(1);
    assertThat(requests.get(requests.size() - 1).endpoint()).contains(Endpoint.END_7A);
    assertThat(resultDigest(first)).isNotEqualTo(digest);

    // Nothing changed: the base's tag and the target's tags are asked for, nothing else.
    fake.clearRequests();
    String noOp = maven(first, settings, true, toFake("1"), "package", PLUGIN + ":build");
    assertThat(noOp).contains("unchanged " + fake.reference("inventory/app:1"));
    assertThat(fake.requests())
        .allMatch(
            e ->
                e.method().equals("HEAD")
                    || e.endpoint().filter(x -> x == Endpoint.END_1).isPresent());

    // Offline: a push says it cannot; an archive is built from the base image cache (its layers
    // are there once an online buildTar needed them; the pushes only mounted them).
    maven(first, settings, true, toFake("1"), "package", PLUGIN + ":buildTar");
    Files.delete(first.resolve("app/target/registrykit-image.tar"));
    fake.clearRequests();
    String offline = maven(first, settings, false, toFake("1"), "-o", "package", PLUGIN + ":build");
    assertThat(offline).contains("offline: cannot push to " + fake.reference("inventory/app:1"));
    maven(first, settings, true, toFake("1"), "-o", "package", PLUGIN + ":buildTar");
    assertThat(first.resolve("app/target/registrykit-image.tar")).isRegularFile();
    assertThat(fake.requests()).isEmpty();

    // Offline with a base the cache never saw: the build says it would have to be fetched.
    Properties unknownBase = toFake("1");
    unknownBase.setProperty("registrykit.from.image", fake.reference("base/other:1").toString());
    String unknown =
        maven(first, settings, false, unknownBase, "-o", "package", PLUGIN + ":buildTar");
    assertThat(unknown).contains("offline: the base image " + fake.reference("base/other:1"));
    assertThat(fake.requests()).isEmpty();
  }

  @Test
  void selfSignedRegistry_isRefusedWithAdvice_andPushedToWithAllowInsecureRegistries()
      throws Exception {
    // HTTPS with a CA of the fake's own, which Maven's JVM does not trust.
    try (FakeRegistry tls = FakeRegistry.builder().tls(true).referrers(false).start()) {
      base.pushTo(tls, "base/jre", "17");
      Path project = checkout("tls/sample");
      Properties build =
          properties(
              "registrykit.from.image", tls.reference("base/jre:17").toString(),
              "registrykit.to.image", tls.reference("inventory/app:1").toString(),
              "registrykit.baseImageCache", baseImageCache());

      String refused = maven(project, settings, false, build, "package", PLUGIN + ":build");
      assertThat(refused)
          .contains("the TLS certificate of " + tls.host() + " is not trusted")
          .contains("-Dregistrykit.allowInsecureRegistries=true")
          .doesNotContain("RegistryClient.builder()");
      assertThat(tls.requests()).isEmpty();

      build.setProperty("registrykit.allowInsecureRegistries", "true");
      maven(project, settings, true, build, "package", PLUGIN + ":build");
      assertThat(tls.manifest("inventory/app", "1").orElseThrow().digest())
          .isEqualTo(resultDigest(project));
    }
  }

  @Test
  void layoutAndDockerArchive_areReadBySkopeoAndUmoci() throws Exception {
    Peers.requireSkopeo();
    Path project = checkout("local/sample");
    Path baseLayout = base.writeOciLayout(work.resolve("base-layout"), "17");

    maven(
        project,
        settings,
        true,
        properties(
            "registrykit.from.image", "oci:" + baseLayout + ":17",
            "registrykit.to.image", "inventory:3.1",
            "registrykit.outputPaths.layout", "target/layout",
            "registrykit.outputPaths.tar", "target/inventory.tar"),
        "package",
        PLUGIN + ":buildLayout",
        PLUGIN + ":buildTar");

    Skopeo skopeo = Skopeo.create();
    String layout =
        skopeo
            .inspect("oci:" + project.resolve("app/target/layout") + ":3.1", SkopeoAccess.local())
            .stdout();
    assertThat(layout).contains("\"Layers\"").contains("\"Architecture\": \"amd64\"");
    String archive =
        skopeo
            .inspect(
                "docker-archive:" + project.resolve("app/target/inventory.tar"),
                SkopeoAccess.local())
            .stdout();
    assertThat(archive).contains("\"Layers\"");

    Path bundle = work.resolve("bundle");
    Process umoci =
        new ProcessBuilder(
                "umoci",
                "unpack",
                "--rootless",
                "--image",
                project.resolve("app/target/layout") + ":3.1",
                bundle.toString())
            .redirectErrorStream(true)
            .start();
    String umociLog = new String(umoci.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(umoci.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(umoci.exitValue()).as(umociLog).isZero();
    assertThat(bundle.resolve("rootfs/app/classes/com/example/inventory/Main.class"))
        .isRegularFile();
    assertThat(bundle.resolve("rootfs/app/resources/com/example/inventory/catalog.json"))
        .isRegularFile();
    assertThat(bundle.resolve("rootfs/app/libs/inventory-lib-1.0.0.jar")).isRegularFile();
    assertThat(bundle.resolve("rootfs/etc/inventory/README")).isRegularFile();
    assertThat(Files.readString(bundle.resolve("config.json")))
        .contains("com.example.inventory.Main");
  }

  @Test
  void pushToDistributionWithHtpasswd_encryptedPasswordFromSettingsXml() throws Exception {
    Peers.requireDistribution();
    PeerCredentials alice = PeerCredentials.of("alice", "s3cret-Pass");
    // Made by Maven 3.8.7: mvn --encrypt-master-password master-Secret-1, then
    // mvn --encrypt-password s3cret-Pass with that master password.
    Path security = work.resolve("settings-security.xml");
    Files.writeString(
        security,
        "<settingsSecurity><master>{558kjmx9/vwHDtE0Ohlzm1BzPAIZG1Yp38Zi1S9lkwU=}</master>"
            + "</settingsSecurity>");
    try (DistributionRegistry registry = DistributionRegistry.builder().basicAuth(alice).start()) {
      Path withServer =
          writeSettings(
              work.resolve("settings-distribution.xml"),
              "<server><id>"
                  + registry.hostPort()
                  + "</id><username>alice</username>"
                  + "<password>{AXK/hHDjFGIHxE9WASyuCuJAo9T8TJ7Q0np99q4/kx8=}</password></server>");
      Path project = checkout("distribution/sample");

      String log =
          maven(
              project,
              withServer,
              true,
              properties(
                  "registrykit.from.image",
                  "scratch",
                  "registrykit.to.image",
                  registry.reference("inventory/app:1"),
                  "registrykit.allowInsecureRegistries",
                  "true",
                  "settings.security",
                  security.toString()),
              "package",
              PLUGIN + ":build");

      assertThat(log).doesNotContain("s3cret-Pass");
      String inspected =
          Skopeo.create()
              .inspect(
                  "docker://" + registry.reference("inventory/app:1"), SkopeoAccess.of(registry))
              .stdout();
      assertThat(inspected)
          .contains(
              Files.readString(project.resolve("app/target/registrykit-image.digest")).strip());
    }
  }
}
