package dev.registrykit.core.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DigestTest {
  private static final String EMPTY_SHA256 =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  private static final String ABC_SHA256 =
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  private static final String EMPTY_SHA512 =
      "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
          + "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e";

  @Test
  void parse_sha256_hasAlgorithmHexAndWireForm() {
    Digest digest = Digest.parse("sha256:" + ABC_SHA256);

    assertThat(digest.algorithm()).isEqualTo(DigestAlgorithm.SHA256).hasToString("sha256");
    assertThat(digest.hex()).isEqualTo(ABC_SHA256);
    assertThat(digest).hasToString("sha256:" + ABC_SHA256);
    assertThat(Digest.parse(digest.toString())).isEqualTo(digest);
  }

  @Test
  void parse_sha512_parses() {
    Digest digest = Digest.parse("sha512:" + EMPTY_SHA512);

    assertThat(digest.algorithm()).isEqualTo(DigestAlgorithm.SHA512);
    assertThat(digest).hasToString("sha512:" + EMPTY_SHA512);
  }

  static Stream<String> invalidDigests() {
    return Stream.of(
        "",
        "sha256",
        "sha256:",
        ":" + ABC_SHA256,
        "SHA256:" + ABC_SHA256,
        "sha384:" + ABC_SHA256,
        "md5:abc",
        "sha256:" + "A" + "b".repeat(63),
        "sha256:" + "g".repeat(64),
        "sha256:" + "a".repeat(63),
        "sha256:" + "a".repeat(65),
        "sha512:" + ABC_SHA256,
        "sha256:" + ABC_SHA256 + "\n",
        " sha256:" + ABC_SHA256,
        "sha256:" + ABC_SHA256 + ":",
        "sha256::" + ABC_SHA256);
  }

  @ParameterizedTest
  @MethodSource("invalidDigests")
  void parse_invalid_throwsInvalidDigestException(String input) {
    assertThatThrownBy(() -> Digest.parse(input)).isInstanceOf(InvalidDigestException.class);
    assertThat(Digest.tryParse(input)).isEmpty();
  }

  @Test
  void parse_messages_nameReasonAndInput() {
    assertThatThrownBy(() -> Digest.parse("abc"))
        .hasMessageContaining("no algorithm prefix")
        .hasMessageContaining("\"abc\"");
    assertThatThrownBy(() -> Digest.parse("md5:abc"))
        .hasMessageContaining("unsupported digest algorithm \"md5\"");
    assertThatThrownBy(() -> Digest.parse("sha256:abc"))
        .hasMessageContaining("64 hex characters, found 3");
    assertThatThrownBy(() -> Digest.parse("sha256:" + "A".repeat(64)))
        .hasMessageContaining("lowercase hex, found 'A' at position 7");
  }

  @Test
  void parse_hugeInput_messageIsBounded() {
    assertThatThrownBy(() -> Digest.parse("sha256:" + "\n".repeat(100_000)))
        .isInstanceOf(InvalidDigestException.class)
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(700).doesNotContain("\n"));
  }

  @Test
  void parse_null_throwsNullPointerException() {
    assertThatThrownBy(() -> Digest.parse(null)).isInstanceOf(NullPointerException.class);
    assertThat(Digest.tryParse(null)).isEmpty();
  }

  @Test
  void constructor_validates() {
    assertThatThrownBy(() -> new Digest(DigestAlgorithm.SHA256, "abc"))
        .isInstanceOf(InvalidDigestException.class);
    assertThat(new Digest(DigestAlgorithm.SHA256, ABC_SHA256))
        .isEqualTo(Digest.parse("sha256:" + ABC_SHA256));
  }

  @Test
  void sha256_knownVectors() {
    assertThat(Digest.sha256(new byte[0]).hex()).isEqualTo(EMPTY_SHA256);
    assertThat(Digest.sha256("abc".getBytes(StandardCharsets.US_ASCII)).hex())
        .isEqualTo(ABC_SHA256);
    assertThat(Digest.of(DigestAlgorithm.SHA512, new byte[0]).hex()).isEqualTo(EMPTY_SHA512);
  }

  @Test
  void compute_stream_equalsWholeBufferDigestAndCountsSize() throws IOException {
    byte[] content = new byte[200_000];
    new java.util.Random(1).nextBytes(content);

    SizedDigest sized = Digest.compute(DigestAlgorithm.SHA256, new ByteArrayInputStream(content));

    assertThat(sized.digest()).isEqualTo(Digest.sha256(content));
    assertThat(sized.size()).isEqualTo(200_000);
  }

  @Test
  void fromHash_andMatches_agree() {
    byte[] hash =
        DigestAlgorithm.SHA256.newMessageDigest().digest("abc".getBytes(StandardCharsets.US_ASCII));
    Digest digest = Digest.fromHash(DigestAlgorithm.SHA256, hash);

    assertThat(digest.hex()).isEqualTo(ABC_SHA256);
    assertThat(digest.matches(hash)).isTrue();
    assertThat(Digest.sha256(new byte[0]).matches(hash)).isFalse();
  }

  @Test
  void shortHex_isFirst12() {
    assertThat(Digest.parse("sha256:" + ABC_SHA256).shortHex()).isEqualTo("ba7816bf8f01");
  }

  @Test
  void compareTo_ordersByAlgorithmThenHex() {
    List<Digest> digests =
        new ArrayList<>(
            List.of(
                Digest.parse("sha512:" + EMPTY_SHA512),
                Digest.parse("sha256:" + EMPTY_SHA256),
                Digest.parse("sha256:" + ABC_SHA256)));

    digests.sort(null);

    assertThat(digests)
        .extracting(Digest::hex)
        .containsExactly(ABC_SHA256, EMPTY_SHA256, EMPTY_SHA512);
  }

  @Test
  void algorithm_fromPrefix() {
    assertThat(DigestAlgorithm.fromPrefix("sha256")).contains(DigestAlgorithm.SHA256);
    assertThat(DigestAlgorithm.fromPrefix("sha512")).contains(DigestAlgorithm.SHA512);
    assertThat(DigestAlgorithm.fromPrefix("SHA256")).isEmpty();
    assertThat(DigestAlgorithm.SHA512.hexLength()).isEqualTo(128);
  }

  @Test
  void sizedDigest_negativeSize_throws() {
    assertThatThrownBy(() -> new SizedDigest(Digest.sha256(new byte[0]), -1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
