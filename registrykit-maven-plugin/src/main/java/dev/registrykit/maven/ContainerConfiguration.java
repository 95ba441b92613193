package dev.registrykit.maven;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** {@code <container>}: how the image runs the application. */
public final class ContainerConfiguration {
  @Nullable String mainClass;
  @Nullable List<String> jvmFlags;
  @Nullable Map<String, String> environment;
  @Nullable Map<String, String> labels;
  @Nullable List<String> ports;
  @Nullable String user;
  @Nullable String creationTime;
  @Nullable List<String> entrypoint;
  @Nullable List<String> args;
  @Nullable String workingDirectory;
  @Nullable String appRoot;
  @Nullable List<String> volumes;
}
