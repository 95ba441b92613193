package dev.registrykit.core.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.registrykit.core.reference.DockerNormalizationOracle.Parsed;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Properties of references over seeded random inputs. Every failure names the seed; replay with
 * {@code -Dregistrykit.seed=N}.
 */
class ImageReferencePropertiesTest {
  private static final int TRIES = 3_000;
  private static final long SEED = ReferenceGenerators.seed();

  @BeforeAll
  static void printSeed() {
    System.out.println(
        "ImageReferencePropertiesTest seed: "
            + SEED
            + " (replay with -Dregistrykit.seed="
            + SEED
            + ")");
  }

  private static void forAll(
      String property, Function<Random, String> generator, Consumer<String> check) {
    Random random = new Random(SEED);
    for (int i = 0; i < TRIES; i++) {
      String input = generator.apply(random);
      try {
        check.accept(input);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(
            property
                + " failed for input "
                + ReferenceErrors.quote(input)
                + " (seed "
                + SEED
                + ", try "
                + i
                + ")",
            e);
      }
    }
  }

  @Test
  void parse_toStringOfGenerated_equalsOriginal() {
    Random random = new Random(SEED);
    for (int i = 0; i < TRIES; i++) {
      ImageReference ref = ReferenceGenerators.reference(random);
      assertThat(ImageReference.parse(ref.toString())).as("seed %d, %s", SEED, ref).isEqualTo(ref);
      assertThat(ImageReference.parseStrict(ref.toString()))
          .as("seed %d, %s", SEED, ref)
          .isEqualTo(ref);
    }
  }

  @Test
  void parse_familiarOfGenerated_equalsOriginal() {
    Random random = new Random(SEED);
    for (int i = 0; i < TRIES; i++) {
      ImageReference ref = ReferenceGenerators.reference(random);
      assertThat(ImageReference.parse(ref.familiar())).as("seed %d, %s", SEED, ref).isEqualTo(ref);
      assertThat(ref.familiar().length())
          .as("seed %d, %s", SEED, ref)
          .isLessThanOrEqualTo(ref.toString().length());
    }
  }

  @Test
  void parse_anySpelling_isIdempotent() {
    forAll(
        "normalization is idempotent",
        random -> ReferenceGenerators.spelling(random, ReferenceGenerators.reference(random)),
        input -> {
          ImageReference once = ImageReference.parse(input);
          ImageReference twice = ImageReference.parse(once.toString());
          assertThat(twice).isEqualTo(once);
          assertThat(twice.toString()).isEqualTo(once.toString());
          assertThat(ImageReference.parse(once.familiar()).familiar()).isEqualTo(once.familiar());
        });
  }

  @Test
  void parse_generatedSpellings_agreeWithDistributionOracle() {
    forAll(
        "agreement with ParseNormalizedNamed",
        random -> ReferenceGenerators.spelling(random, ReferenceGenerators.reference(random)),
        ImageReferencePropertiesTest::assertAgreesWithOracle);
  }

  @Test
  void parse_mutatedSpellings_agreeWithDistributionOracle() {
    forAll(
        "agreement with ParseNormalizedNamed",
        random ->
            ReferenceGenerators.mutate(
                random,
                ReferenceGenerators.spelling(random, ReferenceGenerators.reference(random))),
        ImageReferencePropertiesTest::assertAgreesWithOracle);
  }

  @Test
  void parse_nearStrings_agreeWithDistributionOracle() {
    forAll(
        "agreement with ParseNormalizedNamed",
        ReferenceGenerators::nearString,
        ImageReferencePropertiesTest::assertAgreesWithOracle);
  }

  @Test
  void parse_anyString_onlyInvalidReferenceException() {
    forAll(
        "only InvalidReferenceException",
        ReferenceGenerators::anyString,
        input -> {
          Optional<ImageReference> parsed = ImageReference.tryParse(input);
          parsed.ifPresent(ref -> assertThat(ImageReference.parse(ref.toString())).isEqualTo(ref));
        });
  }

  /**
   * Same accept/reject verdict and the same parts as distribution; where distribution accepts a
   * name with no registry (its quirk for first components like {@code a_b.c}), we reject.
   */
  private static void assertAgreesWithOracle(String input) {
    Optional<Parsed> expected = DockerNormalizationOracle.parseNormalizedNamed(input);
    Optional<ImageReference> actual;
    try {
      actual = Optional.of(ImageReference.parse(input));
    } catch (InvalidReferenceException e) {
      actual = Optional.empty();
    }
    if (expected.isPresent() && expected.get().domain().isEmpty()) {
      assertThat(actual).as("distribution finds no registry; we reject").isEmpty();
      return;
    }
    if (expected.isPresent() != actual.isPresent()) {
      fail(
          "distribution "
              + (expected.isPresent() ? "accepts as " + expected.get() : "rejects")
              + ", we "
              + (actual.isPresent() ? "accept as " + actual.get() : "reject"));
    }
    actual.ifPresent(ref -> assertThat(Parsed.of(ref)).isEqualTo(expected.get()));
  }

  /**
   * Long adversarial inputs, the kind that make backtracking regexes explode: each must be decided
   * (accepted or rejected with InvalidReferenceException) without hanging. The timeout is a hang
   * guard, far above the milliseconds these take.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "a-",
        "a.",
        ":",
        "a:",
        "/",
        "a/",
        "a__",
        "-",
        "_",
        ".",
        "@",
        "[",
        "[:",
        "a-a.",
        "0.",
        "A",
        "a",
        "a/a-",
        "a:1",
        "Aa.",
        "[::",
        "a@sha256:",
        "\n"
      })
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void parse_longAdversarialInput_decidesQuickly(String unit) {
    int count = 100_000 / unit.length();
    String repeated = unit.repeat(count);
    for (String input :
        new String[] {
          repeated,
          repeated + "!",
          "a/" + repeated,
          "localhost/" + repeated,
          "x.io/" + repeated + ":tag",
          "alpine:" + repeated,
          repeated + "/a",
          "a@" + repeated
        }) {
      try {
        ImageReference ref = ImageReference.parse(input);
        assertThat(ImageReference.parse(ref.toString())).isEqualTo(ref);
      } catch (InvalidReferenceException expected) {
        assertThat(expected.getMessage()).hasSizeLessThan(600);
      }
    }
  }
}
