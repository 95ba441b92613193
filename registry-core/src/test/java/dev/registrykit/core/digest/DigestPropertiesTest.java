package dev.registrykit.core.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Streaming digests equal whole-buffer digests however the bytes are chunked; parsing round-trips.
 * Seeded: replay a failure with {@code -Dregistrykit.seed=N}.
 */
class DigestPropertiesTest {
  private static final long SEED = Long.getLong("registrykit.seed", 20261127L);
  private static final int TRIES = 300;

  @BeforeAll
  static void printSeed() {
    System.out.println(
        "DigestPropertiesTest seed: " + SEED + " (replay with -Dregistrykit.seed=" + SEED + ")");
  }

  private static byte[] content(Random random) {
    int size =
        switch (random.nextInt(4)) {
          case 0 -> random.nextInt(4);
          case 1 -> random.nextInt(200);
          case 2 -> random.nextInt(10_000);
          default -> random.nextInt(300_000);
        };
    byte[] content = new byte[size];
    random.nextBytes(content);
    return content;
  }

  private static DigestAlgorithm algorithm(Random random) {
    return random.nextBoolean() ? DigestAlgorithm.SHA256 : DigestAlgorithm.SHA512;
  }

  @Test
  void digestingInputStream_randomChunks_equalsWholeBufferDigest() throws IOException {
    Random random = new Random(SEED);
    for (int i = 0; i < TRIES; i++) {
      byte[] content = content(random);
      DigestAlgorithm algorithm = algorithm(random);
      DigestingInputStream in =
          new DigestingInputStream(new ByteArrayInputStream(content), algorithm);
      ByteArrayOutputStream copy = new ByteArrayOutputStream();
      byte[] buffer = new byte[1 + random.nextInt(70_000)];
      while (true) {
        int choice = random.nextInt(10);
        if (choice == 0) {
          int b = in.read();
          if (b < 0) {
            break;
          }
          copy.write(b);
        } else {
          int n = in.read(buffer, 0, 1 + random.nextInt(buffer.length));
          if (n < 0) {
            break;
          }
          copy.write(buffer, 0, n);
        }
      }
      assertThat(copy.toByteArray()).as("seed %d try %d", SEED, i).isEqualTo(content);
      assertThat(in.result())
          .as("seed %d try %d", SEED, i)
          .isEqualTo(new SizedDigest(Digest.of(algorithm, content), content.length));
    }
  }

  @Test
  void digestingOutputStream_randomChunks_equalsWholeBufferDigest() throws IOException {
    Random random = new Random(SEED + 1);
    for (int i = 0; i < TRIES; i++) {
      byte[] content = content(random);
      DigestAlgorithm algorithm = algorithm(random);
      ByteArrayOutputStream sink = new ByteArrayOutputStream();
      DigestingOutputStream out = new DigestingOutputStream(sink, algorithm);
      int at = 0;
      while (at < content.length) {
        if (random.nextInt(10) == 0) {
          out.write(content[at++]);
        } else {
          int n = Math.min(content.length - at, random.nextInt(70_000));
          out.write(content, at, n);
          at += n;
        }
      }
      assertThat(sink.toByteArray()).as("seed %d try %d", SEED, i).isEqualTo(content);
      assertThat(out.result())
          .as("seed %d try %d", SEED, i)
          .isEqualTo(new SizedDigest(Digest.of(algorithm, content), content.length));
    }
  }

  @Test
  void verifyingInputStream_exactContent_alwaysVerifies() throws IOException {
    Random random = new Random(SEED + 2);
    for (int i = 0; i < TRIES; i++) {
      byte[] content = content(random);
      Digest digest = Digest.of(algorithm(random), content);
      VerifyingInputStream in =
          VerifyingInputStream.of(new ByteArrayInputStream(content), digest, content.length);
      assertThat(in.readAllBytes()).isEqualTo(content);
      assertThat(in.isVerified()).as("seed %d try %d", SEED, i).isTrue();
    }
  }

  @Test
  void verifyingInputStream_oneFlippedBit_neverVerifies() {
    Random random = new Random(SEED + 3);
    for (int i = 0; i < TRIES; i++) {
      byte[] content = content(random);
      if (content.length == 0) {
        continue;
      }
      Digest digest = Digest.sha256(content);
      content[random.nextInt(content.length)] ^= (byte) (1 << random.nextInt(8));
      VerifyingInputStream in =
          VerifyingInputStream.of(new ByteArrayInputStream(content), digest, content.length);
      try {
        in.readAllBytes();
        throw new AssertionError("corrupted content verified (seed " + SEED + " try " + i + ")");
      } catch (DigestMismatchException expected) {
        assertThat(expected.actual()).isPresent();
      } catch (IOException e) {
        throw new AssertionError(e);
      }
    }
  }

  @Test
  void parse_toStringOfComputed_roundTrips() {
    Random random = new Random(SEED + 4);
    for (int i = 0; i < TRIES; i++) {
      byte[] content = new byte[random.nextInt(100)];
      random.nextBytes(content);
      Digest digest = Digest.of(algorithm(random), content);
      assertThat(Digest.parse(digest.toString())).isEqualTo(digest);
      assertThat(Digest.tryParse(digest.toString())).contains(digest);
    }
  }

  @Test
  void parse_randomStrings_onlyInvalidDigestException() {
    Random random = new Random(SEED + 5);
    String alphabet = "sha256512:0123456789abcdefABCDEFg-_.+\n ";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder b = new StringBuilder(random.nextBoolean() ? "sha256:" : "");
      int length = random.nextInt(140);
      for (int j = 0; j < length; j++) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String input = b.toString();
      try {
        assertThat(Digest.parse(input)).hasToString(input);
      } catch (InvalidDigestException expected) {
        assertThat(Digest.tryParse(input)).as("seed %d: %s", SEED, input).isEmpty();
      }
    }
  }
}
