package dev.registrykit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.registrykit.core.digest.Digest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** With {@code storage(dir)}, uploads go to files and are served from them, byte for byte. */
@Timeout(60)
class DiskStorageTest {
  @Test
  void chunkedUpload_isWrittenToTheDirectory_thenServedWhole_andRanged(@TempDir Path dir)
      throws Exception {
    byte[] blob = new byte[3 * 1024 * 1024 + 17];
    new Random(7).nextBytes(blob);
    Digest digest = Digest.sha256(blob);
    try (FakeRegistry registry = FakeRegistry.builder().storage(dir).start()) {
      HttpResponse<byte[]> opened =
          Http.send(registry.url("/v2/big/blobs/uploads/"), "POST", Map.of(), new byte[0]);
      String location = opened.headers().firstValue("Location").orElseThrow();
      byte[] first = Arrays.copyOfRange(blob, 0, 1_000_000);
      byte[] rest = Arrays.copyOfRange(blob, 1_000_000, blob.length);
      Http.send(
          registry.url(location),
          "PATCH",
          Map.of("Content-Type", "application/octet-stream"),
          first);
      try (Stream<Path> files = Files.list(dir.resolve("uploads"))) {
        assertThat(files.mapToLong(p -> p.toFile().length()).sum()).isEqualTo(first.length);
      }
      HttpResponse<byte[]> done =
          Http.send(
              registry.url(location + "?digest=" + digest),
              "PUT",
              Map.of("Content-Type", "application/octet-stream"),
              rest);

      HttpResponse<byte[]> whole = Http.get(registry, "/v2/big/blobs/" + digest);
      HttpResponse<byte[]> ranged =
          Http.send(
              registry.url("/v2/big/blobs/" + digest),
              "GET",
              Map.of("Range", "bytes=999990-1000009"),
              new byte[0]);

      assertThat(done.statusCode()).isEqualTo(201);
      assertThat(whole.body()).isEqualTo(blob);
      assertThat(ranged.statusCode()).isEqualTo(206);
      assertThat(ranged.body()).isEqualTo(Arrays.copyOfRange(blob, 999_990, 1_000_010));
      assertThat(registry.distinctBlobBytes()).isEqualTo(blob.length);
    }
  }

  @Test
  void cancelledUpload_leavesNoFileBehind(@TempDir Path dir) throws Exception {
    try (FakeRegistry registry = FakeRegistry.builder().storage(dir).start()) {
      HttpResponse<byte[]> opened =
          Http.send(registry.url("/v2/r/blobs/uploads/"), "POST", Map.of(), new byte[0]);
      String location = opened.headers().firstValue("Location").orElseThrow();
      Http.send(
          registry.url(location),
          "PATCH",
          Map.of("Content-Type", "application/octet-stream"),
          new byte[1000]);

      Http.send(registry.url(location), "DELETE", Map.of(), new byte[0]);

      try (Stream<Path> files = Files.list(dir.resolve("uploads"))) {
        assertThat(files).isEmpty();
      }
    }
  }
}
