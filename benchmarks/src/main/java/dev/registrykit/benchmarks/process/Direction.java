package dev.registrykit.benchmarks.process;

/** Which way an image moves. */
public enum Direction {
  /** From the OCI layout on disk into the registry. */
  PUSH,
  /** From the registry into a fresh OCI layout (or file) on disk. */
  PULL;

  /**
   * The lower-case name used on the command line and in tables.
   *
   * @return {@code push} or {@code pull}
   */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
