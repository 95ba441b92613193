package dev.registrykit.core.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.core.reference.InvalidReferenceException.Reason;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TagTest {
  @ParameterizedTest
  @ValueSource(strings = {"latest", "3.19", "v1.2.3-rc.1", "_", "A", "x--y", "TAG5", "0"})
  void parse_validTag_roundTrips(String value) {
    Tag tag = Tag.parse(value);

    assertThat(tag).hasToString(value);
    assertThat(Tag.parse(tag.toString())).isEqualTo(tag);
    assertThat(Tag.tryParse(value)).contains(tag);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-x", ".x", "a:b", "a@b", "a/b", "a b", "a\n", "é"})
  void parse_invalidTag_throwsTagInvalid(String value) {
    assertThatThrownBy(() -> Tag.parse(value))
        .isInstanceOf(InvalidReferenceException.class)
        .satisfies(
            e ->
                assertThat(((InvalidReferenceException) e).reason()).isEqualTo(Reason.TAG_INVALID));
    assertThat(Tag.tryParse(value)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void parse_lengthLimit_128() {
    assertThat(Tag.parse("a".repeat(128)).value()).hasSize(128);
    assertThatThrownBy(() -> Tag.parse("a".repeat(129)))
        .hasMessageStartingWith("tag must not be longer than 128 characters, found 129: ");
    assertThat(Tag.LATEST).hasToString("latest");
  }
}
