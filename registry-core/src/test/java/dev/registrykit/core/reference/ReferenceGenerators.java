package dev.registrykit.core.reference;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.digest.DigestAlgorithm;
import java.util.Optional;
import java.util.Random;

/**
 * Seeded generators for references: valid values built from their grammar, and strings near or far
 * from valid ones. Deterministic for a given {@link Random}; tests print the seed.
 */
final class ReferenceGenerators {
  /** The seed: {@code -Dregistrykit.seed=N} replays a failure, otherwise a fixed default. */
  static long seed() {
    return Long.getLong("registrykit.seed", 20261127L);
  }

  private static final String LOWER = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final String LETTERS_DIGITS =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final String WORD = LETTERS_DIGITS + "_";
  private static final String[] SEPARATORS = {".", "_", "__", "-", "--", "---"};

  /** Characters that matter to the grammar, plus a few that never do. */
  private static final String NEAR_ALPHABET = "aAz09._-/:@[]%\n é\u0000";

  static ImageReference reference(Random random) {
    Registry registry = registry(random);
    String path = path(random);
    if (registry.isDockerHub() && path.indexOf('/') < 0) {
      path = "library/" + path;
    }
    Repository repository = Repository.of(registry, path);
    Optional<Tag> tag = random.nextInt(3) == 0 ? Optional.empty() : Optional.of(tag(random));
    Optional<Digest> digest =
        random.nextInt(3) == 0 ? Optional.of(digest(random)) : Optional.empty();
    return new ImageReference(repository, tag, digest);
  }

  static Registry registry(Random random) {
    switch (random.nextInt(9)) {
      case 0:
      case 1:
      case 2:
        return Registry.DOCKER_HUB;
      case 3:
        return Registry.parse("localhost" + port(random));
      case 4:
        return Registry.parse(
            (1 + random.nextInt(255))
                + "."
                + random.nextInt(256)
                + "."
                + random.nextInt(256)
                + "."
                + random.nextInt(256)
                + port(random));
      case 5:
        return Registry.parse(
            random.nextBoolean()
                ? "[::1]" + port(random)
                : "[2001:db8::" + random.nextInt(100) + "]" + port(random));
      case 6:
        // a single label is a registry only with a port or an uppercase letter
        return Registry.parse(
            random.nextBoolean()
                ? label(random) + ":" + (1 + random.nextInt(65535))
                : "Reg" + label(random));
      default:
        StringBuilder b = new StringBuilder(label(random));
        int labels = 1 + random.nextInt(3);
        for (int i = 0; i < labels; i++) {
          b.append('.').append(label(random));
        }
        return Registry.parse(b + port(random));
    }
  }

  private static String port(Random random) {
    switch (random.nextInt(4)) {
      case 0:
        return ":" + (1 + random.nextInt(65535));
      case 1:
        return ":0" + random.nextInt(100);
      default:
        return "";
    }
  }

  /** A host label: letters (either case), digits and inner dashes. */
  private static String label(Random random) {
    int length = 1 + random.nextInt(10);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < length; i++) {
      boolean inner = i > 0 && i < length - 1;
      b.append(
          inner && random.nextInt(5) == 0
              ? '-'
              : LETTERS_DIGITS.charAt(random.nextInt(LETTERS_DIGITS.length())));
    }
    return b.toString();
  }

  static String path(Random random) {
    switch (random.nextInt(40)) {
      case 0:
        // a first component that would read as a registry in a familiar name
        return "localhost/" + pathComponent(random);
      case 1:
        // a name that is also what an image ID looks like
        return hex64(random);
      default:
        break;
    }
    int components = 1 + random.nextInt(4);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < components; i++) {
      if (i > 0) {
        b.append('/');
      }
      b.append(pathComponent(random));
    }
    return b.toString();
  }

  private static String pathComponent(Random random) {
    StringBuilder b = new StringBuilder(run(random));
    int more = random.nextInt(3);
    for (int i = 0; i < more; i++) {
      b.append(SEPARATORS[random.nextInt(SEPARATORS.length)]).append(run(random));
    }
    return b.toString();
  }

  private static String run(Random random) {
    int length = 1 + random.nextInt(8);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < length; i++) {
      b.append(LOWER.charAt(random.nextInt(LOWER.length())));
    }
    return b.toString();
  }

  private static String hex64(Random random) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 64; i++) {
      b.append("0123456789abcdef".charAt(random.nextInt(16)));
    }
    return b.toString();
  }

  static Tag tag(Random random) {
    int length = random.nextInt(20) == 0 ? 128 : 1 + random.nextInt(20);
    StringBuilder b = new StringBuilder().append(WORD.charAt(random.nextInt(WORD.length())));
    String rest = WORD + ".-";
    for (int i = 1; i < length; i++) {
      b.append(rest.charAt(random.nextInt(rest.length())));
    }
    return Tag.parse(b.toString());
  }

  static Digest digest(Random random) {
    byte[] content = new byte[16];
    random.nextBytes(content);
    return Digest.of(
        random.nextInt(4) == 0 ? DigestAlgorithm.SHA512 : DigestAlgorithm.SHA256, content);
  }

  /** One of the ways a user may write {@code ref}: full, familiar, or with a legacy Hub prefix. */
  static String spelling(Random random, ImageReference ref) {
    switch (random.nextInt(4)) {
      case 0:
        return ref.toString();
      case 1:
        if (ref.registry().isDockerHub()) {
          return "index.docker.io/" + ref.toString().substring("docker.io/".length());
        }
        return ref.familiar();
      default:
        return ref.familiar();
    }
  }

  /** {@code s} with one to three random edits using characters that matter to the grammar. */
  static String mutate(Random random, String s) {
    StringBuilder b = new StringBuilder(s);
    int edits = 1 + random.nextInt(3);
    for (int i = 0; i < edits; i++) {
      int at = b.length() == 0 ? 0 : random.nextInt(b.length() + 1);
      char c = NEAR_ALPHABET.charAt(random.nextInt(NEAR_ALPHABET.length()));
      switch (random.nextInt(3)) {
        case 0:
          b.insert(at, c);
          break;
        case 1:
          if (at < b.length()) {
            b.deleteCharAt(at);
          }
          break;
        default:
          if (at < b.length()) {
            b.setCharAt(at, c);
          }
      }
    }
    return b.toString();
  }

  /** A short string over the grammar's characters, mostly invalid. */
  static String nearString(Random random) {
    int length = random.nextInt(40);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < length; i++) {
      b.append(NEAR_ALPHABET.charAt(random.nextInt(NEAR_ALPHABET.length())));
    }
    return b.toString();
  }

  /** Arbitrary UTF-16, including unpaired surrogates. */
  static String anyString(Random random) {
    int length = random.nextInt(64);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < length; i++) {
      b.append(
          (char) (random.nextBoolean() ? 0x20 + random.nextInt(0x5f) : random.nextInt(0x10000)));
    }
    return b.toString();
  }

  private ReferenceGenerators() {}
}
