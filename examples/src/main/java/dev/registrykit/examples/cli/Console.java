package dev.registrykit.examples.cli;

import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.text.UntrustedText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Where a command writes: results to standard output always, status lines only without {@code
 * --quiet}, and whether standard output is a terminal (then progress bars redraw in place, and JSON
 * from a registry is made safe for it: {@link #printJson}).
 */
final class Console {
  /** The most a command reads from standard input (a password, a token): bounded memory. */
  static final int MAX_INPUT = 64 * 1024;

  /** What {@link #printJson} does, for the help of the commands that use it. */
  static final String JSON_OUTPUT_HELP =
      """
      On a terminal, control characters, escape sequences and bidirectional overrides a registry
      put in JSON strings are printed as \\uXXXX escapes (the same JSON, other bytes). Redirected
      to a file or a pipe nothing is changed: a manifest or config is the registry's bytes exactly.""";

  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;
  private final boolean terminal;
  private final boolean quiet;

  Console(PrintStream out, PrintStream err, boolean terminal, boolean quiet) {
    this(InputStream.nullInputStream(), out, err, terminal, quiet);
  }

  Console(InputStream in, PrintStream out, PrintStream err, boolean terminal, boolean quiet) {
    this.in = Objects.requireNonNull(in, "in");
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

  /**
   * Prints a JSON document that a registry supplied, or that quotes what it said, as a result,
   * ending with a line break. The one rule for such text on standard output: on a terminal, the
   * characters a terminal would act on (control characters, escape sequences, bidirectional
   * overrides) inside its strings are printed as JSON escapes ({@link UntrustedText#displayJson}:
   * still the same JSON, but other bytes); elsewhere (a file, a pipe) the bytes are written as they
   * are, so that a manifest saved with {@code >} keeps its digest.
   */
  void printJson(Bytes json) throws IOException {
    String text = json.utf8();
    if (terminal) {
      out.print(UntrustedText.displayJson(text));
    } else {
      json.writeTo(out);
    }
    if (!text.endsWith("\n")) {
      out.println();
    }
  }

  /** A status line, as {@code docker} prints while it works; suppressed by {@code --quiet}. */
  void status(String line) {
    if (!quiet) {
      out.println(line);
    }
  }

  /**
   * All of standard input as text, at most {@link #MAX_INPUT} bytes.
   *
   * @throws UsageException when there is more
   */
  String readInput() throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    for (int n; (n = in.read(chunk)) != -1; ) {
      if (buffer.size() + n > MAX_INPUT) {
        throw new UsageException("standard input is longer than " + MAX_INPUT + " bytes");
      }
      buffer.write(chunk, 0, n);
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }

  /**
   * Asks on the terminal, echoing the answer unless it is {@code secret}.
   *
   * @throws UsageException when there is no terminal to ask on
   */
  String prompt(String question, boolean secret, String alternative) {
    java.io.Console tty = System.console();
    if (tty == null) {
      throw new UsageException("cannot prompt without a terminal; " + alternative);
    }
    if (secret) {
      char[] answer = tty.readPassword("%s", question);
      return answer == null ? "" : new String(answer);
    }
    String answer = tty.readLine("%s", question);
    return answer == null ? "" : answer;
  }
}
