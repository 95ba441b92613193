package dev.registrykit.core.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class VerifyingInputStreamTest {
  private static final byte[] CONTENT = "layer bytes".getBytes(StandardCharsets.UTF_8);
  private static final Digest DIGEST = Digest.sha256(CONTENT);

  @Test
  void verifies_sameDigestAndSize_trueOtherwiseFalse() {
    VerifyingInputStream in =
        VerifyingInputStream.of(new ByteArrayInputStream(CONTENT), DIGEST, CONTENT.length);

    assertThat(in.verifies(DIGEST, CONTENT.length)).isTrue();
    assertThat(in.verifies(DIGEST, CONTENT.length + 1)).isFalse();
    assertThat(in.verifies(Digest.sha256(new byte[0]), CONTENT.length)).isFalse();
    assertThat(
            VerifyingInputStream.of(new ByteArrayInputStream(CONTENT), DIGEST)
                .verifies(DIGEST, CONTENT.length))
        .isFalse();
  }

  @Test
  void unverified_beforeAnyRead_returnsTheSourceUnread() throws IOException {
    ByteArrayInputStream source = new ByteArrayInputStream(CONTENT);
    VerifyingInputStream in = VerifyingInputStream.of(source, DIGEST, CONTENT.length);

    InputStream handedOver = in.unverified();

    assertThat(handedOver).isSameAs(source);
    assertThat(handedOver.readAllBytes()).isEqualTo(CONTENT);
  }

  @Test
  void unverified_afterARead_throws() throws IOException {
    VerifyingInputStream in =
        VerifyingInputStream.of(new ByteArrayInputStream(CONTENT), DIGEST, CONTENT.length);
    assertThat(in.read()).isEqualTo(CONTENT[0] & 0xff);

    assertThatThrownBy(in::unverified).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void read_matchingContent_verifies() throws IOException {
    VerifyingInputStream in =
        VerifyingInputStream.of(new ByteArrayInputStream(CONTENT), DIGEST, CONTENT.length);

    assertThat(in.readAllBytes()).isEqualTo(CONTENT);
    assertThat(in.isVerified()).isTrue();
    assertThat(in.size()).isEqualTo(CONTENT.length);
    assertThat(in.read()).isEqualTo(-1);
  }

  @Test
  void read_withoutExpectedSize_verifiesDigestOnly() throws IOException {
    VerifyingInputStream in = VerifyingInputStream.of(new ByteArrayInputStream(CONTENT), DIGEST);

    while (in.read() >= 0) {
      // byte by byte
    }

    assertThat(in.isVerified()).isTrue();
  }

  @Test
  void read_beforeEnd_notVerified() throws IOException {
    VerifyingInputStream in =
        VerifyingInputStream.of(new ByteArrayInputStream(CONTENT), DIGEST, CONTENT.length);

    in.readNBytes(3);

    assertThat(in.isVerified()).isFalse();
  }

  @Test
  void read_wrongDigest_throwsAtEndWithActualDigest() {
    Digest other = Digest.sha256(new byte[0]);
    VerifyingInputStream in =
        VerifyingInputStream.of(new ByteArrayInputStream(CONTENT), other, CONTENT.length);

    assertThatThrownBy(in::readAllBytes)
        .isInstanceOf(DigestMismatchException.class)
        .hasMessageContaining("digest mismatch: expected " + other + ", got " + DIGEST)
        .satisfies(
            e -> {
              DigestMismatchException mismatch = (DigestMismatchException) e;
              assertThat(mismatch.expected()).isEqualTo(other);
              assertThat(mismatch.actual()).contains(DIGEST);
              assertThat(mismatch.actualSize()).isEqualTo(CONTENT.length);
            });
    assertThat(in.isVerified()).isFalse();
    assertThatThrownBy(in::read).isInstanceOf(DigestMismatchException.class);
  }

  @Test
  void read_shorterThanExpected_throwsSizeMismatch() {
    VerifyingInputStream in =
        VerifyingInputStream.of(new ByteArrayInputStream(CONTENT), DIGEST, CONTENT.length + 1);

    assertThatThrownBy(in::readAllBytes)
        .isInstanceOf(DigestMismatchException.class)
        .hasMessageContaining("size mismatch")
        .satisfies(
            e ->
                assertThat(((DigestMismatchException) e).expectedSize())
                    .isEqualTo(CONTENT.length + 1));
  }

  @Test
  void read_endlessOversizedStream_failsAsSoonAsSizeIsExceeded() {
    InputStream endless =
        new InputStream() {
          @Override
          public int read() {
            return 'x';
          }

          @Override
          public int read(byte[] b, int off, int len) {
            java.util.Arrays.fill(b, off, off + len, (byte) 'x');
            return len;
          }
        };
    VerifyingInputStream in = VerifyingInputStream.of(endless, DIGEST, 100);
    byte[] buffer = new byte[64];

    assertThatThrownBy(
            () -> {
              while (true) {
                in.read(buffer);
              }
            })
        .isInstanceOf(DigestMismatchException.class)
        .hasMessageContaining("expected 100 bytes, got more than 100")
        .satisfies(e -> assertThat(((DigestMismatchException) e).actual()).isEmpty());
    assertThat(in.size()).as("fails at the first byte past the expected size").isEqualTo(101);
  }

  @Test
  void read_oneByteTooMany_failsSingleByteRead() throws IOException {
    byte[] longer = "layer bytes!".getBytes(StandardCharsets.UTF_8);
    VerifyingInputStream in =
        VerifyingInputStream.of(new ByteArrayInputStream(longer), DIGEST, CONTENT.length);

    in.readNBytes(CONTENT.length);

    assertThatThrownBy(in::read).isInstanceOf(DigestMismatchException.class);
  }

  @Test
  void skip_countsTowardsVerification() throws IOException {
    VerifyingInputStream in =
        VerifyingInputStream.of(new ByteArrayInputStream(CONTENT), DIGEST, CONTENT.length);

    assertThat(in.skip(CONTENT.length)).isEqualTo(CONTENT.length);
    assertThat(in.read()).isEqualTo(-1);
    assertThat(in.isVerified()).isTrue();
  }

  @Test
  void of_negativeSize_throws() {
    assertThatThrownBy(() -> VerifyingInputStream.of(new ByteArrayInputStream(CONTENT), DIGEST, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void markReset_unsupported() {
    VerifyingInputStream in = VerifyingInputStream.of(new ByteArrayInputStream(CONTENT), DIGEST);

    assertThat(in.markSupported()).isFalse();
    assertThatThrownBy(in::reset).isInstanceOf(IOException.class);
  }

  @Test
  void mismatchException_isAnIOException() {
    assertThat(new DigestMismatchException(DIGEST, java.util.Optional.empty(), 1, 2))
        .isInstanceOf(IOException.class);
  }
}
