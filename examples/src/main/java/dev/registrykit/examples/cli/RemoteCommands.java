package dev.registrykit.examples.cli;

import dev.registrykit.client.RegistryClient;
import dev.registrykit.core.manifest.Platform;
import dev.registrykit.core.reference.ImageReference;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Helpers shared by the commands that read from a registry. */
final class RemoteCommands {
  private RemoteCommands() {}

  /** The {@code --platform os/arch[/variant]} option: which image of a multi-platform index. */
  static final OptionSpec PLATFORM =
      OptionSpec.value(
          "platform", "OS/ARCH[/VARIANT]", "pick this image from a multi-platform index");

  /** A reference with {@code :latest} added when it has neither tag nor digest, as docker does. */
  static ImageReference reference(String s) {
    return ImageReference.parse(s).withDefaultTag();
  }

  /** The {@code --platform} option, or linux/amd64. */
  static Platform platform(Invocation invocation) {
    return invocation
        .args()
        .value("platform")
        .map(RemoteCommands::parsePlatform)
        .orElse(Platform.LINUX_AMD64);
  }

  /** {@code os/arch[/variant]}; anything else is a usage error. */
  static Platform parsePlatform(String s) {
    try {
      return Platform.parse(s);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--platform must be OS/ARCH[/VARIANT]: " + e.getMessage());
    }
  }

  /** The {@code --annotation KEY=VALUE} option, repeatable: a later value for a key wins. */
  static final OptionSpec ANNOTATION =
      OptionSpec.value("annotation", "KEY=VALUE", "an annotation of the manifest (repeatable)");

  /** Every {@code --annotation KEY=VALUE}, in order; anything else is a usage error. */
  static Map<String, String> annotations(Invocation invocation) {
    Map<String, String> annotations = new LinkedHashMap<>();
    for (String annotation : invocation.args().values(ANNOTATION.name())) {
      int eq = annotation.indexOf('=');
      if (eq <= 0) {
        throw new UsageException("--annotation must be KEY=VALUE: " + annotation);
      }
      annotations.put(annotation.substring(0, eq), annotation.substring(eq + 1));
    }
    return annotations;
  }

  /** A client for the one registry of {@code ref}. */
  static RegistryClient client(Invocation invocation, ImageReference ref) throws IOException {
    return Registries.client(invocation, List.of(ref.registry()));
  }
}
