package dev.registrykit.core.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.core.internal.json.JsonValue.JsonArray;
import dev.registrykit.core.internal.json.JsonValue.JsonNumber;
import dev.registrykit.core.internal.json.JsonValue.JsonObject;
import dev.registrykit.core.internal.json.JsonValue.JsonString;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

class JsonTextTest {
  @Test
  void readsAndWritesBack_compact_inDocumentOrder_numbersAsWritten() {
    String text =
        "{ \"z\": 1, \"a\": [1.50, 1E+2, -0.0, 9223372036854775808, true, null],"
            + " \"s\": \"\\u00e9\\n\\\"\", \"o\": {} }";

    JsonValue value = JsonText.parse(text.getBytes(StandardCharsets.UTF_8));

    assertThat(JsonText.compact(value))
        .isEqualTo(
            "{\"z\":1,\"a\":[1.50,1E+2,0.0,9223372036854775808,true,null],\"s\":\"é\\n\\\"\",\"o\":{}}");
    JsonObject object = (JsonObject) value;
    assertThat(object.members().keySet()).containsExactly("z", "a", "s", "o");
    JsonArray array = (JsonArray) object.get("a");
    JsonNumber big = (JsonNumber) array.elements().get(3);
    assertThat(big.value()).isEqualTo(new BigInteger("9223372036854775808"));
    assertThat(big.isIntegral()).isTrue();
    assertThat(big.fitsLong()).isFalse();
    assertThat(((JsonNumber) array.elements().get(0)).isIntegral()).isFalse();
    assertThat(((JsonNumber) object.get("z")).fitsLong()).isTrue();
    assertThat(object.get("s")).isEqualTo(new JsonString("é\n\""));
  }

  @Test
  void aNameGivenTwice_isAnError() {
    assertThatThrownBy(() -> JsonText.parse("{\"a\":1,\"a\":2}"))
        .isInstanceOf(JacksonException.class)
        .hasMessageContaining("Duplicate");
  }

  @Test
  void lastNameWins_keepsTheLastValue_asGoDoes_butIsOtherwiseAsStrict() {
    JsonValue value =
        JsonText.parseLastNameWins("{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8));

    assertThat(((JsonObject) value).get("a")).isEqualTo(new JsonNumber(2));
    assertThatThrownBy(() -> JsonText.parseLastNameWins("{} {}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(JacksonException.class);
  }

  @Test
  void anythingAfterTheValue_isAnError() {
    assertThatThrownBy(() -> JsonText.parse("{} {}"))
        .isInstanceOf(JacksonException.class)
        .hasMessageContaining("trailing token");
    assertThatThrownBy(() -> JsonText.parse("[1] x")).isInstanceOf(JacksonException.class);
  }

  @Test
  void anEmptyDocument_isAnError() {
    assertThatThrownBy(() -> JsonText.parse(new byte[0]))
        .isInstanceOf(JacksonException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> JsonText.parse("  \n")).isInstanceOf(JacksonException.class);
  }

  @Test
  void nestingBeyondTheParsersLimit_isAnError_notAStackOverflow() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);

    assertThatThrownBy(() -> JsonText.parse(deep)).isInstanceOf(JacksonException.class);
  }

  @Test
  void aNumberOnlyOfTheFourKinds() {
    assertThatThrownBy(() -> new JsonNumber(1.5d)).isInstanceOf(IllegalArgumentException.class);
  }
}
