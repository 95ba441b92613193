package dev.registrykit.examples.cli;

import java.io.PrintStream;
import java.util.Objects;

/**
 * Where a command writes: results to standard output always, status lines only without {@code
 * --quiet}, and whether standard output is a terminal (then progress bars redraw in place).
 */
final class Console {
  private final PrintStream out;
  private final PrintStream err;
  private final boolean terminal;
  private final boolean quiet;

  Console(PrintStream out, PrintStream err, boolean terminal, boolean quiet) {
    this.out = Objects.requireNonNull(out, "out");
    this.err = Objects.requireNonNull(err, "err");
    this.terminal = terminal;
    this.quiet = quiet;
  }

  /** Results: always printed. */
  PrintStream out() {
    return out;
  }

  PrintStream err() {
    return err;
  }

  boolean terminal() {
    return terminal;
  }

  boolean quiet() {
    return quiet;
  }

  /** A status line, as {@code docker} prints while it works; suppressed by {@code --quiet}. */
  void status(String line) {
    if (!quiet) {
      out.println(line);
    }
  }
}
