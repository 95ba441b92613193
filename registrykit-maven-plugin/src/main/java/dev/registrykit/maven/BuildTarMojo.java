package dev.registrykit.maven;

import dev.registrykit.client.containerize.Target;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Builds the project's image into a {@code docker save} archive ({@code outputPaths.tar}, default
 * {@code target/registrykit-image.tar}) that {@code docker load} and {@code podman load} accept,
 * tagged {@code to.image} (default {@code <artifactId>:<version>}) and {@code to.tags}.
 */
@Mojo(name = "buildTar", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public final class BuildTarMojo extends AbstractContainerizeMojo {
  @Override
  Target target() throws MojoFailureException {
    return Target.dockerArchive(
        outputPath(
            "outputPaths.tar",
            outputPaths == null ? null : outputPaths.tar,
            "target/registrykit-image.tar"),
        imageName(),
        toTags());
  }

  @Override
  String done() {
    return "Wrote";
  }

  @Override
  String goal() {
    return "buildTar";
  }
}
