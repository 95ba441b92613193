package dev.registrykit.testkit.peers;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * bcrypt password hashes ({@code $2a$}), for the htpasswd file of {@link DistributionRegistry}.
 *
 * <p>Written here so that basic-auth tests need no {@code htpasswd} binary (apache2-utils is not
 * installed by {@code scripts/install-peers.sh}). The algorithm is Provos and Mazières, "A
 * Future-Adaptable Password Scheme" (USENIX 1999): EksBlowfish keyed by password and salt, then
 * "OrpheanBeholderScryDoubt" encrypted 64 times. Blowfish's initial P-array and S-boxes are the
 * hexadecimal digits of pi's fractional part (Schneier, 1993), so they are computed once at class
 * load instead of being pasted as 1,042 constants. Distribution checks entries with Go's {@code
 * golang.org/x/crypto/bcrypt}, which accepts {@code $2a$}.
 *
 * <p>Stateless and thread-safe. Not for production password storage: this exists to write test
 * fixtures for a real registry.
 */
final class Bcrypt {

  /** bcrypt's own base64 alphabet (not RFC 4648). */
  private static final String ALPHABET =
      "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private static final int SALT_BYTES = 16;

  /** Go's bcrypt refuses longer passwords; Blowfish keys use at most 72 bytes anyway. */
  private static final int MAX_PASSWORD_BYTES = 72;

  private static final int[] P_INIT;
  private static final int[] S_INIT;

  static {
    int[] words = piFractionWords(18 + 4 * 256);
    P_INIT = Arrays.copyOfRange(words, 0, 18);
    S_INIT = Arrays.copyOfRange(words, 18, words.length);
  }

  private final int[] p = P_INIT.clone();
  private final int[] s = S_INIT.clone();

  private Bcrypt() {}

