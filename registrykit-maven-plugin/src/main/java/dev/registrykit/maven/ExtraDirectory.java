package dev.registrykit.maven;

import java.io.File;
import org.jspecify.annotations.Nullable;

/**
 * One of {@code <extraDirectories>}: a directory ({@code from}) copied into the image at {@code
 * into} (default {@code /}).
 */
public final class ExtraDirectory {
  @Nullable File from;
  @Nullable String into;
}
