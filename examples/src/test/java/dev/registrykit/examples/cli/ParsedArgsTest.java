package dev.registrykit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParsedArgsTest {
  private static final List<OptionSpec> SPECS =
      List.of(
          OptionSpec.value("port", "PORT", "port"),
          OptionSpec.value("creds", "USER:PASS", "creds"),
          OptionSpec.flag("tls", "tls"),
          OptionSpec.flag("help", "help"),
          OptionSpec.flag("quiet", "quiet"));

  @Test
  void parse_mixedOptionsAndPositionals_keepsOrderAndValues() {
    ParsedArgs args =
        ParsedArgs.parse(List.of("a", "--port", "5000", "b", "--tls", "--creds=u:p:q", "c"), SPECS);

    assertThat(args.positionals()).containsExactly("a", "b", "c");
    assertThat(args.value("port")).contains("5000");
    assertThat(args.value("creds")).contains("u:p:q");
    assertThat(args.has("tls")).isTrue();
    assertThat(args.has("help")).isFalse();
  }

  @Test
  void optionArgs_repeatedAndMixedForms_everyOccurrenceInOrderNormalised() {
    ParsedArgs args =
        ParsedArgs.parse(
            List.of("--creds", "a:1", "x", "--quiet", "--tls", "--creds=b:2", "--port", "7"),
            SPECS);

    assertThat(args.value("creds")).contains("b:2");
    assertThat(args.optionArgs(List.of(SPECS.get(1), SPECS.get(2), SPECS.get(0))))
        .containsExactly("--creds=a:1", "--tls", "--creds=b:2", "--port=7");
    assertThat(args.optionArgs(List.of(SPECS.get(4)))).containsExactly("--quiet");
    assertThat(args.optionArgs(List.of())).isEmpty();
  }

  @Test
  void parse_doubleDash_endsOptions() {
    ParsedArgs args = ParsedArgs.parse(List.of("--tls", "--", "--port", "-"), SPECS);

    assertThat(args.positionals()).containsExactly("--port", "-");
    assertThat(args.has("tls")).isTrue();
  }

  @Test
  void parse_shortAliases_mapToHelpAndQuiet() {
    ParsedArgs args = ParsedArgs.parse(List.of("-h", "-q"), SPECS);

    assertThat(args.has("help")).isTrue();
    assertThat(args.has("quiet")).isTrue();
  }

  @Test
  void parse_unknownOption_usageErrorWithoutValue() {
    assertThatThrownBy(() -> ParsedArgs.parse(List.of("--cred=alice:secret"), SPECS))
        .isInstanceOf(UsageException.class)
        .hasMessage("unknown option --cred")
        .hasMessageNotContaining("secret");
    assertThatThrownBy(() -> ParsedArgs.parse(List.of("-x"), SPECS))
        .isInstanceOf(UsageException.class)
        .hasMessage("unknown option -x");
  }

  @Test
  void parse_missingValue_usageError() {
    assertThatThrownBy(() -> ParsedArgs.parse(List.of("--port"), SPECS))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--port needs a value PORT");
  }

  @Test
  void parse_valueGivenToFlag_usageError() {
    assertThatThrownBy(() -> ParsedArgs.parse(List.of("--tls=yes"), SPECS))
        .isInstanceOf(UsageException.class)
        .hasMessage("option --tls takes no value");
  }

  @Test
  void intValue_outOfRangeOrMalformed_usageError() {
    assertThat(ParsedArgs.parse(List.of(), SPECS).intValue("port", 5000, 0, 65535)).isEqualTo(5000);
    assertThat(ParsedArgs.parse(List.of("--port=0"), SPECS).intValue("port", 5000, 0, 65535))
        .isZero();
    assertThatThrownBy(
            () -> ParsedArgs.parse(List.of("--port=70000"), SPECS).intValue("port", 1, 0, 65535))
        .isInstanceOf(UsageException.class);
    assertThatThrownBy(
            () -> ParsedArgs.parse(List.of("--port=x"), SPECS).intValue("port", 1, 0, 65535))
        .isInstanceOf(UsageException.class)
        .hasMessage("--port must be a number");
  }

  @Test
  void userPassword_parse_splitsAtFirstColonAndRedacts() {
    UserPassword creds = UserPassword.parse("creds", "alice:wonder:land");

    assertThat(creds.user()).isEqualTo("alice");
    assertThat(creds.password()).isEqualTo("wonder:land");
    assertThat(creds.toString()).isEqualTo("alice:***");
    assertThatThrownBy(() -> UserPassword.parse("creds", "secret"))
        .isInstanceOf(UsageException.class)
        .hasMessageNotContaining("secret");
  }
}
