package dev.registrykit.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.registrykit.core.internal.json.JsonText;
import dev.registrykit.core.internal.json.JsonValue;
import dev.registrykit.core.internal.json.JsonValue.JsonNumber;
import dev.registrykit.core.internal.json.JsonValue.JsonObject;
import dev.registrykit.core.internal.json.JsonValue.JsonString;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UntrustedTextTest {
  @Test
  void display_plainText_isUnchanged() {
    String text = "manifest unknown: tag \"v1.2\" — ünïcödé 😀 \\ path";
    assertThat(UntrustedText.display(text)).isSameAs(text);
  }

  @Test
  void display_terminalEscapeAndBell_areEscaped() {
    assertThat(UntrustedText.display("red\u001b[31mALERT\u0007\u007f"))
        .isEqualTo("red\\x1B[31mALERT\\x07\\x7F");
  }

  @Test
  void display_c1Controls_areEscaped() {
    // U+009B is the one-character CSI: as dangerous as ESC [ on terminals that honour C1.
    assertThat(UntrustedText.display("a\u009b2Jb\u0085")).isEqualTo("a\\x9B2Jb\\x85");
  }

  @Test
  void display_bidiOverridesAndIsolates_areEscaped() {
    assertThat(UntrustedText.display("exe.\u202Efdp\u2066x\u2069\u200f\u061c"))
        .isEqualTo("exe.\\u202Efdp\\u2066x\\u2069\\u200F\\u061C");
  }

  @Test
  void display_lineBreaksAndTabs_becomeSpaces() {
    assertThat(UntrustedText.display("one\r\ntwo\tthree")).isEqualTo("one  two three");
  }

  @Test
  void display_loneSurrogates_areEscaped_pairsKept() {
    assertThat(UntrustedText.display("x\ud800y\udc00z😀")).isEqualTo("x\\uD800y\\uDC00z😀");
  }

  @Test
  void display_withLimit_cutsAndMarks_neverSplittingAPair() {
    assertThat(UntrustedText.display("abcdef", 3)).isEqualTo("abc…");
    assertThat(UntrustedText.display("ab😀", 3)).isEqualTo("ab…");
    assertThat(UntrustedText.display("abc", 3)).isEqualTo("abc");
    assertThatThrownBy(() -> UntrustedText.display("a", -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void display_randomInput_neverYieldsAControlOrBidiCharacter() {
    Random random = new Random(20261206L);
    for (int round = 0; round < 2_000; round++) {
      char[] chars = new char[random.nextInt(40)];
      for (int i = 0; i < chars.length; i++) {
        chars[i] =
            random.nextBoolean() ? (char) random.nextInt(0x100) : (char) random.nextInt(0x10000);
      }
      String shown = UntrustedText.display(new String(chars));
      for (int i = 0; i < shown.length(); i++) {
        char c = shown.charAt(i);
        assertThat(c < 0x20 || (c >= 0x7f && c <= 0x9f))
            .as("control U+%04X in %s", (int) c, shown)
            .isFalse();
        assertThat(c == '\u202e' || c == '\u2066' || c == '\u200f')
            .as("bidi U+%04X", (int) c)
            .isFalse();
      }
    }
  }

  @Test
  void displayJson_honestJson_isReturnedAsItIs() {
    String json =
        "{\r\n\t\"a\": \"ünïcödé 😀 \\\" \\\\ \\u001b\",\n  \"b\": [1, 2.5e3, true, null]\n}\n";
    assertThat(UntrustedText.displayJson(json)).isSameAs(json);
  }

  @Test
  void displayJson_terminalControlsInStrings_becomeJsonEscapes() {
    String json = "{\"a\":\"x\u001b]0;t\u0007\u009b2J\u0085\u007f\",\"b\":\"exe.\u202efdp\ud800\"}";

    assertThat(UntrustedText.displayJson(json))
        .isEqualTo(
            "{\"a\":\"x\\u001B]0;t\\u0007\\u009B2J\\u0085\\u007F\","
                + "\"b\":\"exe.\\u202Efdp\\uD800\"}");
  }

  @Test
  void displayJson_rawLineBreakInAString_isEscaped_betweenValuesKept() {
    assertThat(UntrustedText.displayJson("{\n\"a\":\"one\ntwo\ttab\"\n}"))
        .isEqualTo("{\n\"a\":\"one\\u000Atwo\\u0009tab\"\n}");
  }

  @Test
  void displayJson_controlRightAfterABackslash_becomesOneEscape() {
    assertThat(UntrustedText.displayJson("[\"a\\\u001b[2J\"]")).isEqualTo("[\"a\\u001B[2J\"]");
  }

  @Test
  void displayJson_carriageReturnThatDoesNotEndALine_becomesALineFeed() {
    assertThat(UntrustedText.displayJson("{\"a\":1,\r\"hidden\":2}\r\n"))
        .isEqualTo("{\"a\":1,\n\"hidden\":2}\r\n");
  }

  @Test
  void displayJson_outsideStrings_escapesWhatIsNotJsonAnyway() {
    assertThat(UntrustedText.displayJson("{}\u001b[2J\u202e")).isEqualTo("{}\\u001B[2J\\u202E");
  }

  @Test
  void displayJson_randomValues_sameJsonValue_andNothingATerminalActsOn() {
    Random random = new Random(20261206L);
    for (int round = 0; round < 1_000; round++) {
      char[] chars = new char[random.nextInt(30)];
      for (int i = 0; i < chars.length; i++) {
        chars[i] =
            random.nextBoolean() ? (char) random.nextInt(0x100) : (char) random.nextInt(0x10000);
      }
      String value = new String(chars);
      // Jackson escapes C0 controls and leaves C1 controls and bidi characters raw.
      JsonValue expected =
          new JsonObject(
              java.util.Map.of("k\u202e", new JsonString(value), "n", new JsonNumber(round)));
      String json = JsonText.compact(expected);

      String shown = UntrustedText.displayJson(json);

      assertThat(JsonText.parse(shown)).as(json).isEqualTo(expected);
      for (int i = 0; i < shown.length(); i++) {
        char c = shown.charAt(i);
        assertThat(c < 0x20 || (c >= 0x7f && c <= 0x9f))
            .as("control U+%04X in %s", (int) c, shown)
            .isFalse();
        assertThat(c == '\u202e' || c == '\u2066' || c == '\u200f' || c == '\u061c')
            .as("bidi U+%04X", (int) c)
            .isFalse();
      }
    }
  }
}
