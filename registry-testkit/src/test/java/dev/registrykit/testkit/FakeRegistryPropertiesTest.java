package dev.registrykit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.core.digest.Digest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded properties: any chunking of an upload stores exactly the blob; following {@code Link}
 * headers through any page size lists every tag once, in order. Each failure names its seed.
 */
@Timeout(120)
class FakeRegistryPropertiesTest {
  private static final long BASE_SEED = Long.getLong("registrykit.seed", System.nanoTime());
  private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");
  private static FakeRegistry registry;

  @BeforeAll
  static void start() throws Exception {
    System.out.println(
        "FakeRegistryPropertiesTest base seed "
            + BASE_SEED
            + " (replay with -Dregistrykit.seed="
            + BASE_SEED
            + ")");
    registry = FakeRegistry.start();
  }

  @AfterAll
  static void stop() {
    registry.close();
  }

  @BeforeEach
  void reset() {
    registry.reset();
  }

  @RepeatedTest(20)
  void chunkedUpload_anySplit_storesExactlyTheBlob(RepetitionInfo info) throws Exception {
    long seed = BASE_SEED + info.getCurrentRepetition();
    Random random = new Random(seed);
    byte[] blob = new byte[random.nextInt(50_000)];
    random.nextBytes(blob);
    Digest digest = Digest.sha256(blob);
    HttpResponse<byte[]> post =
        Http.send(registry.url("/v2/prop/chunks/blobs/uploads/"), "POST", Map.of(), new byte[0]);
    String location = post.headers().firstValue("Location").orElseThrow();
    int offset = 0;
    while (offset < blob.length && random.nextInt(4) != 0) {
      int size = 1 + random.nextInt(Math.max(1, blob.length - offset));
      byte[] chunk = Arrays.copyOfRange(blob, offset, offset + size);
      Map<String, String> headers =
          random.nextBoolean()
              ? Map.of(
                  "Content-Type",
                  "application/octet-stream",
                  "Content-Range",
                  offset + "-" + (offset + size - 1))
              : Map.of("Content-Type", "application/octet-stream");
      HttpResponse<byte[]> patch = Http.send(registry.url(location), "PATCH", headers, chunk);
      assertThat(patch.statusCode()).as("seed %d", seed).isEqualTo(202);
      offset += size;
      assertThat(patch.headers().firstValue("Range"))
          .as("seed %d", seed)
          .hasValue("0-" + (offset - 1));
    }
    byte[] rest = Arrays.copyOfRange(blob, offset, blob.length);
    HttpResponse<byte[]> put =
        Http.send(
            registry.url(location + "?digest=" + digest),
            "PUT",
            Map.of("Content-Type", "application/octet-stream"),
            rest);
    assertThat(put.statusCode()).as("seed %d", seed).isEqualTo(201);
    assertThat(registry.blob("prop/chunks", digest))
        .as("seed %d", seed)
        .hasValueSatisfying(b -> assertThat(b.toByteArray()).isEqualTo(blob));
  }

  @RepeatedTest(20)
  void tagPagination_followingLinks_listsEveryTagOnceInOrder(RepetitionInfo info) throws Exception {
    long seed = BASE_SEED + 1000 + info.getCurrentRepetition();
    Random random = new Random(seed);
    TreeSet<String> tags = new TreeSet<>();
    int count = random.nextInt(40);
    String alphabet = "abcXYZ019._-";
    while (tags.size() < count) {
      StringBuilder t = new StringBuilder().append("aZ9_".charAt(random.nextInt(4)));
      for (int i = random.nextInt(8); i > 0; i--) {
        t.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      tags.add(t.toString());
    }
    byte[] manifest =
        Seed.utf8(
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"layers\":[]}");
    registry.putManifest("prop/tags", Seed.OCI_MANIFEST, manifest, tags.toArray(new String[0]));
    int n = 1 + random.nextInt(10);
    List<String> seen = new ArrayList<>();
    String next = "/v2/prop/tags/tags/list?n=" + n;
    int pages = 0;
    while (next != null) {
      HttpResponse<byte[]> page = Http.get(registry, next);
      assertThat(page.statusCode()).as("seed %d", seed).isEqualTo(200);
      Matcher m = Pattern.compile("\"tags\":\\[(.*)]").matcher(Http.text(page));
      assertThat(m.find()).isTrue();
      List<String> items = new ArrayList<>();
      for (String quoted : m.group(1).split(",")) {
        if (!quoted.isEmpty()) {
          items.add(quoted.substring(1, quoted.length() - 1));
        }
      }
      assertThat(items.size()).as("seed %d", seed).isLessThanOrEqualTo(n);
      seen.addAll(items);
      next =
          page.headers()
              .firstValue("Link")
              .map(
                  l -> {
                    Matcher lm = NEXT.matcher(l);
                    return lm.find() ? lm.group(1) : null;
                  })
              .orElse(null);
      if (next != null) {
        assertThat(items).as("seed %d: a page with a Link is full", seed).hasSize(n);
      }
      assertThat(++pages).as("seed %d", seed).isLessThanOrEqualTo(count / n + 2);
    }
    assertThat(seen).as("seed %d", seed).containsExactlyElementsOf(tags);
  }
}
