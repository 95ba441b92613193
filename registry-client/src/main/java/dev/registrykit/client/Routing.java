package dev.registrykit.client;

import dev.registrykit.client.errors.RegistryException;
import dev.registrykit.client.internal.http.Call;
import dev.registrykit.client.internal.http.CallSender;
import dev.registrykit.client.registries.Mirror;
import dev.registrykit.client.registries.RegistriesConfig;
import dev.registrykit.client.registries.RegistryRoute;
import dev.registrykit.client.transport.HttpResponse;
import dev.registrykit.core.reference.Registry;
import dev.registrykit.core.reference.Repository;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Where {@link RegistriesConfig} meets the client: plain HTTP for insecure locations and mirrors,
 * refusal of blocked ones.
 */
final class Routing {
  private Routing() {}

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

  /** Refuses every call to a blocked registry or repository before anything is sent. */
  static final class BlockingSender implements CallSender {
    private final RegistriesConfig config;
    private final CallSender next;

    BlockingSender(RegistriesConfig config, CallSender next) {
      this.config = config;
      this.next = next;
    }

    @Override
    public HttpResponse send(Call call) throws IOException {
      if (!config.routes().isEmpty()) {
        Optional<Repository> repository =
            call.repository().isEmpty()
                ? Optional.empty()
                : Repository.tryParse(call.registry() + "/" + call.repository());
        boolean blocked =
            repository.isPresent()
                ? config.routeFor(repository.get()).map(RegistryRoute::isBlocked).orElse(false)
                : config.routes().stream()
                    .anyMatch(r -> r.isBlocked() && r.prefix().equals(call.registry()));
        if (blocked) {
          throw new RegistryException(
              call.operation(), call.registry() + " is blocked by the registries configuration");
        }
      }
      return next.send(call);
    }

    @Override
    public Optional<URI> location(Call call, HttpResponse response) throws RegistryException {
      return next.location(call, response);
    }
  }
}
