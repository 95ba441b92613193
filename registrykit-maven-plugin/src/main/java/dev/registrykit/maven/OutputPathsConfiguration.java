package dev.registrykit.maven;

import java.io.File;
import org.jspecify.annotations.Nullable;

/**
 * {@code <outputPaths>}: where {@code buildLayout} and {@code buildTar} write, and the result
 * files' directory.
 */
public final class OutputPathsConfiguration {
  @Nullable File layout;
  @Nullable File tar;
  @Nullable File results;
}
