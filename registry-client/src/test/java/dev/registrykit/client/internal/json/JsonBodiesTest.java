package dev.registrykit.client.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class JsonBodiesTest {
  private static JsonBodies.ObjectBody body(String json) {
    return JsonBodies.object(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void positiveWholeNumber_dropsFractions_capsAtLong_andRefusesTheRest() {
    JsonBodies.ObjectBody body =
        body(
            "{\"a\":300,\"b\":2.9,\"c\":1e400,\"d\":0,\"e\":-5,\"f\":0.5,\"g\":\"60\","
                + "\"h\":99999999999999999999}");

    assertThat(body.positiveWholeNumber("a")).isEqualTo(OptionalLong.of(300));
    assertThat(body.positiveWholeNumber("b")).isEqualTo(OptionalLong.of(2));
    assertThat(body.positiveWholeNumber("c")).isEqualTo(OptionalLong.of(Long.MAX_VALUE));
    assertThat(body.positiveWholeNumber("h")).isEqualTo(OptionalLong.of(Long.MAX_VALUE));
    for (String absent : new String[] {"d", "e", "f", "g", "missing"}) {
      assertThat(body.positiveWholeNumber(absent)).as(absent).isEmpty();
    }
  }

  @Test
  void string_isANonEmptyString_orEmpty() {
    JsonBodies.ObjectBody body = body("{\"t\":\"x\",\"e\":\"\",\"n\":1}");

    assertThat(body.string("t")).hasValue("x");
    assertThat(body.string("e")).isEmpty();
    assertThat(body.string("n")).isEmpty();
  }

  @Test
  void stringList_nullIsEmpty_aNonStringEntryIsRefused() {
    assertThat(JsonBodies.stringList("{\"tags\":null}".getBytes(StandardCharsets.UTF_8), "tags"))
        .isEmpty();
    assertThatThrownBy(
            () ->
                JsonBodies.stringList(
                    "{\"tags\":[\"a\",7]}".getBytes(StandardCharsets.UTF_8), "tags"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a string");
  }

  @Test
  void notAnObject_orNotJson_isRefused() {
    assertThatThrownBy(() -> body("[1]")).hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> body("{\"a\":1,\"a\":2}")).hasMessageContaining("not JSON");
  }
}
