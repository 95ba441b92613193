package dev.registrykit.maven;

import dev.registrykit.client.containerize.Target;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Builds the project's image and pushes it to a registry ({@code to.image}, plus {@code to.tags}).
 * Bound to no phase: {@code mvn package registrykit:build}.
 */
@Mojo(name = "build", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
public final class BuildMojo extends AbstractContainerizeMojo {
  @Override
  Target target() throws MojoFailureException {
    String image =
        toImage()
            .orElseThrow(
                () ->
                    new MojoFailureException(
                        "no target image: set <to><image> in the plugin's configuration or -D"
                            + PREFIX
                            + "to.image=REGISTRY/REPOSITORY:TAG"));
    return Target.registry(reference("to.image", image), toTags());
  }

  @Override
  boolean isRegistryTarget() {
    return true;
  }

  @Override
  String done() {
    return "Pushed";
  }

  @Override
  String goal() {
    return "build";
  }
}
