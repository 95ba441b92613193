package dev.registrykit.client;

import dev.registrykit.client.errors.RegistryException;
import dev.registrykit.client.registries.Mirror;
import dev.registrykit.client.registries.PullSource;
import dev.registrykit.client.registries.RegistriesConfig;
import dev.registrykit.client.registries.RegistryRoute;
import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.core.reference.Registry;
import dev.registrykit.core.reference.Repository;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The one place that decides where an operation goes, from {@link RegistriesConfig}: pulls to the
 * mirrors then the primary location ({@link #pullSources}); everything else — pushes, HEADs, tag
 * listings, deletes, mounts, the catalog — to the primary location only, never a mirror
 * (containers-registries.conf(5): "pushes are always sent to the primary location"). A blocked
 * registry is refused here, before anything is sent. Every {@link RegistryClient} method routes the
 * names its caller gave once, on entry.
 */
final class Routing {
  private final RegistriesConfig config;

  Routing(RegistriesConfig config) {
    this.config = config;
  }

  /** The mirrors that serve a pull of {@code reference}, then its primary location. */
  List<PullSource> pullSources(ImageReference reference, String operation)
      throws RegistryException {
    List<PullSource> sources = config.pullSources(reference);
    if (sources.isEmpty()) {
      throw blocked(operation, reference.registry());
    }
    return sources;
  }

  /** Where any operation but a pull goes for {@code repository}: its primary location. */
  Repository primary(Repository repository, String operation) throws RegistryException {
    Optional<Repository> target = primaryIfAllowed(repository);
    if (target.isEmpty()) {
      throw blocked(operation, repository.registry());
    }
    return target.get();
  }

  /** {@code repository} at its primary location; empty when it is blocked. */
  Optional<Repository> primaryIfAllowed(Repository repository) {
    return config.pushTarget(repository);
  }

  /** {@code reference} at its primary location. */
  ImageReference primary(ImageReference reference, String operation) throws RegistryException {
    Repository at = primary(reference.repository(), operation);
    return at.equals(reference.repository())
        ? reference
        : new ImageReference(at, reference.tag(), reference.digest());
  }

  /**
   * Where requests for the whole of {@code registry} go ({@code /v2/}, the catalog): the location
   * of the route for the registry itself.
   */
  RegistryLocation primary(Registry registry, String operation) throws RegistryException {
    Optional<RegistryRoute> route = config.routeFor(registry);
    if (route.isPresent() && route.get().isBlocked()) {
      throw blocked(operation, registry);
    }
    String location = route.map(RegistryRoute::location).orElse("");
    if (location.isEmpty() || location.equals(registry.name())) {
      return new RegistryLocation(registry, "");
    }
    int slash = location.indexOf('/');
    return slash < 0
        ? new RegistryLocation(Registry.parse(location), "")
        : new RegistryLocation(
            Registry.parse(location.substring(0, slash)), location.substring(slash + 1));
  }

  /**
   * A registry's primary location: the host, and the namespace its repositories are under there
   * (empty when they keep their names).
   */
  record RegistryLocation(Registry registry, String namespace) {
    /**
     * The repository named {@code path} at the location as the caller names it under {@code
     * original}; empty when it lies outside the namespace (not reachable through the route).
     */
    Optional<Repository> asSeenFrom(Registry original, String path) {
      if (namespace.isEmpty()) {
        return Optional.of(Repository.of(original, path));
      }
      return path.startsWith(namespace + "/")
          ? Optional.of(Repository.of(original, path.substring(namespace.length() + 1)))
          : Optional.empty();
    }
  }

  private static RegistryException blocked(String operation, Registry registry) {
    return new RegistryException(
        operation, registry + " is blocked by the registries configuration");
  }

  /** The registries spoken to over plain HTTP: insecure routes' locations and insecure mirrors. */
  static Set<String> insecureHosts(RegistriesConfig config) {
    Set<String> hosts = new LinkedHashSet<>();
    for (RegistryRoute route : config.routes()) {
      if (route.isInsecure() && !route.location().isEmpty()) {
        hosts.add(host(route.location()));
      }
      for (Mirror mirror : route.mirrors()) {
        if (mirror.isInsecure()) {
          hosts.add(host(mirror.location()));
        }
      }
    }
    return hosts;
  }

  private static String host(String location) {
    int slash = location.indexOf('/');
    return RegistryClient.host(Registry.parse(slash < 0 ? location : location.substring(0, slash)));
  }
}
