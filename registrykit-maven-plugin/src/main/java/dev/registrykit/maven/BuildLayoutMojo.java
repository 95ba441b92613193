package dev.registrykit.maven;

import dev.registrykit.client.containerize.Target;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Builds the project's image into an OCI image layout directory ({@code outputPaths.layout},
 * default {@code target/registrykit-image}), named by {@code to.image}'s tag (default the project's
 * version). Needs no registry unless the base is in one.
 */
@Mojo(
    name = "buildLayout",
    requiresDependencyResolution = ResolutionScope.RUNTIME,
    threadSafe = true)
public final class BuildLayoutMojo extends AbstractContainerizeMojo {
  @Override
  Target target() throws MojoFailureException {
    return Target.layout(
        outputPath(
            "outputPaths.layout",
            outputPaths == null ? null : outputPaths.layout,
            "target/registrykit-image"),
        imageName());
  }

  @Override
  String done() {
    return "Wrote";
  }

  @Override
  String goal() {
    return "buildLayout";
  }
}
