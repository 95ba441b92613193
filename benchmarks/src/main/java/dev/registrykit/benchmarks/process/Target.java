package dev.registrykit.benchmarks.process;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * A registry a contender pushes to or pulls from, started fresh for every timed run (empty storage:
 * nothing to skip or mount, no warm cache) and always on 127.0.0.1 over plain HTTP.
 */
public interface Target {

  /**
   * The name in tables, e.g. {@code distribution}.
   *
   * @return the name
   */
  String name();

  /**
   * Why this target cannot run here (binary or jar missing), or empty when it can.
   *
   * @return the reason, or empty
   */
  Optional<String> unavailableReason();

  /**
   * Starts a fresh instance and waits until it answers.
   *
   * @return the running instance; close it after the run
   * @throws IOException if it does not start
   */
  Running start() throws IOException;

  /** A started instance. */
  interface Running extends AutoCloseable {
    /**
     * {@code 127.0.0.1:PORT}.
     *
     * @return host and port
     */
    String hostPort();

    /**
     * The server process's peak resident set size so far ({@code VmHWM}), when it is a process of
     * its own.
     *
     * @return bytes, or empty
     */
    Optional<Long> peakRssBytes();

    /**
     * The user plus system CPU time the server process has used so far, when it is a process of its
     * own: read before and after a run, it is the server's share of the run's work.
     *
     * @return the CPU time, or empty (by default: not a process of its own)
     */
    default Optional<Duration> cpu() {
      return Optional.empty();
    }

    /** Stops the instance and deletes its storage. */
    @Override
    void close();
  }
}
