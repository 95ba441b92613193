package dev.registrykit.maven;

import dev.registrykit.client.RegistryClient;
import dev.registrykit.client.auth.Credential;
import dev.registrykit.client.auth.CredentialProvider;
import dev.registrykit.client.auth.CredentialProviders;
import dev.registrykit.client.containerize.BaseImage;
import dev.registrykit.client.containerize.ContainerizeException;
import dev.registrykit.client.containerize.ContainerizeResult;
import dev.registrykit.client.containerize.Containerizer;
import dev.registrykit.client.containerize.Target;
import dev.registrykit.core.javaapp.CreationTime;
import dev.registrykit.core.javaapp.JavaApplication;
import dev.registrykit.core.javaapp.LayerKind;
import dev.registrykit.core.javaapp.MainClasses;
import dev.registrykit.core.manifest.Platform;
import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.core.reference.InvalidReferenceException;
import dev.registrykit.core.reference.Registry;
import dev.registrykit.core.reference.Tag;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.jspecify.annotations.Nullable;

/**
 * What the three goals share: reading the configuration (POM, then {@code registrykit.*}
 * properties, which win), describing the project as a {@link JavaApplication}, credentials, and
 * running the {@link Containerizer}. Each goal says only where the image goes.
 */
abstract class AbstractContainerizeMojo extends AbstractMojo {
  static final String PREFIX = "registrykit.";

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  @Nullable MavenSession session;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  @Nullable MavenProject project;

  @Component @Nullable SettingsDecrypter decrypter;

  /**
   * The base image: {@code image} (a reference, {@code scratch}, {@code oci:DIR[:REF]}, {@code
   * docker-archive:FILE}), {@code auth}.
   */
  @Parameter @Nullable FromConfiguration from;

  /** The image to write: {@code image}, {@code tags}, {@code auth}. */
  @Parameter @Nullable ToConfiguration to;

  /**
   * How the image runs: {@code mainClass}, {@code jvmFlags}, {@code environment}, {@code labels},
   * {@code ports}, ...
   */
  @Parameter @Nullable ContainerConfiguration container;

  /**
   * Platforms as {@code os/arch[/variant]}; several make an index (the base must have them all).
   */
  @Parameter @Nullable List<String> platforms;

  /**
   * Directories copied into the image as they are (default {@code src/main/registrykit} to {@code
   * /}, when it exists).
   */
  @Parameter @Nullable List<ExtraDirectory> extraDirectories;

  /** Where {@code buildLayout} and {@code buildTar} write, and where the result files go. */
  @Parameter @Nullable OutputPathsConfiguration outputPaths;

  /** Skips the goal. */
  @Parameter(property = "registrykit.skip", defaultValue = "false")
  boolean skip;

  /**
   * Lets the registries of {@code from.image} and {@code to.image}, and only those, be insecure, as
   * Jib's option of the same name: HTTPS without verifying the certificate (self-signed, or from a
   * CA the JVM does not know) nor the host name, or plain HTTP (tried first for a registry named
   * with its port, such as {@code localhost:5000}); credentials are sent to them either way. A
   * token service or blob storage on another host is verified as usual. Only for registries on a
   * network you trust.
   */
  @Parameter(property = "registrykit.allowInsecureRegistries", defaultValue = "false")
  boolean allowInsecureRegistries;

  /**
   * Where registry base images (manifests, configs, and layers a local target needed) are kept
   * between builds, shared by every project of the user, as Jib's base image cache: a build whose
   * base did not move asks its registry one {@code HEAD}, an offline build can use a base fetched
   * before. Every file is checked against its digest before use.
   */
  @Parameter(
      defaultValue = "${user.home}/.cache/registrykit/base-images",
      property = "registrykit.baseImageCache")
  @Nullable File baseImageCache;

  /** Where built layers are kept between builds. */
  @Parameter(
      defaultValue = "${project.build.directory}/registrykit-cache",
      property = "registrykit.cacheDirectory")
  @Nullable File cacheDirectory;

