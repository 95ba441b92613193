package dev.registrykit.testkit.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.digest.DigestAlgorithm;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import okio.Buffer;
import okio.ByteString;
import org.junit.jupiter.api.Test;

/**
 * Content made of okio byte strings: a segmented request body (as mockwebserver hands it over), a
 * plain small one, and content from an array; every view, slice and write gives the same bytes.
 */
class BlobContentTest {
  private static final long SEED = 7L;

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new Random(SEED + size).nextBytes(bytes);
    return bytes;
  }

  /** A segmented byte string, as {@code Buffer.readByteString()} returns for bodies of 4 KiB or more. */
  private static ByteString segmented(byte[] bytes) {
    return new Buffer().write(bytes).readByteString();
  }

  private static byte[] concat(byte[]... arrays) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] a : arrays) {
      out.writeBytes(a);
    }
    return out.toByteArray();
  }

  /** Content and the bytes it should hold. */
  private record Expected(BlobContent content, byte[] all) {}

  /** Content of three random parts of these sizes: a segmented one, a plain one, and one from an array. */
  private static Expected threeParts(int a, int b, int c) {
    byte[] first = random(a);
    byte[] second = random(b);
    byte[] third = random(c);
    BlobContent content = BlobContent.of(segmented(first)).concat(BlobContent.of(ByteString.of(second))).concat(BlobContent.of(third));
    return new Expected(content, concat(first, second, third));
  }

  @Test
  void of_segmentedByteString_keepsTheBytesAndSize() {
    byte[] bytes = random(100_003);

    BlobContent content = BlobContent.of(segmented(bytes));

    assertThat(content.size()).isEqualTo(bytes.length);
    assertThat(content.toByteArray()).isEqualTo(bytes);
    assertThat(content.sha256()).isEqualTo(Digest.sha256(bytes));
  }

  @Test
  void of_array_isACopy() {
    byte[] bytes = random(10_000);
    BlobContent content = BlobContent.of(bytes);

    bytes[0] ^= 1;

    assertThat(content.toByteArray()[0]).isEqualTo((byte) (bytes[0] ^ 1));
  }

  @Test
  void digest_ofParts_matchesTheDigestOfTheConcatenation() {
    Expected parts = threeParts(50_000, 300, 20_001);
    BlobContent content = parts.content();
    byte[] all = parts.all();

    assertThat(content.digest(DigestAlgorithm.SHA256)).isEqualTo(Digest.sha256(all));
    assertThat(content.sha256()).isEqualTo(Digest.sha256(all));
    assertThat(content.digest(DigestAlgorithm.SHA512)).isEqualTo(Digest.of(DigestAlgorithm.SHA512, all));
  }

  @Test
  void slice_acrossPartsAndSegments_returnsExactlyThoseBytes() {
    Expected parts = threeParts(50_000, 300, 20_001);
    BlobContent content = parts.content();
    byte[] all = parts.all();
    int[][] spans = {{0, 0}, {0, 1}, {8191, 2}, {49_999, 302}, {50_000, 300}, {100, all.length - 100}, {all.length, 0}};

    for (int[] span : spans) {
      BlobContent slice = content.slice(span[0], span[1]);
      assertThat(slice.size()).as("slice %d+%d", span[0], span[1]).isEqualTo(span[1]);
      assertThat(slice.toByteArray()).as("slice %d+%d", span[0], span[1]).isEqualTo(Arrays.copyOfRange(all, span[0], span[0] + span[1]));
    }
  }

  @Test
  void slice_outOfBounds_throws() {
    BlobContent content = BlobContent.of(random(10));

    assertThatThrownBy(() -> content.slice(5, 6)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> content.slice(-1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> content.slice(0, Long.MAX_VALUE)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void writeTo_sinkAndStream_andOpenStream_giveTheSameBytes() throws Exception {
    Expected parts = threeParts(600_000, 1, 9_000);
    BlobContent content = parts.content();
    byte[] all = parts.all();

    Buffer sink = new Buffer();
    content.writeTo(sink);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    content.writeTo(out);
    byte[] read;
    try (InputStream in = content.openStream()) {
      read = in.readAllBytes();
    }

    assertThat(sink.readByteArray()).isEqualTo(all);
    assertThat(out.toByteArray()).isEqualTo(all);
    assertThat(read).isEqualTo(all);
  }

  @Test
  void empty_parts_areDropped() {
    BlobContent content = BlobContent.of(ByteString.EMPTY).concat(BlobContent.of(new byte[0]));

    assertThat(content.size()).isZero();
    assertThat(content.toByteArray()).isEmpty();
    assertThat(content.sha256()).isEqualTo(Digest.sha256(new byte[0]));
  }

  @Test
  void uploadSession_appendsChunksInOrder_andRejectsAWrongOffset() {
    byte[] a = random(20_000);
    byte[] b = random(5_000);
    UploadSession session = new UploadSession("id", "repo");

    assertThat(session.append(0, BlobContent.of(segmented(a)))).isEqualTo(a.length);
    assertThat(session.append(0, BlobContent.of(b))).isEqualTo(-1);
    assertThat(session.append(-1, BlobContent.of(b))).isEqualTo(a.length + b.length);

    assertThat(session.content().toByteArray()).isEqualTo(concat(a, b));
  }
}
