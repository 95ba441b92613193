package dev.registrykit.testkit.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class BcryptTest {

  @Test
  void piFractionWords_first_matchBlowfishPublishedInitialValues() {
    int[] words = Bcrypt.piFractionWords(18 + 1024);
    // Blowfish P1, P18, S1[0] and S4[255] as published by Schneier.
    assertThat(words[0]).isEqualTo(0x243F6A88);
    assertThat(words[17]).isEqualTo(0x8979FB1B);
    assertThat(words[18]).isEqualTo(0xD1310BA6);
    assertThat(words[1041]).isEqualTo(0x3AC372E6);
  }

  @Test
  void hash_openwallVector_matches() {
    // From the OpenBSD/Openwall crypt_blowfish test vectors.
    assertThat(Bcrypt.hash("U*U", "$2a$05$CCCCCCCCCCCCCCCCCCCCC."))
        .isEqualTo("$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW");
  }

  @Test
  void hash_jbcryptVectors_match() {
    assertThat(Bcrypt.hash("", "$2a$06$DCq7YPn5Rq63x1Lad4cll."))
        .isEqualTo("$2a$06$DCq7YPn5Rq63x1Lad4cll.TV4S6ytwfsfvkgY8jIucDrjc8deX1s.");
    assertThat(Bcrypt.hash("abc", "$2a$06$If6bvum7DFjUnE9p2uDeDu"))
        .isEqualTo("$2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i");
  }

  @Test
  void hash_htpasswdGeneratedEntry_reproducedWithItsSalt() {
    // `htpasswd -nbB -C 5 alice 's3cret pw'` (apache2-utils 2.4.71) printed this $2y$ hash;
    // $2y$ and $2a$ hash identically.
    String fromHtpasswd = "$2y$05$F8kH6.PX55KckgNmrs/HH.6sVoUFFPplAYMJu8BnjQ9WIc1p7Mh3a";
    assertThat(Bcrypt.hash("s3cret pw", fromHtpasswd).substring(4))
        .isEqualTo(fromHtpasswd.substring(4));
  }

  @Test
  void hash_randomSalt_roundTripsThroughSaltPrefix() {
    String hash = Bcrypt.hash("pässwörd", 4, new SecureRandom());
    assertThat(hash).hasSize(60).startsWith("$2a$04$");
    assertThat(Bcrypt.hash("pässwörd", hash.substring(0, 29))).isEqualTo(hash);
    assertThat(Bcrypt.hash("passwörd", hash.substring(0, 29))).isNotEqualTo(hash);
  }

  @Test
  void encodeDecode_sixteenBytes_roundTrip() {
    byte[] salt = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    String text = Bcrypt.encode(salt, salt.length);
    assertThat(text).hasSize(22);
    assertThat(Bcrypt.decode(text, 16)).isEqualTo(salt);
  }

  @Test
  void hash_passwordOver72Bytes_rejected() {
    assertThatThrownBy(() -> Bcrypt.hash("x".repeat(73), 4, new SecureRandom()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
