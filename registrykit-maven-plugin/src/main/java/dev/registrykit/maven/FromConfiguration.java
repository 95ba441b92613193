package dev.registrykit.maven;

import org.jspecify.annotations.Nullable;

/** {@code <from>}: the base image ({@code image}) and explicit credentials for its registry. */
public final class FromConfiguration {
  @Nullable String image;
  @Nullable AuthConfiguration auth;
}
