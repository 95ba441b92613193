package dev.registrykit.examples.cli;

import dev.registrykit.client.RegistryClient;
import dev.registrykit.client.artifact.ArtifactFile;
import dev.registrykit.client.artifact.ArtifactOptions;
import dev.registrykit.client.artifact.Artifacts;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.core.text.UntrustedText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code registrykit artifact push REFERENCE FILE…} and {@code registrykit artifact pull REFERENCE
 * DIR}: arbitrary files as an OCI artifact, as {@code oras} stores them.
 */
final class ArtifactCommand implements Command {
  static final OptionSpec ARTIFACT_TYPE =
      OptionSpec.value(
          "artifact-type",
          "TYPE",
          "push: the artifact's type (default " + ArtifactOptions.UNKNOWN_ARTIFACT_TYPE + ")");
  static final OptionSpec SUBJECT =
      OptionSpec.value(
          "subject", "REFERENCE", "push: attach the artifact to this image (same repository)");

  @Override
  public CommandSpec spec() {
    return new CommandSpec(
        "artifact",
        "push REFERENCE FILE… | pull REFERENCE DIR",
        "Pushes files as an OCI artifact, or pulls one into a directory (as oras does).",
        """
        push stores each FILE as one layer of an OCI artifact manifest at REFERENCE, titled
        (org.opencontainers.image.title) with its path as given: a relative path such as
        docs/intro.md is kept, so that pull recreates it; an absolute path is stored under its file
        name. The config is the empty descriptor and the artifact type --artifact-type (default
        application/vnd.unknown.artifact.v1). --subject attaches the artifact to an image of the
        same repository, which then lists it among its referrers (`registrykit referrers`).
        pull writes each titled layer of the artifact at REFERENCE to its path under DIR (created
        if missing; existing regular files are replaced). A title that is empty, absolute, climbs
        out with .., names a directory, or leads through a symbolic link is refused before
        anything is written; every file is verified against its digest before it is moved into
        place. Prints the manifest's digest (push) or each file written (pull).""",
        List.of(ARTIFACT_TYPE, SUBJECT, RemoteCommands.ANNOTATION),
        2,
        Integer.MAX_VALUE,
        true);
  }

  @Override
  public void run(Invocation invocation) throws Exception {
    String action = invocation.positional(0);
    switch (action) {
      case "push" -> push(invocation);
      case "pull" -> pull(invocation);
      default -> throw new UsageException("artifact takes push or pull, not " + action);
    }
  }

  private static void push(Invocation invocation) throws Exception {
    ImageReference reference = RemoteCommands.reference(invocation.positional(1));
    List<ArtifactFile> files = new ArrayList<>();
    for (String file : invocation.positionals().subList(2, invocation.positionals().size())) {
      files.add(artifactFile(file));
    }
    ArtifactOptions options = ArtifactOptions.defaults();
    try {
      if (invocation.args().value("artifact-type").isPresent()) {
        options = options.withArtifactType(invocation.args().value("artifact-type").get());
      }
      for (Map.Entry<String, String> annotation :
          RemoteCommands.annotations(invocation).entrySet()) {
        options = options.withAnnotation(annotation.getKey(), annotation.getValue());
      }
    } catch (IllegalArgumentException e) {
      throw new UsageException(String.valueOf(e.getMessage()));
    }
    try (RegistryClient client = RemoteCommands.client(invocation, reference)) {
      if (invocation.args().value("subject").isPresent()) {
        ImageReference subject = RemoteCommands.reference(invocation.args().value("subject").get());
        if (!subject.repository().equals(reference.repository())) {
          throw new UsageException(
              "--subject must be in the artifact's repository "
                  + reference.repository().name()
                  + " (referrers are listed per repository): "
                  + subject);
        }
        options = options.withSubject(client.getManifest(subject).manifest().descriptor());
      }
      Descriptor pushed = Artifacts.push(client, reference, files, options);
      invocation
          .console()
          .status("Pushed " + files.size() + (files.size() == 1 ? " file" : " files"));
      invocation.console().out().println(pushed.digest());
    }
  }

  /** A relative path keeps its directories as the title; an absolute one keeps its name only. */
  private static ArtifactFile artifactFile(String argument) {
    Path path = Path.of(argument);
    if (!Files.isRegularFile(path)) {
      throw new UsageException("not a regular file: " + argument);
    }
    String title = path.isAbsolute() ? path.getFileName().toString() : path.normalize().toString();
    try {
      return ArtifactFile.of(path, title.replace('\\', '/'));
    } catch (IllegalArgumentException e) {
      throw new UsageException(
          e.getMessage() + " (give files below the current directory, or absolute paths)");
    }
  }

  private static void pull(Invocation invocation) throws Exception {
    if (invocation.positionals().size() != 3) {
      throw new UsageException("artifact pull takes REFERENCE DIR");
    }
    for (OptionSpec pushOnly : List.of(ARTIFACT_TYPE, SUBJECT, RemoteCommands.ANNOTATION)) {
      if (invocation.args().value(pushOnly.name()).isPresent()) {
        throw new UsageException("--" + pushOnly.name() + " goes with artifact push");
      }
    }
    ImageReference reference = RemoteCommands.reference(invocation.positional(1));
    Path directory = Path.of(invocation.positional(2));
    try (RegistryClient client = RemoteCommands.client(invocation, reference)) {
      Artifacts.PulledArtifact pulled = Artifacts.pull(client, reference, directory);
      Path root = directory.toRealPath();
      for (Path file : pulled.files()) {
        invocation.console().out().println(UntrustedText.display(root.relativize(file).toString()));
      }
      if (pulled.untitled() > 0) {
        invocation
            .console()
            .status(
                "Skipped "
                    + pulled.untitled()
                    + (pulled.untitled() == 1 ? " layer" : " layers")
                    + " without a title annotation");
      }
      invocation
          .console()
          .status(
              "Pulled "
                  + UntrustedText.display(pulled.manifest().artifactType().orElse(""))
                  + " "
                  + pulled.manifest().digest());
    }
  }
}