  /** Where the image goes, given the configuration. */
  abstract Target target() throws MojoFailureException;

  /** The verb of the summary line: {@code Pushed}, {@code Wrote}. */
  abstract String done();

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    PhaseTimer timer = new PhaseTimer(getLog());
    MavenProject p = project();
    if (skip) {
      getLog().info("Skipping containerization (registrykit.skip)");
      return;
    }
    if ("pom".equals(p.getPackaging())) {
      getLog().info("Skipping containerization of a pom-packaged module");
      return;
    }
    Target target = target();
    BaseImage base = baseImage();
    JavaApplication application = application();
    Containerizer containerizer =
        Containerizer.from(base)
            .application(application)
            .to(target)
            .cacheDirectory(path(cacheDirectory, "target/registrykit-cache"))
            .listener(new MavenProgress(getLog()))
            .offline(session().isOffline());
    if (baseImageCache != null) {
      containerizer.baseImageCache(baseImageCache.toPath());
    }
    configureContainer(containerizer);
    getLog().info("Containerizing " + p.getArtifactId() + " on " + base + " to " + target);
    timer.done("configuration");
    // A client (an HTTP connection pool) only when a registry is spoken to: a local build, or one
    // from a cached base pinned by digest, starts none.
    try (LazyClient client = new LazyClient(() -> client(base, target))) {
      containerizer.client(client);
      ContainerizeResult result = containerizer.containerize();
      timer.done("containerize");
      result.writeFiles(resultsDirectory());
      timer.done("result files");
      getLog()
          .info(
              done()
                  + " "
                  + target
                  + " (digest "
                  + result.imageDigest()
                  + ", image ID "
                  + result.imageId().shortForm()
                  + ")");
    } catch (ContainerizeException e) {
      Throwable worded = MavenHints.forMaven(e);
      throw new MojoFailureException(worded.getMessage(), worded);
    } catch (IOException e) {
      Throwable worded = MavenHints.forMaven(e);
      throw new MojoExecutionException(
          "containerizing to " + target + " failed: " + worded.getMessage(), worded);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new MojoFailureException(e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Configuration: a registrykit.* property (-D, or the POM's <properties>) wins over the POM's
  // plugin configuration.

  final Optional<String> property(String key) {
    String name = PREFIX + key;
    String value = session().getUserProperties().getProperty(name);
    if (value == null) {
      value = project().getProperties().getProperty(name);
    }
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  final Optional<String> value(String key, @Nullable String pom) {
    Optional<String> fromProperty = property(key);
    if (fromProperty.isPresent()) {
      return fromProperty;
    }
    return pom == null || pom.isBlank() ? Optional.empty() : Optional.of(pom.strip());
  }

  final List<String> list(String key, @Nullable List<String> pom) {
    Optional<String> fromProperty = property(key);
    if (fromProperty.isPresent()) {
      List<String> values = new ArrayList<>();
      for (String part : fromProperty.get().split(",")) {
        if (!part.isBlank()) {
          values.add(part.strip());
        }
      }
      return values;
    }
    return pom == null ? List.of() : pom;
  }

  final Map<String, String> map(String key, @Nullable Map<String, String> pom) {
    Optional<String> fromProperty = property(key);
    if (fromProperty.isEmpty()) {
      return pom == null ? Map.of() : pom;
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String pair : fromProperty.get().split(",")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException(
            PREFIX
                + key
                + " must be NAME=VALUE pairs separated by commas: \""
                + pair.strip()
                + "\"");
      }
      values.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
    }
    return values;
  }

  final Optional<String> toImage() {
    return value("to.image", to == null ? null : to.image);
  }

  final List<Tag> toTags() throws MojoFailureException {
    List<Tag> tags = new ArrayList<>();
    for (String tag : list("to.tags", to == null ? null : to.tags)) {
      try {
        tags.add(Tag.parse(tag));
      } catch (IllegalArgumentException e) {
        throw new MojoFailureException("to.tags: not a valid tag: \"" + tag + "\"");
      }
    }
    return tags;
  }

  /** {@code to.image}, or {@code <artifactId>:<version>} for goals that need no registry. */
  final ImageReference imageName() throws MojoFailureException {
    return reference(
        "to.image",
        toImage()
            .orElse(
                project().getArtifactId().toLowerCase(java.util.Locale.ROOT)
                    + ":"
                    + project().getVersion()));
  }

  final ImageReference reference(String key, String text) throws MojoFailureException {
    try {
      return ImageReference.parse(text);
    } catch (InvalidReferenceException e) {
      throw new MojoFailureException(
          key + ": not a valid image reference: \"" + text + "\" (" + e.getMessage() + ")");
    }
  }

  final Path outputPath(String key, @Nullable File pom, String fallback) {
    Optional<String> fromProperty = property(key);
    if (fromProperty.isPresent()) {
      return project().getBasedir().toPath().resolve(fromProperty.get());
    }
    return path(pom, fallback);
  }

  private Path path(@Nullable File configured, String fallback) {
    Path base = project().getBasedir().toPath();
    return configured != null ? base.resolve(configured.toPath()) : base.resolve(fallback);
  }

  private Path resultsDirectory() {
    return outputPath(
        "outputPaths.results",
        outputPaths == null ? null : outputPaths.results,
        project().getBuild().getDirectory());
  }

  private BaseImage baseImage() throws MojoFailureException {
    String text =
        value("from.image", from == null ? null : from.image).orElseGet(this::defaultBase);
    try {
      return BaseImage.parse(text);
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException(
          "from.image: not a valid base image: \"" + text + "\" (" + e.getMessage() + ")");
    }
  }

  /** A JRE base matching the release the project compiles for, as Jib chooses. */
  private String defaultBase() {
    String release =
        Optional.ofNullable(project().getProperties().getProperty("maven.compiler.release"))
            .or(
                () ->
                    Optional.ofNullable(
                        project().getProperties().getProperty("maven.compiler.target")))
            .orElse("17")
            .replaceFirst("^1\\.", "");
    int version;
    try {
      version = Integer.parseInt(release.strip());
    } catch (NumberFormatException e) {
      version = 17;
    }
    int jre = version <= 8 ? 8 : version <= 11 ? 11 : version <= 17 ? 17 : version <= 21 ? 21 : 25;
    return "eclipse-temurin:" + jre + "-jre";
  }

  // ---------------------------------------------------------------------------------------------
  // The project as an application

  private JavaApplication application() throws MojoFailureException {
    MavenProject p = project();
    ContainerConfiguration c = container == null ? new ContainerConfiguration() : container;
    JavaApplication.Builder app = JavaApplication.builder();
    value("container.appRoot", c.appRoot).ifPresent(app::appRoot);
    Set<String> reactor = new HashSet<>();
    for (MavenProject sibling : session().getProjects()) {
      reactor.add(
          sibling.getGroupId() + ":" + sibling.getArtifactId() + ":" + sibling.getVersion());
    }
    Map<LayerKind, List<Path>> jars = new LinkedHashMap<>();
    for (Artifact artifact : p.getArtifacts()) {
      File file = artifact.getFile();
      if (file == null
          || !"jar".equals(artifact.getArtifactHandler().getExtension())
              && !file.getName().endsWith(".jar")) {
        continue;
      }
      boolean sibling =
          reactor.contains(
              artifact.getGroupId()
                  + ":"
                  + artifact.getArtifactId()
                  + ":"
                  + artifact.getBaseVersion());
      if (file.isDirectory()) {
        throw new MojoFailureException(
            "the module "
                + artifact.getArtifactId()
                + " is only compiled in this build (its artifact is "
                + file
                + "), not packaged as a jar; run the package phase first: mvn package registrykit:"
                + goal());
      }
      LayerKind kind =
          sibling
              ? LayerKind.PROJECT_DEPENDENCIES
              : artifact.isSnapshot() ? LayerKind.SNAPSHOT_DEPENDENCIES : LayerKind.DEPENDENCIES;
      jars.computeIfAbsent(kind, k -> new ArrayList<>()).add(file.toPath());
    }
    jars.forEach(app::dependencies);
    Path output = Path.of(p.getBuild().getOutputDirectory());
    app.outputDirectory(output);
    for (ExtraDirectory extra : extraDirectories()) {
      app.extraDirectory(
          extra.from == null
              ? output
              : project().getBasedir().toPath().resolve(extra.from.toPath()),
          extra.into == null ? "/" : extra.into);
    }
    app.jvmFlags(list("container.jvmFlags", c.jvmFlags));
    boolean ownEntrypoint = !list("container.entrypoint", c.entrypoint).isEmpty();
    Optional<String> main = value("container.mainClass", c.mainClass);
    if (main.isEmpty() && !ownEntrypoint) {
      main = Optional.of(inferMainClass(output));
    }
    main.ifPresent(app::mainClass);
    return app.build();
  }

  private List<ExtraDirectory> extraDirectories() {
    List<String> fromProperty = list("extraDirectories", null);
    if (!fromProperty.isEmpty()) {
      List<ExtraDirectory> dirs = new ArrayList<>();
      for (String path : fromProperty) {
        ExtraDirectory d = new ExtraDirectory();
        d.from = new File(path);
        dirs.add(d);
      }
      return dirs;
    }
    if (extraDirectories != null) {
      return extraDirectories;
    }
    ExtraDirectory conventional = new ExtraDirectory();
    conventional.from = new File("src/main/registrykit");
    return List.of(conventional);
  }

  /**
   * The jar plugin's configured {@code Main-Class}, the built jar's, or the one class with a main
   * method.
   */
  private String inferMainClass(Path output) throws MojoFailureException {
    Plugin jarPlugin = project().getPlugin("org.apache.maven.plugins:maven-jar-plugin");
    if (jarPlugin != null && jarPlugin.getConfiguration() instanceof Xpp3Dom config) {
      Xpp3Dom archive = config.getChild("archive");
      Xpp3Dom manifest = archive == null ? null : archive.getChild("manifest");
      Xpp3Dom mainClass = manifest == null ? null : manifest.getChild("mainClass");
      if (mainClass != null
          && mainClass.getValue() != null
          && !mainClass.getValue().isBlank()
          && !mainClass.getValue().contains("${")) {
        return mainClass.getValue().strip();
      }
    }
    try {
      File jar = project().getArtifact().getFile();
      if (jar != null && jar.isFile() && jar.getName().endsWith(".jar")) {
        Optional<String> fromManifest = MainClasses.fromManifest(jar.toPath());
        if (fromManifest.isPresent()) {
          return fromManifest.get();
        }
      }
      List<String> candidates = MainClasses.find(List.of(output));
      if (candidates.size() == 1) {
        getLog().info("Main class (the only class with a main method): " + candidates.get(0));
        return candidates.get(0);
      }
      throw new MojoFailureException(
          candidates.isEmpty()
              ? "no main class: no class in "
                  + output
                  + " has public static void main(String[]) (did the build compile?);"
                  + " set <container><mainClass> or -D"
                  + PREFIX
                  + "container.mainClass"
              : "several classes have a main method: "
                  + candidates
                  + "; choose one with <container><mainClass> or -D"
                  + PREFIX
                  + "container.mainClass");
    } catch (IOException e) {
      throw new MojoFailureException(
          "cannot read the compiled classes to find the main class: " + e.getMessage(), e);
    }
  }

  private void configureContainer(Containerizer containerizer) throws MojoFailureException {
    ContainerConfiguration c = container == null ? new ContainerConfiguration() : container;
    List<String> entrypoint = list("container.entrypoint", c.entrypoint);
    if (!entrypoint.isEmpty()) {
      containerizer.entrypoint(entrypoint);
    }
    List<String> args = list("container.args", c.args);
    if (!args.isEmpty()) {
      containerizer.args(args);
    }
    map("container.environment", c.environment).forEach(containerizer::environment);
    map("container.labels", c.labels).forEach(containerizer::label);
    for (String port : list("container.ports", c.ports)) {
      containerizer.port(port);
    }
    list("container.volumes", c.volumes).forEach(containerizer::volume);
    value("container.user", c.user).ifPresent(containerizer::user);
    value("container.workingDirectory", c.workingDirectory)
        .ifPresent(containerizer::workingDirectory);
    Optional<String> creation = value("container.creationTime", c.creationTime);
    if (creation.isPresent()) {
      containerizer.creationTime(CreationTime.parse(creation.get()));
    }
    List<Platform> parsed = new ArrayList<>();
    for (String platform : list("platforms", platforms)) {
      try {
        parsed.add(Platform.parse(platform));
      } catch (IllegalArgumentException e) {
        throw new MojoFailureException("platforms: not os/arch[/variant]: \"" + platform + "\"");
      }
    }
    containerizer.platforms(parsed);
  }

  // ---------------------------------------------------------------------------------------------
  // Registries

  /**
   * A client for the registries involved: credentials from settings.xml servers, then Docker's and
   * Podman's files and helpers, then explicit {@code from.auth}/{@code to.auth}.
   */
  private RegistryClient client(BaseImage base, Target target) {
    Set<Registry> registries = new LinkedHashSet<>();
    base.reference().ifPresent(r -> registries.add(r.registry()));
    if (isRegistryTarget()) {
      registries.add(target.reference().registry());
    }
    List<CredentialProvider> providers = new ArrayList<>();
    providers.add(new MavenSettingsCredentials(session().getSettings(), decrypter()));
    providers.add(CredentialProviders.defaultChain());
    base.reference()
        .ifPresent(
            r ->
                explicit("from.auth", from == null ? null : from.auth, r.registry())
                    .ifPresent(providers::add));
    if (isRegistryTarget()) {
      explicit("to.auth", to == null ? null : to.auth, target.reference().registry())
          .ifPresent(providers::add);
    }
    RegistryClient.Builder builder =
        RegistryClient.builder()
            .credentials(CredentialProviders.chain(providers))
            .userAgent("registrykit-maven-plugin");
    if (allowInsecureRegistries && !registries.isEmpty()) {
      builder.insecureRegistries(registries.toArray(new Registry[0]));
    }
    return builder.build();
  }

  private Optional<CredentialProvider> explicit(
      String key, @Nullable AuthConfiguration auth, Registry registry) {
    Optional<String> username = value(key + ".username", auth == null ? null : auth.username);
    Optional<String> password = value(key + ".password", auth == null ? null : auth.password);
    if (username.isEmpty() || password.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        CredentialProviders.fixed(
            registry, new Credential.UsernamePassword(username.get(), password.get())));
  }

  /** Whether the goal pushes to a registry. */
  boolean isRegistryTarget() {
    return false;
  }

  /** The goal's name, for messages. */
  abstract String goal();

  final MavenProject project() {
    if (project == null) {
      throw new IllegalStateException("no project: the goal runs inside a Maven build");
    }
    return project;
  }

  final MavenSession session() {
    if (session == null) {
      throw new IllegalStateException("no session: the goal runs inside a Maven build");
    }
    return session;
  }

  private SettingsDecrypter decrypter() {
    if (decrypter == null) {
      throw new IllegalStateException("no settings decrypter: the goal runs inside a Maven build");
    }
    return decrypter;
  }
}
