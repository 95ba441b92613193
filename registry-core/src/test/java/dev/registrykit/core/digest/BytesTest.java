package dev.registrykit.core.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BytesTest {

  @Test
  void of_copiesInput_laterChangesInvisible() {
    byte[] source = {1, 2, 3};
    Bytes b = Bytes.of(source);
    source[0] = 9;

    assertThat(b.toByteArray()).containsExactly(1, 2, 3);
    b.toByteArray()[1] = 9;
    assertThat(b.byteAt(1)).isEqualTo((byte) 2);
  }

  @Test
  void equals_comparesContent() {
    assertThat(Bytes.ofUtf8("abc"))
        .isEqualTo(Bytes.of("abc".getBytes(StandardCharsets.UTF_8)))
        .hasSameHashCodeAs(Bytes.ofUtf8("abc"));
    assertThat(Bytes.ofUtf8("abc")).isNotEqualTo(Bytes.ofUtf8("abd"));
    assertThat(Bytes.of(new byte[0])).isSameAs(Bytes.empty());
  }

  @Test
  void sha256_emptyJson_isTheSpecsEmptyDescriptorDigest() {
    assertThat(Bytes.ofUtf8("{}").sha256())
        .hasToString("sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a");
    assertThat(Bytes.ofUtf8("{}").sizedDigest().size()).isEqualTo(2);
    assertThat(Bytes.ofUtf8("{}").digest(DigestAlgorithm.SHA512))
        .isEqualTo(Digest.of(DigestAlgorithm.SHA512, new byte[] {'{', '}'}));
  }

  @Test
  void streams_readAndWriteAllBytes() throws IOException {
    Bytes b = Bytes.ofUtf8("héllo");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    b.writeTo(out);

    assertThat(Bytes.readFrom(b.openStream())).isEqualTo(b);
    assertThat(out.toByteArray()).isEqualTo(b.toByteArray());
    assertThat(b.utf8()).isEqualTo("héllo");
    assertThat(b.asReadOnlyBuffer().isReadOnly()).isTrue();
    assertThat(Bytes.of(new byte[] {0, 1, 2, 3}, 1, 2).toByteArray()).containsExactly(1, 2);
  }

  @Test
  void toString_showsSizeAndPreviewOnly() {
    Bytes b = Bytes.of(new byte[100]);

    assertThat(b.toString())
        .startsWith("Bytes[size=100, hex=00000000")
        .endsWith("…]")
        .hasSizeLessThan(60);
  }

  @Test
  void byteAt_outOfRange_throws() {
    assertThatThrownBy(() -> Bytes.ofUtf8("a").byteAt(1))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }
}
