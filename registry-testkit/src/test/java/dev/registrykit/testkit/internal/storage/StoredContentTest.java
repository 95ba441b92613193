package dev.registrykit.testkit.internal.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.digest.DigestAlgorithm;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Content made of upload chunks (streamed bodies) and arrays; every view, slice and write gives the
 * same bytes. Upload sessions append atomically and give their bytes back to the heap budget.
 */
class StoredContentTest {
  private static final long SEED = 7L;

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new Random(SEED + size).nextBytes(bytes);
    return bytes;
  }

  /** Content of the bytes as an upload receives them: streamed into chunks. */
  private static StoredContent streamed(byte[] bytes) throws IOException {
    UploadSession session = new RegistryStorage().scratchUpload("repo");
    session.append(-1, -1, new ByteArrayInputStream(bytes), Instant.EPOCH);
    return session.content();
  }

  private static byte[] concat(byte[]... arrays) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] a : arrays) {
      out.writeBytes(a);
    }
    return out.toByteArray();
  }

  /** Content and the bytes it should hold. */
  private record Expected(StoredContent content, byte[] all) {}

  /** Content of three random parts of these sizes: two streamed ones and one from an array. */
  private static Expected threeParts(int a, int b, int c) throws IOException {
    byte[] first = random(a);
    byte[] second = random(b);
    byte[] third = random(c);
    StoredContent content =
        streamed(first).concat(streamed(second)).concat(StoredContent.of(third));
    return new Expected(content, concat(first, second, third));
  }

  @Test
  void streamed_keepsTheBytesAndSize_andKnowsItsDigest() throws Exception {
    byte[] bytes = random(3 * 1024 * 1024 + 3);

    StoredContent content = streamed(bytes);

    assertThat(content.size()).isEqualTo(bytes.length);
    assertThat(content.toByteArray()).isEqualTo(bytes);
    assertThat(content.sha256()).isEqualTo(Digest.sha256(bytes));
  }

  @Test
  void of_array_isACopy() {
    byte[] bytes = random(10_000);
    StoredContent content = StoredContent.of(bytes);

    bytes[0] ^= 1;

    assertThat(content.toByteArray()[0]).isEqualTo((byte) (bytes[0] ^ 1));
  }

  @Test
  void digest_ofParts_matchesTheDigestOfTheConcatenation() throws Exception {
    Expected parts = threeParts(50_000, 300, 20_001);
    StoredContent content = parts.content();
    byte[] all = parts.all();

    assertThat(content.digest(DigestAlgorithm.SHA256)).isEqualTo(Digest.sha256(all));
    assertThat(content.sha256()).isEqualTo(Digest.sha256(all));
    assertThat(content.digest(DigestAlgorithm.SHA512))
        .isEqualTo(Digest.of(DigestAlgorithm.SHA512, all));
  }

  @Test
  void slice_acrossPartsAndSegments_returnsExactlyThoseBytes() throws Exception {
    Expected parts = threeParts(50_000, 300, 20_001);
    StoredContent content = parts.content();
    byte[] all = parts.all();
    int[][] spans = {
      {0, 0},
      {0, 1},
      {8191, 2},
      {49_999, 302},
      {50_000, 300},
      {100, all.length - 100},
      {all.length, 0}
    };

    for (int[] span : spans) {
      StoredContent slice = content.slice(span[0], span[1]);
      assertThat(slice.size()).as("slice %d+%d", span[0], span[1]).isEqualTo(span[1]);
      assertThat(slice.toByteArray())
          .as("slice %d+%d", span[0], span[1])
          .isEqualTo(Arrays.copyOfRange(all, span[0], span[0] + span[1]));
    }
  }

  @Test
  void slice_outOfBounds_throws() {
    StoredContent content = StoredContent.of(random(10));

    assertThatThrownBy(() -> content.slice(5, 6)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> content.slice(-1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> content.slice(0, Long.MAX_VALUE))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void writeTo_buffers_andOpenStream_giveTheSameBytes() throws Exception {
    Expected parts = threeParts(600_000, 1, 9_000);
    StoredContent content = parts.content();
    byte[] all = parts.all();

    ByteArrayOutputStream viaBuffers = new ByteArrayOutputStream();
    for (ByteBuffer buffer : content.buffers()) {
      byte[] chunk = new byte[buffer.remaining()];
      buffer.get(chunk);
      viaBuffers.writeBytes(chunk);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    content.writeTo(out);
    byte[] read;
    try (InputStream in = content.openStream()) {
      read = in.readAllBytes();
    }

    assertThat(viaBuffers.toByteArray()).isEqualTo(all);
    assertThat(out.toByteArray()).isEqualTo(all);
    assertThat(read).isEqualTo(all);
  }

  @Test
  void empty_parts_areDropped() {
    StoredContent content = StoredContent.empty().concat(StoredContent.of(new byte[0]));

    assertThat(content.size()).isZero();
    assertThat(content.toByteArray()).isEmpty();
    assertThat(content.sha256()).isEqualTo(Digest.sha256(new byte[0]));
  }

  @Test
  void uploadSession_appendsChunksInOrder_andRejectsAWrongOffsetOrLength() throws Exception {
    byte[] a = random(20_000);
    byte[] b = random(5_000);
    UploadSession session = new RegistryStorage().scratchUpload("repo");

    assertThat(session.append(0, -1, new ByteArrayInputStream(a), Instant.EPOCH).size())
        .isEqualTo(a.length);
    assertThat(session.append(0, -1, new ByteArrayInputStream(b), Instant.EPOCH).outcome())
        .isEqualTo(UploadSession.Outcome.WRONG_OFFSET);
    assertThat(
            session.append(-1, b.length + 1, new ByteArrayInputStream(b), Instant.EPOCH).outcome())
        .isEqualTo(UploadSession.Outcome.WRONG_LENGTH);
    assertThat(session.append(-1, b.length, new ByteArrayInputStream(b), Instant.EPOCH).size())
        .isEqualTo(a.length + b.length);

    assertThat(session.content().toByteArray()).isEqualTo(concat(a, b));
    assertThat(session.sha256()).isEqualTo(Digest.sha256(concat(a, b)));
  }

  @Test
  void uploadSession_bodyFailingHalfWay_leavesTheSessionAsItWas() throws Exception {
    byte[] a = random(20_000);
    UploadSession session = new RegistryStorage().scratchUpload("repo");
    session.append(-1, -1, new ByteArrayInputStream(a), Instant.EPOCH);
    InputStream failing =
        new SequenceInputStream(
            new ByteArrayInputStream(random(70_000)),
            new InputStream() {
              @Override
              public int read() throws IOException {
                throw new IOException("client went away");
              }
            });

    assertThatThrownBy(() -> session.append(-1, -1, failing, Instant.EPOCH))
        .isInstanceOf(IOException.class);

    assertThat(session.size()).isEqualTo(a.length);
    assertThat(session.sha256()).isEqualTo(Digest.sha256(a));
  }

  @Test
  void heapBudget_isTakenByUploads_andGivenBackWhenTheyEnd_whileStoredContentKeepsItsShare()
      throws Exception {
    RegistryStorage storage = new RegistryStorage();
    long free = storage.capacity();
    byte[] a = random(3_000_000);

    UploadSession cancelled = storage.startUpload("repo");
    cancelled.append(-1, -1, new ByteArrayInputStream(a), Instant.EPOCH);
    assertThat(storage.capacity()).isLessThanOrEqualTo(free - a.length);
    storage.removeUpload(cancelled.id());
    assertThat(storage.capacity()).isEqualTo(free);

    UploadSession completed = storage.startUpload("repo");
    completed.append(-1, -1, new ByteArrayInputStream(a), Instant.EPOCH);
    StoredContent content = completed.content();
    storage.removeUpload(completed.id());
    storage.putBlob("repo", content.sha256(), content);
    storage.putBlob("other", content.sha256(), content);
    assertThat(storage.capacity()).isEqualTo(free - a.length);

    storage.deleteBlob("repo", content.sha256());
    storage.deleteBlob("other", content.sha256());
    assertThat(storage.capacity()).isEqualTo(free);
  }
}
