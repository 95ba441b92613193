package dev.registrykit.examples.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** One in-process run of the command line, for tests: exit code, standard output and error. */
record CliRun(int exitCode, String stdout, String stderr) {

  static CliRun of(String... args) {
    return of(List.of(args));
  }

  static CliRun of(List<String> args) {
    return run(args, false);
  }

  /** As if standard output were a terminal: progress bars redraw in place. */
  static CliRun onTerminal(String... args) {
    return run(List.of(args), true);
  }

  /** With {@code input} as standard input. */
  static CliRun withInput(String input, String... args) {
    return run(List.of(args), false, input);
  }

  private static CliRun run(List<String> args, boolean terminal) {
    return run(args, terminal, "");
  }

  private static CliRun run(List<String> args, boolean terminal, String input) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        RegistryKitCli.standard()
            .run(
                args,
                new java.io.ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                terminal);
    return new CliRun(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Fails with both streams in the message unless the exit code is 0. */
  CliRun assertSuccess() {
    if (exitCode != 0) {
      throw new AssertionError(
          "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
    }
    return this;
  }
}
