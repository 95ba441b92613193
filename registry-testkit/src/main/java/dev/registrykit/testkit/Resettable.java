package dev.registrykit.testkit;

/** Something that can be returned to its initial state, so one instance serves many tests. */
public interface Resettable {
  /** Returns to the initial state. */
  void reset();
}
