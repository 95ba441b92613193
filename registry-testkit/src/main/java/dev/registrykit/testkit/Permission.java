package dev.registrykit.testkit;

import java.util.Locale;

/** A repository action a user may be granted, as token scopes name them. */
public enum Permission {
  /** Read manifests, blobs, tags and referrers ({@code pull}). */
  PULL,
  /** Upload blobs and manifests ({@code push}). */
  PUSH,
  /** Delete manifests, tags and blobs ({@code delete}). */
  DELETE;

  /**
   * The scope action name: {@code pull}, {@code push} or {@code delete}.
   *
   * @return the lower-case name
   */
  public String action() {
    return name().toLowerCase(Locale.ROOT);
  }
}
