package dev.registrykit.examples.cli;

import dev.registrykit.client.RegistryClient;
import dev.registrykit.client.auth.Credential;
import dev.registrykit.client.auth.CredentialProvider;
import dev.registrykit.client.auth.CredentialProviders;
import dev.registrykit.client.registries.RegistriesConfig;
import dev.registrykit.client.transport.apache.ApacheHttpTransport;
import dev.registrykit.core.reference.Registry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/** Builds the {@link RegistryClient} a command uses, from the common registry options. */
final class Registries {
  private Registries() {}

  /**
   * A client for the registries named on the command line: with {@code --insecure} HTTPS without
   * certificate verification or plain HTTP, the CA certificates of {@code --cert-dir} trusted in
   * addition to the JVM's, the {@code --creds} for them, else the credentials of {@code docker
   * login} or {@code podman login}.
   */
  static RegistryClient client(Invocation invocation, Collection<Registry> named)
      throws IOException {
    return builder(invocation.access(), named).build();
  }

  /** A client for {@code named}, reached as {@code access} says: one side of a copy. */
  static RegistryClient client(RegistryAccess access, Collection<Registry> named)
      throws IOException {
    return builder(access, named).build();
  }

  /**
   * {@link #client} not yet built: for {@code login}, which replaces the credentials with the ones
   * it verifies.
   */
  static RegistryClient.Builder builder(Invocation invocation, Collection<Registry> named)
      throws IOException {
    return builder(invocation.access(), named);
  }

  private static RegistryClient.Builder builder(RegistryAccess access, Collection<Registry> named)
      throws IOException {
    ApacheHttpTransport.Builder transport = ApacheHttpTransport.builder();
    if (access.certDir().isPresent()) {
      certDir(transport, access.certDir().get());
    } else {
      // Per registry, where podman, skopeo and docker look: certs.d/HOST:PORT/{*.crt, *.cert,
      // *.key}.
      transport.certsDirectories(
          Path.of(System.getProperty("user.home"), ".config", "containers", "certs.d"),
          Path.of("/etc/containers/certs.d"),
          Path.of("/etc/docker/certs.d"));
    }
    RegistryClient.Builder builder = RegistryClient.builder().userAgent("registrykit-cli/0.1");
    // Mirrors, location rewrites, insecure and blocked registries, as skopeo and podman read them.
    builder.registries(
        access.registriesConf().isPresent()
            ? RegistriesConfig.parse(access.registriesConf().get())
            : RegistriesConfig.load());
    if (access.insecure()) {
      // As docker's insecure-registries, for the registries named on the line only: HTTPS without
      // certificate verification, else plain HTTP; credentials may go there. A token realm or blob
      // storage on another host is verified as usual.
      builder.insecureRegistries(named.toArray(Registry[]::new));
    }
    // --creds for the registries named here, else what docker login / podman login stored.
    List<CredentialProvider> providers = new ArrayList<>();
    if (access.creds().isPresent()) {
      UserPassword creds = access.creds().get();
      for (Registry registry : named) {
        providers.add(
            CredentialProviders.fixed(
                registry.toString(),
                new Credential.UsernamePassword(creds.user(), creds.password())));
      }
    }
    providers.add(CredentialProviders.defaultChain());
    builder.credentials(CredentialProviders.chain(providers));
    return builder.transport(transport.build());
  }

  // As docker's /etc/docker/certs.d/HOST/ and skopeo's --cert-dir: every *.crt is a CA, a
  // client.cert with its client.key (any NAME.cert with NAME.key) a client certificate.
  private static void certDir(ApacheHttpTransport.Builder transport, Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.sorted().toList();
    }
    List<Path> crts =
        files.stream().filter(p -> p.getFileName().toString().endsWith(".crt")).toList();
    List<Path> certs =
        files.stream().filter(p -> p.getFileName().toString().endsWith(".cert")).toList();
    if (crts.isEmpty() && certs.isEmpty()) {
      throw new UsageException("--cert-dir has no *.crt or *.cert file: " + dir);
    }
    if (certs.size() > 1) {
      throw new UsageException("--cert-dir has more than one client certificate (*.cert): " + dir);
    }
    transport.trustedCertificates(crts.toArray(Path[]::new));
    for (Path cert : certs) {
      String name = cert.getFileName().toString();
      Path key = cert.resolveSibling(name.substring(0, name.length() - ".cert".length()) + ".key");
      if (!Files.exists(key)) {
        throw new UsageException(
            "--cert-dir has " + name + " without its key " + key.getFileName());
      }
      transport.clientCertificate(cert, key);
    }
  }
}
