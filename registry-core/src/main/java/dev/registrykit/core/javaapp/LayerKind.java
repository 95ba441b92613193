package dev.registrykit.core.javaapp;

/**
 * The layers of a Java application, in image order: the kinds that change least often come first,
 * so that a change rebuilds and transfers only its own layer and the ones above it.
 */
public enum LayerKind {
  /** Release (non-snapshot) dependency jars: change when a version changes. */
  DEPENDENCIES("dependencies"),
  /** Snapshot dependency jars: may change with every build of their project. */
  SNAPSHOT_DEPENDENCIES("snapshot dependencies"),
  /** Jars of other modules of the same build (a reactor's siblings). */
  PROJECT_DEPENDENCIES("project dependencies"),
  /** Resources (the build's copied resources directory). */
  RESOURCES("resources"),
  /** Compiled classes. */
  CLASSES("classes"),
  /** Extra directories copied into the image as they are. */
  EXTRA_FILES("extra files");

  private final String label;

  LayerKind(String label) {
    this.label = label;
  }

  /** A short human name, e.g. {@code snapshot dependencies}. */
  public String label() {
    return label;
  }
}
