package dev.registrykit.examples;

import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.core.reference.InvalidReferenceException;
import java.util.List;

/**
 * Parses the image names of the Docker registry tutorial and prints how Docker reads them: the
 * registry, the repository, the full and the familiar (short) form.
 *
 * <pre>{@code
 * alpine                              -> docker.io/library/alpine  (registry docker.io, repository library/alpine)
 * zavy86/figlet                       -> docker.io/zavy86/figlet   (registry docker.io, repository zavy86/figlet)
 * localhost:5000/figlet               -> localhost:5000/figlet     (registry localhost:5000, repository figlet)
 * registry.tld:1234/repository/image  -> registry.tld:1234/repository/image ...
 * }</pre>
 */
public final class ParseAndNormalize {
  private ParseAndNormalize() {}

  /**
   * Prints the parts of each name given, or of the tutorial's names when none is given.
   *
   * @param args image names; a name Docker would refuse is reported, not thrown
   */
  public static void main(String[] args) {
    List<String> names =
        args.length > 0
            ? List.of(args)
            : List.of(
                "alpine",
                "zavy86/figlet",
                "localhost:5000/figlet",
                "registry.tld:1234/repository/image");
    for (String name : names) {
      try {
        ImageReference ref = ImageReference.parse(name);
        System.out.printf(
            "%-36s -> %s (registry %s, repository %s, familiar %s, pull %s)%n",
            name,
            ref,
            ref.registry(),
            ref.repository().path(),
            ref.familiar(),
            // a reference without tag or digest means :latest to docker pull
            ref.withDefaultTag());
      } catch (InvalidReferenceException e) {
        System.out.printf("%-36s -> invalid: %s%n", name, e.getMessage());
      }
    }
  }
}
