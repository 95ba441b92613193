package dev.registrykit.benchmarks.process;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one timed run does: a command line (measured for wall time, CPU time and peak RSS) or Java
 * code run in this JVM (wall time and this JVM's CPU time; its RSS would be the harness's).
 */
public final class Action {

  /** In-process work. */
  @FunctionalInterface
  public interface Body {
    /**
     * Does the work once.
     *
     * @throws Exception on failure, which fails the run
     */
    void run() throws Exception;
  }

  private final List<String> command;
  private final Optional<Body> body;

  private Action(List<String> command, Optional<Body> body) {
    this.command = command;
    this.body = body;
  }

  /**
   * An external command.
   *
   * @param command the program and its arguments
   * @return the action
   */
  public static Action command(List<String> command) {
    if (command.isEmpty()) {
      throw new IllegalArgumentException("empty command");
    }
    return new Action(List.copyOf(command), Optional.empty());
  }

  /**
   * Java code run in this JVM.
   *
   * @param description what it does, printed instead of a command line
   * @param body the work
   * @return the action
   */
  public static Action inProcess(String description, Body body) {
    return new Action(List.of(description), Optional.of(Objects.requireNonNull(body, "body")));
  }

  /**
   * The command line, or the description of in-process work.
   *
   * @return the command
   */
  public List<String> command() {
    return command;
  }

  /**
   * The in-process body, when this is not an external command.
   *
   * @return the body, or empty
   */
  public Optional<Body> body() {
    return body;
  }

  /**
   * The command as one shell-quoted line, for the report.
   *
   * @return the line
   */
  public String display() {
    if (body.isPresent()) {
      return "(in-process) " + command.get(0);
    }
    StringBuilder line = new StringBuilder();
    for (String arg : command) {
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(
          arg.matches("[A-Za-z0-9_./:=@%+,-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'");
    }
    return line.toString();
  }
}
