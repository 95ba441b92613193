package dev.registrykit.core.manifest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The execution parameters of an image: the {@code config} member of an image config.
 *
 * <p>Immutable and thread-safe; the {@code with…} methods return modified copies and keep {@link
 * #unknownFields()} (e.g. {@code Healthcheck}, {@code ArgsEscaped}, {@code OnBuild}). Labels, ports
 * and volumes are sorted, which is how Go encodes these maps. {@code Entrypoint} and {@code Cmd}
 * are optional lists because "absent" (inherit) and "empty" differ to a container runtime.
 *
 * @param user the {@code User}, e.g. {@code 1000:1000}
 * @param exposedPorts the {@code ExposedPorts} keys, e.g. {@code 8080/tcp}
 * @param env the {@code Env} entries, {@code NAME=value}, in order
 * @param entrypoint the {@code Entrypoint}
 * @param cmd the {@code Cmd}
 * @param volumes the {@code Volumes} keys
 * @param workingDir the {@code WorkingDir}
 * @param labels the {@code Labels}
 * @param stopSignal the {@code StopSignal}, e.g. {@code SIGTERM}
 * @param unknownFields members not modelled here
 * @see <a
 *     href="https://github.com/opencontainers/image-spec/blob/main/config.md#properties">image-spec
 *     config.md, properties</a>
 */
public record ContainerConfig(
    Optional<String> user,
    Set<String> exposedPorts,
    List<String> env,
    Optional<List<String>> entrypoint,
    Optional<List<String>> cmd,
    Set<String> volumes,
    Optional<String> workingDir,
    Map<String, String> labels,
    Optional<String> stopSignal,
    UnknownFields unknownFields) {

  /** No parameters at all. */
  public static final ContainerConfig EMPTY =
      new ContainerConfig(
          Optional.empty(),
          Set.of(),
          List.of(),
          Optional.empty(),
          Optional.empty(),
          Set.of(),
          Optional.empty(),
          Map.of(),
          Optional.empty(),
          UnknownFields.EMPTY);

  /** Validates and copies the components. */
  public ContainerConfig {
    Objects.requireNonNull(user, "user");
    exposedPorts = sortedSet(exposedPorts);
    env = List.copyOf(env);
    entrypoint = entrypoint.map(List::copyOf);
    cmd = cmd.map(List::copyOf);
    volumes = sortedSet(volumes);
    Objects.requireNonNull(workingDir, "workingDir");
    labels = Descriptor.sortedCopy(labels);
    Objects.requireNonNull(stopSignal, "stopSignal");
    Objects.requireNonNull(unknownFields, "unknownFields");
  }

  /** Whether nothing is set. */
  public boolean isEmpty() {
    return equals(EMPTY);
  }

  /** The value of environment variable {@code name}, from the last {@code name=…} entry. */
  public Optional<String> envVar(String name) {
    String prefix = name + "=";
    Optional<String> found = Optional.empty();
    for (String entry : env) {
      if (entry.startsWith(prefix)) {
        found = Optional.of(entry.substring(prefix.length()));
      }
    }
    return found;
  }

  /** A copy with {@code user}. */
  public ContainerConfig withUser(String user) {
    return new ContainerConfig(
        Optional.of(user),
        exposedPorts,
        env,
        entrypoint,
        cmd,
        volumes,
        workingDir,
        labels,
        stopSignal,
        unknownFields);
  }

  /** A copy with {@code exposedPorts} replacing the current ones. */
  public ContainerConfig withExposedPorts(Set<String> exposedPorts) {
    return new ContainerConfig(
        user,
        exposedPorts,
        env,
        entrypoint,
        cmd,
        volumes,
        workingDir,
        labels,
        stopSignal,
        unknownFields);
  }

  /** A copy with {@code port} (e.g. {@code 8080/tcp}) added to the exposed ports. */
  public ContainerConfig withExposedPort(String port) {
    Set<String> copy = new TreeSet<>(exposedPorts);
    copy.add(port);
    return withExposedPorts(copy);
  }

  /** A copy with {@code env} replacing the environment. */
  public ContainerConfig withEnv(List<String> env) {
    return new ContainerConfig(
        user,
        exposedPorts,
        env,
        entrypoint,
        cmd,
        volumes,
        workingDir,
        labels,
        stopSignal,
        unknownFields);
  }

  /**
   * A copy with {@code name=value} set: replaces an existing entry for {@code name} in place, else
   * appends.
   */
  public ContainerConfig withEnvVar(String name, String value) {
    if (name.isEmpty() || name.indexOf('=') >= 0) {
      throw new IllegalArgumentException(
          "environment variable name must be non-empty and contain no '=': \"" + name + "\"");
    }
    String prefix = name + "=";
    List<String> copy = new ArrayList<>();
    boolean replaced = false;
    for (String entry : env) {
      if (entry.startsWith(prefix)) {
        if (!replaced) {
          copy.add(prefix + value);
          replaced = true;
        }
      } else {
        copy.add(entry);
      }
    }
    if (!replaced) {
      copy.add(prefix + value);
    }
    return withEnv(copy);
  }

  /** A copy with {@code entrypoint}. */
  public ContainerConfig withEntrypoint(List<String> entrypoint) {
    return new ContainerConfig(
        user,
        exposedPorts,
        env,
        Optional.of(entrypoint),
        cmd,
        volumes,
        workingDir,
        labels,
        stopSignal,
        unknownFields);
  }

  /** A copy without an entrypoint (the runtime default applies). */
  public ContainerConfig withoutEntrypoint() {
    return new ContainerConfig(
        user,
        exposedPorts,
        env,
        Optional.empty(),
        cmd,
        volumes,
        workingDir,
        labels,
        stopSignal,
        unknownFields);
  }

  /** A copy with {@code cmd}. */
  public ContainerConfig withCmd(List<String> cmd) {
    return new ContainerConfig(
        user,
        exposedPorts,
        env,
        entrypoint,
        Optional.of(cmd),
        volumes,
        workingDir,
        labels,
        stopSignal,
        unknownFields);
  }

  /** A copy without a command. */
  public ContainerConfig withoutCmd() {
    return new ContainerConfig(
        user,
        exposedPorts,
        env,
        entrypoint,
        Optional.empty(),
        volumes,
        workingDir,
        labels,
        stopSignal,
        unknownFields);
  }

  /** A copy with {@code volumes} replacing the current ones. */
  public ContainerConfig withVolumes(Set<String> volumes) {
    return new ContainerConfig(
        user,
        exposedPorts,
        env,
        entrypoint,
        cmd,
        volumes,
        workingDir,
        labels,
        stopSignal,
        unknownFields);
  }

  /** A copy with {@code workingDir}. */
  public ContainerConfig withWorkingDir(String workingDir) {
    return new ContainerConfig(
        user,
        exposedPorts,
        env,
        entrypoint,
        cmd,
        volumes,
        Optional.of(workingDir),
        labels,
        stopSignal,
        unknownFields);
  }

  /** A copy with {@code labels} replacing the current ones. */
  public ContainerConfig withLabels(Map<String, String> labels) {
    return new ContainerConfig(
        user,
        exposedPorts,
        env,
        entrypoint,
        cmd,
        volumes,
        workingDir,
        labels,
        stopSignal,
        unknownFields);
  }

  /** A copy with label {@code key} set to {@code value}. */
  public ContainerConfig withLabel(String key, String value) {
    Map<String, String> copy = new TreeMap<>(labels);
    copy.put(key, value);
    return withLabels(copy);
  }

  /** A copy with {@code stopSignal}. */
  public ContainerConfig withStopSignal(String stopSignal) {
    return new ContainerConfig(
        user,
        exposedPorts,
        env,
        entrypoint,
        cmd,
        volumes,
        workingDir,
        labels,
        Optional.of(stopSignal),
        unknownFields);
  }

  static Set<String> sortedSet(Set<String> set) {
    if (set.isEmpty()) {
      return Set.of();
    }
    TreeSet<String> sorted = new TreeSet<>();
    for (String s : set) {
      sorted.add(Objects.requireNonNull(s, "element"));
    }
    return Collections.unmodifiableSortedSet(sorted);
  }
}
