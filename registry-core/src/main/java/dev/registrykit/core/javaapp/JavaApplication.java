package dev.registrykit.core.javaapp;

import dev.registrykit.core.build.LayerBuilder;
import dev.registrykit.core.build.LayerCompression;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.digest.DigestAlgorithm;
import dev.registrykit.core.layercache.CachedLayer;
import dev.registrykit.core.layercache.LayerCache;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A Java application to put into an image: its jars, resources, classes and extra directories,
 * where they go, and how it is started.
 *
 * <p>In the image, under the application root ({@code /app} by default): every jar in {@code
 * libs/}, resources in {@code resources/}, classes in {@code classes/}; extra directories where
 * their target says. The {@linkplain #entrypoint() entrypoint} is {@code java <jvmFlags> -cp
 * <classpath> <mainClass>}, the classpath naming {@code resources}, {@code classes}, then each jar
 * in the order given (rather than a {@code libs/*} wildcard, which the JVM expands in directory
 * order, so that which class wins a duplicate is decided by the build, not the file system).
 *
 * <p>Jars with the same file name (e.g. {@code core-1.0.jar} from two groups) are kept apart: the
 * second and later ones get a suffix from their content's digest, the same on every machine.
 *
 * <p>Immutable and thread-safe. Built with {@link #builder()}.
 *
 * <pre>{@code
 * JavaApplication app = JavaApplication.builder()
 *     .dependencies(LayerKind.DEPENDENCIES, List.of(guavaJar, jacksonJar))
 *     .resources(Path.of("target/classes-resources"))
 *     .classes(Path.of("target/classes"))
 *     .mainClass("com.example.Main")
 *     .build();
 * List<AppLayer> layers = app.layers(LayerCache.open(Path.of("target/registrykit-cache")));
 * }</pre>
 */
public final class JavaApplication {
  /** The default application root in the image. */
  public static final String DEFAULT_APP_ROOT = "/app";

  private final String appRoot;
  private final Map<LayerKind, List<Path>> jars;
  private final List<Path> resources;
  private final List<Path> classes;
  private final List<Path> outputDirectories;
  private final List<ExtraDirectory> extraDirectories;
  private final Optional<String> mainClass;
  private final List<String> jvmFlags;
  private final LayerCompression compression;

  private JavaApplication(Builder b) {
    this.appRoot = b.appRoot;
    Map<LayerKind, List<Path>> copy = new EnumMap<>(LayerKind.class);
    b.jars.forEach((kind, list) -> copy.put(kind, List.copyOf(list)));
    this.jars = copy;
    this.resources = List.copyOf(b.resources);
    this.classes = List.copyOf(b.classes);
    this.outputDirectories = List.copyOf(b.outputDirectories);
    this.extraDirectories = List.copyOf(b.extraDirectories);
    this.mainClass = b.mainClass;
    this.jvmFlags = List.copyOf(b.jvmFlags);
    this.compression = b.compression;
  }

  /**
   * A builder with the application root {@value JavaApplication#DEFAULT_APP_ROOT} and nothing in
   * it.
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * An extra directory copied into the image as it is, e.g. {@code src/main/jib} to {@code /}.
   *
   * @param source the directory on disk
   * @param target the absolute path in the image its content goes to
   */
  public record ExtraDirectory(Path source, String target) {
    /** Checks the components. */
    public ExtraDirectory {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(target, "target");
      if (!target.startsWith("/")) {
        throw new IllegalArgumentException(
            "an extra directory's target must be an absolute path in the image: \""
                + target
                + "\"");
      }
    }
  }

  /** The application root in the image, e.g. {@code /app}. */
  public String appRoot() {
    return appRoot;
  }

  /** The main class, when one was named. */
  public Optional<String> mainClass() {
    return mainClass;
  }

  /** The JVM flags placed before {@code -cp}. */
  public List<String> jvmFlags() {
    return jvmFlags;
  }

  /**
   * The classpath in the image: resources, classes, then every jar in order (release, snapshot,
   * project dependencies, each in the order given).
   *
   * @throws IOException when a jar whose name repeats another's cannot be read for its suffix
   */
  public String classpath() throws IOException {
    List<String> entries = new ArrayList<>();
    entries.add(appRoot + "/resources");
    entries.add(appRoot + "/classes");
    for (Map.Entry<Path, String> jar : jarNames().entrySet()) {
      entries.add(appRoot + "/libs/" + jar.getValue());
    }
    return String.join(":", entries);
  }

  /**
   * The entrypoint: {@code java}, the JVM flags, {@code -cp} and the classpath, the main class.
   *
   * @throws IllegalStateException when no main class was named
   * @throws IOException as for {@link #classpath()}
   */
  public List<String> entrypoint() throws IOException {
    String main =
        mainClass.orElseThrow(
            () ->
                new IllegalStateException(
                    "no main class: name one (container.mainClass), or give the image an entrypoint of its own"));
    List<String> entrypoint = new ArrayList<>();
    entrypoint.add("java");
    entrypoint.addAll(jvmFlags);
    entrypoint.add("-cp");
    entrypoint.add(classpath());
    entrypoint.add(main);
    return List.copyOf(entrypoint);
  }

  /**
   * Builds the application's layers through {@code cache}, in {@link LayerKind} order; kinds with
   * nothing in them (no snapshot dependencies, a module without resources) have no layer. A layer
   * whose inputs did not change since it was last built is taken from the cache as it is.
   *
   * @throws IOException when a file cannot be read or the cache cannot be written
   */
  public List<AppLayer> layers(LayerCache cache) throws IOException {
    Map<Path, String> names = jarNames();
    List<AppLayer> result = new ArrayList<>();
    for (LayerKind kind : LayerKind.values()) {
      LayerBuilder builder = LayerBuilder.builder().compression(compression);
      boolean empty = true;
      switch (kind) {
        case DEPENDENCIES, SNAPSHOT_DEPENDENCIES, PROJECT_DEPENDENCIES -> {
          for (Path jar : jars.getOrDefault(kind, List.of())) {
            builder.addFile(jar, appRoot + "/libs/" + names.get(jar));
            empty = false;
          }
        }
        case RESOURCES -> {
          boolean added = addDirectories(builder, resources, appRoot + "/resources");
          empty = !(addOutputFiles(builder, false, appRoot + "/resources") | added);
        }
        case CLASSES -> {
          boolean added = addDirectories(builder, classes, appRoot + "/classes");
          empty = !(addOutputFiles(builder, true, appRoot + "/classes") | added);
        }
        case EXTRA_FILES -> {
          for (ExtraDirectory extra : extraDirectories) {
            if (Files.isDirectory(extra.source())) {
              builder.addDirectory(extra.source(), extra.target());
              empty = false;
            }
          }
        }
      }
      if (!empty) {
        CachedLayer layer = cache.layer(builder);
        result.add(new AppLayer(kind, layer.layer(), layer.reused()));
      }
    }
    return List.copyOf(result);
  }

  /** Adds each existing directory's content under {@code target}; whether any existed. */
  private static boolean addDirectories(LayerBuilder builder, List<Path> directories, String target)
      throws IOException {
    boolean any = false;
    for (Path directory : directories) {
      if (Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
        builder.addDirectory(directory, target);
        any = true;
      }
    }
    return any;
  }

  /**
   * Adds the {@code .class} files (or all others) of the output directories under {@code target};
   * whether any.
   */
  private boolean addOutputFiles(LayerBuilder builder, boolean classFiles, String target)
      throws IOException {
    boolean any = false;
    for (Path directory : outputDirectories) {
      if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      List<Path> files;
      try (Stream<Path> walk = Files.walk(directory)) {
        files =
            walk.filter(
                    f ->
                        Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)
                            || Files.isSymbolicLink(f))
                .filter(f -> f.getFileName().toString().endsWith(".class") == classFiles)
                .toList();
      }
      for (Path file : files) {
        StringBuilder path = new StringBuilder(target);
        for (Path part : directory.relativize(file)) {
          path.append('/').append(part);
        }
        builder.addFile(file, path.toString());
        any = true;
      }
    }
    return any;
  }

  /** Each jar's file name in {@code libs/}, unique, in classpath order. */
  private Map<Path, String> jarNames() throws IOException {
    Map<Path, String> names = new LinkedHashMap<>();
    Set<String> taken = new HashSet<>();
    for (LayerKind kind :
        List.of(
            LayerKind.DEPENDENCIES,
            LayerKind.SNAPSHOT_DEPENDENCIES,
            LayerKind.PROJECT_DEPENDENCIES)) {
      for (Path jar : jars.getOrDefault(kind, List.of())) {
        String name = jar.getFileName().toString();
        if (!taken.add(name)) {
          name = suffixed(name, contentDigest(jar));
          taken.add(name);
        }
        names.put(jar, name);
      }
    }
    return names;
  }

  private static String suffixed(String name, Digest digest) {
    int dot = name.lastIndexOf('.');
    String suffix = "-" + digest.hex().substring(0, 12);
    return dot > 0 ? name.substring(0, dot) + suffix + name.substring(dot) : name + suffix;
  }

  private static Digest contentDigest(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return Digest.compute(DigestAlgorithm.SHA256, in).digest();
    }
  }

  @Override
  public String toString() {
    return "JavaApplication[" + appRoot + ", main " + mainClass.orElse("(none)") + "]";
  }

  /** Collects an application's parts. Mutable, not thread-safe. */
  public static final class Builder {
    private String appRoot = DEFAULT_APP_ROOT;
    private final Map<LayerKind, List<Path>> jars = new EnumMap<>(LayerKind.class);
    private final List<Path> resources = new ArrayList<>();
    private final List<Path> classes = new ArrayList<>();
    private final List<Path> outputDirectories = new ArrayList<>();
    private final List<ExtraDirectory> extraDirectories = new ArrayList<>();
    private Optional<String> mainClass = Optional.empty();
    private final List<String> jvmFlags = new ArrayList<>();
    private LayerCompression compression = LayerCompression.GZIP;

    private Builder() {}

    /**
     * The application root in the image (default {@value JavaApplication#DEFAULT_APP_ROOT}); an
     * absolute path.
     */
    public Builder appRoot(String root) {
      Objects.requireNonNull(root, "root");
      String trimmed =
          root.endsWith("/") && root.length() > 1 ? root.substring(0, root.length() - 1) : root;
      if (!trimmed.startsWith("/") || trimmed.equals("/") || trimmed.contains("..")) {
        throw new IllegalArgumentException(
            "the application root must be an absolute directory other than /, without \"..\": \""
                + root
                + "\"");
      }
      this.appRoot = trimmed;
      return this;
    }

    /**
     * Adds jars to one of the three jar layers ({@link LayerKind#DEPENDENCIES}, {@link
     * LayerKind#SNAPSHOT_DEPENDENCIES}, {@link LayerKind#PROJECT_DEPENDENCIES}).
     *
     * @throws IllegalArgumentException for another kind, or a path that is not a regular file
     */
    public Builder dependencies(LayerKind kind, List<Path> jarFiles) {
      if (kind != LayerKind.DEPENDENCIES
          && kind != LayerKind.SNAPSHOT_DEPENDENCIES
          && kind != LayerKind.PROJECT_DEPENDENCIES) {
        throw new IllegalArgumentException("not a jar layer: " + kind);
      }
      for (Path jar : jarFiles) {
        if (!Files.isRegularFile(jar)) {
          throw new IllegalArgumentException(
              "not a file: " + jar + " (a " + kind.label() + " jar)");
        }
        jars.computeIfAbsent(kind, k -> new ArrayList<>()).add(jar);
      }
      return this;
    }

    /**
     * Adds a resources directory (its content goes to {@code <appRoot>/resources}); a missing one
     * is skipped.
     */
    public Builder resources(Path directory) {
      resources.add(Objects.requireNonNull(directory, "directory"));
      return this;
    }

    /**
     * Adds a classes directory (its content goes to {@code <appRoot>/classes}); a missing one is
     * skipped.
     */
    public Builder classes(Path directory) {
      classes.add(Objects.requireNonNull(directory, "directory"));
      return this;
    }

    /**
     * Adds a build's output directory holding classes and resources together (Maven's and Gradle's
     * {@code classes} output): its {@code .class} files go to the classes layer ({@code
     * <appRoot>/classes}), everything else to the resources layer ({@code <appRoot>/resources}), so
     * a changed class leaves the resources layer as it was. A missing directory is skipped.
     */
    public Builder outputDirectory(Path directory) {
      outputDirectories.add(Objects.requireNonNull(directory, "directory"));
      return this;
    }

    /**
     * Adds an extra directory copied to {@code target} (absolute) in the image; a missing one is
     * skipped.
     */
    public Builder extraDirectory(Path source, String target) {
      extraDirectories.add(new ExtraDirectory(source, target));
      return this;
    }

    /** The main class, e.g. {@code com.example.Main}. */
    public Builder mainClass(String className) {
      Objects.requireNonNull(className, "className");
      if (!className.matches("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*")) {
        throw new IllegalArgumentException("not a Java class name: \"" + className + "\"");
      }
      this.mainClass = Optional.of(className);
      return this;
    }

    /** JVM flags placed before {@code -cp}, e.g. {@code -Xmx256m}. */
    public Builder jvmFlags(List<String> flags) {
      for (String flag : flags) {
        jvmFlags.add(Objects.requireNonNull(flag, "flag"));
      }
      return this;
    }

    /** The layers' compression (default gzip level 6). */
    public Builder compression(LayerCompression layerCompression) {
      this.compression = Objects.requireNonNull(layerCompression, "layerCompression");
      return this;
    }

    /** The application. */
    public JavaApplication build() {
      return new JavaApplication(this);
    }
  }
}
