package dev.registrykit.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.testkit.FakeRegistry;
import dev.registrykit.testkit.RecordedExchange;
import dev.registrykit.testkit.fixtures.GeneratedImage;
import dev.registrykit.testkit.fixtures.GeneratedIndex;
import dev.registrykit.testkit.fixtures.RandomImages;
import dev.registrykit.testkit.fixtures.TestImages;
import dev.registrykit.testkit.standalone.StandaloneRegistry;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interop with a real client no one here wrote: skopeo copies fixture images from an OCI layout
 * into the fake (configured exactly as the standalone server configures it), back out to a new
 * layout, and inspects and lists them; over plain HTTP, with basic and bearer auth, and over HTTPS
 * with only the generated CA in {@code --cert-dir}. {@code --preserve-digests} makes skopeo fail
 * rather than alter any manifest or blob, and the test compares every digest after the round trip.
 */
@Timeout(600)
class SkopeoFakeRegistryInteropTest {
  private static final PeerCredentials ALICE = PeerCredentials.of("alice", "s3cret:pw");
  private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

  @TempDir Path dir;

  @BeforeAll
  static void requireSkopeo() {
    Peers.requireSkopeo();
  }

  private static FakeRegistry start(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("--port", "0"));
    all.addAll(List.of(args));
    return StandaloneRegistry.start(StandaloneRegistry.Options.parse(all), QUIET);
  }

  private static String docker(FakeRegistry registry, String repositoryAndTag) {
    return "docker://" + registry.host() + "/" + repositoryAndTag;
  }

  /**
   * Digests of every blob file in an OCI layout, checked against their names, and its tagged root.
   */
  private static Map.Entry<Digest, List<Digest>> readLayout(Path layout) throws Exception {
    String index = Files.readString(layout.resolve("index.json"), StandardCharsets.UTF_8);
    int at = index.indexOf("\"digest\":\"") + 10;
    Digest root = Digest.parse(index.substring(at, index.indexOf('"', at)));
    List<Digest> blobs = new ArrayList<>();
    try (var files = Files.list(layout.resolve("blobs/sha256"))) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Digest d = Bytes.of(Files.readAllBytes(file)).sha256();
        assertThat(d.hex())
            .as("blob file name matches content")
            .isEqualTo(file.getFileName().toString());
        blobs.add(d);
      }
    }
    return Map.entry(root, blobs);
  }

  private void roundTrip(
      FakeRegistry registry, SkopeoAccess access, GeneratedImage image, String repository)
      throws Exception {
    Skopeo skopeo = Skopeo.create();
    Path source = image.writeOciLayout(dir.resolve("src-" + repository.replace('/', '-')), "v1");
    skopeo.copy(
        "oci:" + source + ":v1",
        docker(registry, repository + ":v1"),
        SkopeoAccess.local(),
        access,
        "--preserve-digests");
    assertThat(registry.manifest(repository, "v1"))
        .hasValueSatisfying(m -> assertThat(m.digest()).isEqualTo(image.digest()));
    assertThat(registry.blobs(repository)).containsAll(image.blobs().keySet());

    Path back = dir.resolve("back-" + repository.replace('/', '-'));
    skopeo.copy(
        docker(registry, repository + ":v1"),
        "oci:" + back + ":v1",
        access,
        SkopeoAccess.local(),
        "--preserve-digests");
    Map.Entry<Digest, List<Digest>> layout = readLayout(back);
    assertThat(layout.getKey()).isEqualTo(image.digest());
    assertThat(layout.getValue()).containsAll(image.blobs().keySet()).contains(image.digest());

    String raw = skopeo.inspect(docker(registry, repository + ":v1"), access, "--raw").stdout();
    assertThat(raw.getBytes(StandardCharsets.UTF_8))
        .isEqualTo(image.manifest().bytes().toByteArray());
    assertThat(skopeo.inspect(docker(registry, repository + ":v1"), access).stdout())
        .contains("\"Digest\": \"" + image.digest() + "\"");
    assertThat(skopeo.listTags("docker://" + registry.host() + "/" + repository, access).stdout())
        .contains("\"v1\"");
    assertThat(registry.unexpected()).isEmpty();
  }

  @Test
  void singleLayerImage_plainHttp_roundTripKeepsEveryDigest() throws Exception {
    try (FakeRegistry registry = start()) {
      roundTrip(registry, SkopeoAccess.plainHttp(), TestImages.tiny(), "interop/single");
    }
  }

  @Test
  void fiftyLayerImage_plainHttp_roundTripKeepsEveryDigest() throws Exception {
    try (FakeRegistry registry = start()) {
      GeneratedImage image = RandomImages.image(50, 50, 4096);
      roundTrip(registry, SkopeoAccess.plainHttp(), image, "interop/fifty");
      // skopeo pushes each blob with HEAD, POST, PATCH (no Content-Range), PUT ?digest=.
      long puts =
          registry.requests().stream()
              .filter(e -> e.endpoint().map(Enum::name).orElse("").equals("END_6"))
              .count();
      assertThat(puts).isEqualTo(51);
    }
  }

  @Test
  void multiPlatformIndex_plainHttp_roundTripKeepsEveryDigest() throws Exception {
    try (FakeRegistry registry = start()) {
      GeneratedIndex index =
          RandomImages.index(9, List.of("linux/amd64", "linux/arm64/v8", "linux/s390x"), 2, 1024);
      Skopeo skopeo = Skopeo.create();
      Path source = index.writeOciLayout(dir.resolve("src-index"), "v1");
      SkopeoAccess access = SkopeoAccess.plainHttp();
      skopeo.copy(
          "oci:" + source + ":v1",
          docker(registry, "interop/multi:v1"),
          SkopeoAccess.local(),
          access,
          "--all",
          "--preserve-digests");
      assertThat(registry.manifest("interop/multi", "v1"))
          .hasValueSatisfying(m -> assertThat(m.digest()).isEqualTo(index.digest()));
      Path back = dir.resolve("back-index");
      skopeo.copy(
          docker(registry, "interop/multi:v1"),
          "oci:" + back + ":v1",
          access,
          SkopeoAccess.local(),
          "--all",
          "--preserve-digests");
      Map.Entry<Digest, List<Digest>> layout = readLayout(back);
      assertThat(layout.getKey()).isEqualTo(index.digest());
      for (GeneratedImage image : index.images()) {
        assertThat(layout.getValue()).contains(image.digest()).containsAll(image.blobs().keySet());
      }
      String raw = skopeo.inspect(docker(registry, "interop/multi:v1"), access, "--raw").stdout();
      assertThat(raw.getBytes(StandardCharsets.UTF_8))
          .isEqualTo(index.manifest().bytes().toByteArray());
      assertThat(skopeo.listTags("docker://" + registry.host() + "/interop/multi", access).stdout())
          .contains("\"v1\"");
    }
  }

  @Test
  void basicAuth_withCreds_roundTrips_withoutCreds_fails() throws Exception {
    try (FakeRegistry registry =
        start("--auth", "basic", "--user", ALICE.username() + ":" + ALICE.password())) {
      roundTrip(
          registry,
          SkopeoAccess.plainHttp().withCredentials(ALICE),
          TestImages.tiny(),
          "interop/basic");
      assertThatThrownBy(
              () ->
                  Skopeo.create()
                      .inspect(docker(registry, "interop/basic:v1"), SkopeoAccess.plainHttp()))
          .isInstanceOf(SkopeoException.class);
      assertThat(registry.requests())
          .filteredOn(RecordedExchange::hasAuthorization)
          .isNotEmpty()
          .allSatisfy(e -> assertThat(e.toString() + e.headers()).doesNotContain(ALICE.password()));
    }
  }

  @Test
  void bearerAuth_withCreds_roundTripsThroughTheFakesTokenEndpoint() throws Exception {
    try (FakeRegistry registry =
        start("--auth", "token", "--user", ALICE.username() + ":" + ALICE.password())) {
      roundTrip(
          registry,
          SkopeoAccess.plainHttp().withCredentials(ALICE),
          TestImages.tiny(),
          "interop/bearer");
      assertThat(registry.requests())
          .anySatisfy(
              e -> assertThat(e.endpoint()).hasValue(dev.registrykit.testkit.Endpoint.TOKEN));
      assertThat(registry.requests()).anySatisfy(e -> assertThat(e.status()).isEqualTo(401));
      assertThatThrownBy(
              () ->
                  Skopeo.create()
                      .inspect(
                          docker(registry, "interop/bearer:v1"),
                          SkopeoAccess.plainHttp()
                              .withCredentials(PeerCredentials.of("alice", "wrong"))))
          .isInstanceOf(SkopeoException.class);
    }
  }

  @Test
  void https_withOnlyTheGeneratedCaInCertDir_roundTrips() throws Exception {
    try (FakeRegistry registry = start("--tls")) {
      Path certs = dir.resolve("certs");
      registry.writeCaCertificate(certs);
      try (var files = Files.list(certs)) {
        assertThat(files.map(p -> p.getFileName().toString())).containsExactly("ca.crt");
      }
      roundTrip(registry, SkopeoAccess.https(certs), TestImages.tiny(), "interop/tls");
      assertThatThrownBy(
              () ->
                  Skopeo.create()
                      .inspect(
                          docker(registry, "interop/tls:v1"),
                          SkopeoAccess.https(dir.resolve("empty-certs"))))
          .isInstanceOf(SkopeoException.class);
    }
  }
}
