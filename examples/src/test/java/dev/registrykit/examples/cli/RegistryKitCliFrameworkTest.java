package dev.registrykit.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parser, help and error handling of the command line, on commands made up for the test. */
class RegistryKitCliFrameworkTest {
  private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

  private static final Command ECHO =
      new Command() {
        @Override
        public CommandSpec spec() {
          return new CommandSpec(
              "echo",
              "WORD...",
              "Prints its arguments.",
              "Prints each WORD on a line.",
              List.of(OptionSpec.value("times", "N", "repeat N times")),
              1,
              3,
              false);
        }

        @Override
        public void run(Invocation invocation) {
          int times = invocation.args().intValue("times", 1, 1, 10);
          for (int i = 0; i < times; i++) {
            invocation.positionals().forEach(invocation.console().out()::println);
          }
          invocation.console().status("done");
        }
      };

  private static final Command FAIL =
      new Command() {
        @Override
        public CommandSpec spec() {
          return new CommandSpec(
              "fail",
              "",
              "Fails.",
              "",
              List.of(OptionSpec.value("user", "USER:PASS", "an account")),
              0,
              0,
              true);
        }

        @Override
        public void run(Invocation invocation) throws IOException {
          String password =
              invocation
                  .args()
                  .value("user")
                  .map(v -> UserPassword.parse("user", v).password())
                  .orElse("none");
          throw new IOException("GET manifest x: refused\nfor password " + password);
        }
      };

  private static final Command BAD_INPUT =
      new Command() {
        @Override
        public CommandSpec spec() {
          return new CommandSpec("bad", "", "Rejects its input.", "", List.of(), 0, 0, false);
        }

        @Override
        public void run(Invocation invocation) {
          throw new IllegalArgumentException("invalid reference format: \"A\"");
        }
      };

  private final RegistryKitCli cli = new RegistryKitCli(List.of(ECHO, FAIL, BAD_INPUT));

  @Test
  void run_success_exitZeroAndOutput() {
    int code = run("echo", "a", "b", "--times", "2");

    assertThat(code).isZero();
    assertThat(out()).isEqualTo("a\nb\na\nb\ndone\n");
    assertThat(err()).isEmpty();
  }

  @Test
  void run_quiet_suppressesStatusOnly() {
    int code = run("echo", "a", "--quiet");

    assertThat(code).isZero();
    assertThat(out()).isEqualTo("a\n");
  }

  @Test
  void run_noSubcommand_usageExit2() {
    assertThat(run()).isEqualTo(2);
    assertThat(err()).isEqualTo("registrykit: missing subcommand (see 'registrykit --help')\n");
  }

  @Test
  void run_unknownSubcommand_usageExit2OneLine() {
    assertThat(run("frobnicate")).isEqualTo(2);
    assertThat(err())
        .isEqualTo("registrykit: unknown subcommand 'frobnicate' (see 'registrykit --help')\n");
  }

  @Test
  void run_missingOrExtraArguments_usageExit2() {
    assertThat(run("echo")).isEqualTo(2);
    assertThat(err()).startsWith("registrykit echo: missing arguments, expected WORD...");
    assertThat(err().lines()).hasSize(1);
  }

  @Test
  void run_tooManyArguments_usageExit2() {
    assertThat(run("echo", "a", "b", "c", "d")).isEqualTo(2);
    assertThat(err()).startsWith("registrykit echo: too many arguments");
  }

  @Test
  void run_help_listsSubcommandsAndOptions() {
    assertThat(run("--help")).isZero();
    assertThat(out()).contains("echo  Prints its arguments.", "fail  Fails.");

    outBytes.reset();
    assertThat(run("echo", "--help")).isZero();
    assertThat(out())
        .startsWith("Usage: registrykit echo [OPTIONS] WORD...")
        .contains("--times N", "--quiet", "--debug", "Prints each WORD on a line.")
        .doesNotContain("--insecure");

    outBytes.reset();
    assertThat(run("help", "fail")).isZero();
    assertThat(out()).contains("--insecure", "--user USER:PASS", "--cert-dir DIR");
  }

  @Test
  void run_failure_exit1OneLineRedacted() {
    int code = run("fail", "--user", "alice:s3cr3t");

    assertThat(code).isEqualTo(1);
    assertThat(err())
        .isEqualTo("registrykit fail: GET manifest x: refused for password ***\n")
        .doesNotContain("s3cr3t");
  }

  @Test
  void run_failureWithDebug_printsStackTrace() {
    int code = run("fail", "--debug");

    assertThat(code).isEqualTo(1);
    assertThat(err()).contains("java.io.IOException", "\tat ");
  }

  @Test
  void run_invalidInput_exit2() {
    assertThat(run("bad")).isEqualTo(2);
    assertThat(err()).isEqualTo("registrykit bad: invalid reference format: \"A\"\n");
  }

  @Test
  void run_badCredsSyntax_exit2WithoutValue() {
    assertThat(run("fail", "--user=nocolon")).isEqualTo(2);
    assertThat(err()).doesNotContain("nocolon").contains("--user must be USER:PASS");
  }

  private int run(String... args) {
    return cli.run(
        List.of(args),
        new PrintStream(outBytes, true, StandardCharsets.UTF_8),
        new PrintStream(errBytes, true, StandardCharsets.UTF_8),
        false);
  }

  private String out() {
    return outBytes.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }
}
