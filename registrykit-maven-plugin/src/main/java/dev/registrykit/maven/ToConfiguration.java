package dev.registrykit.maven;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** {@code <to>}: the image to write ({@code image}), more {@code tags}, explicit credentials. */
public final class ToConfiguration {
  @Nullable String image;
  @Nullable List<String> tags;
  @Nullable AuthConfiguration auth;
}
