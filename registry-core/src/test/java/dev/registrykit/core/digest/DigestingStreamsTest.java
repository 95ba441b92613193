package dev.registrykit.core.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DigestingStreamsTest {
  private static final byte[] CONTENT = "hello, registry".getBytes(StandardCharsets.UTF_8);

  @Test
  void inputStream_readAll_digestsWhatPassedThrough() throws IOException {
    DigestingInputStream in = DigestingInputStream.sha256(new ByteArrayInputStream(CONTENT));

    byte[] read = in.readAllBytes();

    assertThat(read).isEqualTo(CONTENT);
    assertThat(in.result()).isEqualTo(new SizedDigest(Digest.sha256(CONTENT), CONTENT.length));
    assertThat(in.size()).isEqualTo(CONTENT.length);
  }

  @Test
  void inputStream_singleBytes_sameDigest() throws IOException {
    DigestingInputStream in =
        new DigestingInputStream(new ByteArrayInputStream(CONTENT), DigestAlgorithm.SHA512);

    while (in.read() >= 0) {
      // drain byte by byte
    }

    assertThat(in.result().digest()).isEqualTo(Digest.of(DigestAlgorithm.SHA512, CONTENT));
  }

  @Test
  void inputStream_resultMidway_doesNotDisturbTheHash() throws IOException {
    DigestingInputStream in = DigestingInputStream.sha256(new ByteArrayInputStream(CONTENT));

    in.readNBytes(5);
    SizedDigest midway = in.result();
    in.readAllBytes();

    assertThat(midway).isEqualTo(new SizedDigest(Digest.sha256(Arrays.copyOf(CONTENT, 5)), 5));
    assertThat(in.result().digest()).isEqualTo(Digest.sha256(CONTENT));
  }

  @Test
  void inputStream_skip_hashesSkippedBytes() throws IOException {
    DigestingInputStream in = DigestingInputStream.sha256(new ByteArrayInputStream(CONTENT));

    assertThat(in.skip(7)).isEqualTo(7);
    in.readAllBytes();
    assertThat(in.skip(3)).isZero();

    assertThat(in.result().digest()).isEqualTo(Digest.sha256(CONTENT));
  }

  @Test
  void inputStream_transferTo_digests() throws IOException {
    DigestingInputStream in = DigestingInputStream.sha256(new ByteArrayInputStream(CONTENT));
    ByteArrayOutputStream copy = new ByteArrayOutputStream();

    in.transferTo(copy);

    assertThat(copy.toByteArray()).isEqualTo(CONTENT);
    assertThat(in.result().digest()).isEqualTo(Digest.sha256(CONTENT));
  }

  @Test
  void inputStream_markReset_unsupported() {
    DigestingInputStream in = DigestingInputStream.sha256(new ByteArrayInputStream(CONTENT));

    assertThat(in.markSupported()).isFalse();
    in.mark(10);
    assertThatThrownBy(in::reset).isInstanceOf(IOException.class);
  }

  @Test
  void outputStream_write_passesThroughAndDigests() throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    try (DigestingOutputStream out = DigestingOutputStream.sha256(sink)) {
      out.write(CONTENT, 0, 4);
      out.write(CONTENT[4]);
      out.write(Arrays.copyOfRange(CONTENT, 5, CONTENT.length));

      assertThat(out.result()).isEqualTo(new SizedDigest(Digest.sha256(CONTENT), CONTENT.length));
      assertThat(out.size()).isEqualTo(CONTENT.length);
    }
    assertThat(sink.toByteArray()).isEqualTo(CONTENT);
  }

  @Test
  void outputStream_discarding_onlyHashes() throws IOException {
    DigestingOutputStream out = DigestingOutputStream.discarding(DigestAlgorithm.SHA512);

    out.write(CONTENT);

    assertThat(out.result().digest()).isEqualTo(Digest.of(DigestAlgorithm.SHA512, CONTENT));
  }

  @Test
  void outputStream_closes_underlyingStream() throws IOException {
    boolean[] closed = {false};
    OutputStream sink =
        new OutputStream() {
          @Override
          public void write(int b) {}

          @Override
          public void close() {
            closed[0] = true;
          }
        };

    DigestingOutputStream.sha256(sink).close();

    assertThat(closed[0]).isTrue();
  }
}