  /**
   * Hashes a password with a random salt.
   *
   * @param password the password (at most 72 UTF-8 bytes)
   * @param cost log2 of the number of key-expansion rounds, 4 to 31
   * @param random source of the 16-byte salt
   * @return a {@code $2a$} hash line, 60 characters
   * @throws IllegalArgumentException if the password is too long or the cost out of range
   */
  static String hash(String password, int cost, SecureRandom random) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    return hash(password, cost, salt);
  }

  /**
   * Hashes a password with the salt and cost of an existing hash (its first 29 characters, {@code
   * $2a$NN$} plus 22 salt characters), which is how a hash is checked.
   *
   * @throws IllegalArgumentException if {@code saltedPrefix} is malformed
   */
  static String hash(String password, String saltedPrefix) {
    if (saltedPrefix.length() < 29
        || !saltedPrefix.startsWith("$2")
        || saltedPrefix.charAt(3) != '$'
        || saltedPrefix.charAt(6) != '$') {
      throw new IllegalArgumentException("not a bcrypt salt prefix");
    }
    int cost = Integer.parseInt(saltedPrefix.substring(4, 6));
    byte[] salt = decode(saltedPrefix.substring(7, 29), SALT_BYTES);
    return hash(password, cost, salt);
  }

  static String hash(String password, int cost, byte[] salt) {
    if (cost < 4 || cost > 31) {
      throw new IllegalArgumentException("bcrypt cost must be 4..31: " + cost);
    }
    if (salt.length != SALT_BYTES) {
      throw new IllegalArgumentException("bcrypt salt must be 16 bytes");
    }
    byte[] utf8 = password.getBytes(StandardCharsets.UTF_8);
    if (utf8.length > MAX_PASSWORD_BYTES) {
      throw new IllegalArgumentException("bcrypt password longer than 72 bytes");
    }
    // $2a$: the key is the password with its NUL terminator.
    byte[] key = Arrays.copyOf(utf8, utf8.length + 1);
    byte[] raw = new Bcrypt().cryptRaw(key, salt, cost);
    return String.format("$2a$%02d$", cost)
        + encode(salt, SALT_BYTES)
        + encode(raw, 23); // bcrypt drops the last byte of the 24-byte ciphertext
  }

  private byte[] cryptRaw(byte[] key, byte[] salt, int cost) {
    expandKey(salt, key);
    long rounds = 1L << cost;
    for (long i = 0; i < rounds; i++) {
      expandKey(key);
      expandKey(salt);
    }
    byte[] magic = "OrpheanBeholderScryDoubt".getBytes(StandardCharsets.US_ASCII);
    int[] block = new int[6];
    int[] offset = {0};
    for (int i = 0; i < block.length; i++) {
      block[i] = streamWord(magic, offset);
    }
    for (int i = 0; i < 64; i++) {
      for (int j = 0; j < block.length; j += 2) {
        encipher(block, j);
      }
    }
    byte[] out = new byte[24];
    for (int i = 0; i < block.length; i++) {
      out[4 * i] = (byte) (block[i] >>> 24);
      out[4 * i + 1] = (byte) (block[i] >>> 16);
      out[4 * i + 2] = (byte) (block[i] >>> 8);
      out[4 * i + 3] = (byte) block[i];
    }
    return out;
  }

  private int f(int x) {
    int h = s[x >>> 24] + s[0x100 | ((x >>> 16) & 0xff)];
    return (h ^ s[0x200 | ((x >>> 8) & 0xff)]) + s[0x300 | (x & 0xff)];
  }

  private void encipher(int[] lr, int off) {
    int l = lr[off] ^ p[0];
    int r = lr[off + 1];
    for (int i = 1; i <= 16; i += 2) {
      r ^= f(l) ^ p[i];
      l ^= f(r) ^ p[i + 1];
    }
    lr[off] = r ^ p[17];
    lr[off + 1] = l;
  }

  private static int streamWord(byte[] data, int[] offset) {
    int word = 0;
    int off = offset[0];
    for (int i = 0; i < 4; i++) {
      word = (word << 8) | (data[off] & 0xff);
      off = (off + 1) % data.length;
    }
    offset[0] = off;
    return word;
  }

  /** Blowfish's key schedule (no salt). */
  private void expandKey(byte[] key) {
    int[] keyOffset = {0};
    for (int i = 0; i < p.length; i++) {
      p[i] ^= streamWord(key, keyOffset);
    }
    int[] lr = {0, 0};
    for (int i = 0; i < p.length; i += 2) {
      encipher(lr, 0);
      p[i] = lr[0];
      p[i + 1] = lr[1];
    }
    for (int i = 0; i < s.length; i += 2) {
      encipher(lr, 0);
      s[i] = lr[0];
      s[i + 1] = lr[1];
    }
  }

  /** EksBlowfish's salted key schedule: the salt is mixed into every block before encryption. */
  private void expandKey(byte[] salt, byte[] key) {
    int[] keyOffset = {0};
    for (int i = 0; i < p.length; i++) {
      p[i] ^= streamWord(key, keyOffset);
    }
    int[] saltOffset = {0};
    int[] lr = {0, 0};
    for (int i = 0; i < p.length; i += 2) {
      lr[0] ^= streamWord(salt, saltOffset);
      lr[1] ^= streamWord(salt, saltOffset);
      encipher(lr, 0);
      p[i] = lr[0];
      p[i + 1] = lr[1];
    }
    for (int i = 0; i < s.length; i += 2) {
      lr[0] ^= streamWord(salt, saltOffset);
      lr[1] ^= streamWord(salt, saltOffset);
      encipher(lr, 0);
      s[i] = lr[0];
      s[i + 1] = lr[1];
    }
  }

  static String encode(byte[] data, int length) {
    StringBuilder out = new StringBuilder();
    int bits = 0;
    int bitCount = 0;
    for (int i = 0; i < length; i++) {
      bits = (bits << 8) | (data[i] & 0xff);
      bitCount += 8;
      while (bitCount >= 6) {
        bitCount -= 6;
        out.append(ALPHABET.charAt((bits >>> bitCount) & 0x3f));
      }
    }
    if (bitCount > 0) {
      out.append(ALPHABET.charAt((bits << (6 - bitCount)) & 0x3f));
    }
    return out.toString();
  }

  static byte[] decode(String text, int length) {
    byte[] out = new byte[length];
    int bits = 0;
    int bitCount = 0;
    int n = 0;
    for (int i = 0; i < text.length() && n < length; i++) {
      int value = ALPHABET.indexOf(text.charAt(i));
      if (value < 0) {
        throw new IllegalArgumentException("not a bcrypt base64 character at index " + i);
      }
      bits = (bits << 6) | value;
      bitCount += 6;
      if (bitCount >= 8) {
        bitCount -= 8;
        out[n++] = (byte) (bits >>> bitCount);
      }
    }
    if (n < length) {
      throw new IllegalArgumentException("bcrypt base64 text too short");
    }
    return out;
  }

  /**
   * The first {@code count} 32-bit words of pi's fractional part: pi = 16 atan(1/5) - 4 atan(1/239)
   * (Machin), in fixed point with 64 guard bits against the truncation of each term.
   */
  static int[] piFractionWords(int count) {
    int bits = 32 * count + 64;
    BigInteger pi =
        arctanOfInverse(5, bits).shiftLeft(4).subtract(arctanOfInverse(239, bits).shiftLeft(2));
    BigInteger fraction = pi.subtract(BigInteger.valueOf(3).shiftLeft(bits));
    int[] words = new int[count];
    for (int i = 0; i < count; i++) {
      words[i] = fraction.shiftRight(bits - 32 * (i + 1)).intValue();
    }
    return words;
  }

  private static BigInteger arctanOfInverse(int x, int bits) {
    BigInteger xSquared = BigInteger.valueOf((long) x * x);
    BigInteger power = BigInteger.ONE.shiftLeft(bits).divide(BigInteger.valueOf(x));
    BigInteger sum = power;
    boolean subtract = true;
    for (long k = 3; power.signum() != 0; k += 2) {
      power = power.divide(xSquared);
      BigInteger term = power.divide(BigInteger.valueOf(k));
      sum = subtract ? sum.subtract(term) : sum.add(term);
      subtract = !subtract;
    }
    return sum;
  }
}
