package dev.registrykit.core.reference;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Jazzer fuzz test, the Java version of distribution's {@code FuzzParseNormalizedNamed}: any input
 * is either a reference that round-trips or an {@link InvalidReferenceException}, never another
 * exception and never a hang. The committed corpus under {@code ImageReferenceFuzzTestInputs} runs
 * in every build; {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class ImageReferenceFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void parse_anyBytes_roundTripsOrThrowsInvalidReference(byte[] data) {
    String input = new String(data, StandardCharsets.UTF_8);
    ImageReference ref;
    try {
      ref = ImageReference.parse(input);
    } catch (InvalidReferenceException expected) {
      return;
    }
    assertThat(ImageReference.parse(ref.toString())).isEqualTo(ref);
    assertThat(ImageReference.parse(ref.familiar())).isEqualTo(ref);
    assertThat(ImageReference.parseStrict(ref.toString())).isEqualTo(ref);
    assertThat(ref.withDefaultTag().identifier()).isNotEmpty();
  }

  @FuzzTest(maxDuration = "30s")
  void parseParts_anyBytes_roundTripOrThrowInvalidReference(byte[] data) {
    String input = new String(data, StandardCharsets.UTF_8);
    try {
      Registry registry = Registry.parse(input);
      assertThat(Registry.parse(registry.toString())).isEqualTo(registry);
      registry.isLoopback();
      registry.port();
      assertThat(registry.apiHost()).isNotEmpty();
    } catch (InvalidReferenceException expected) {
      assertThat(Registry.tryParse(input)).isEmpty();
    }
    try {
      Tag tag = Tag.parse(input);
      assertThat(Tag.parse(tag.toString())).isEqualTo(tag);
    } catch (InvalidReferenceException expected) {
      assertThat(Tag.tryParse(input)).isEmpty();
    }
    try {
      Repository repository = Repository.parse(input);
      assertThat(Repository.parse(repository.name())).isEqualTo(repository);
      assertThat(Repository.parse(repository.familiarName())).isEqualTo(repository);
    } catch (InvalidReferenceException expected) {
      assertThat(Repository.tryParse(input)).isEmpty();
    }
  }
}
