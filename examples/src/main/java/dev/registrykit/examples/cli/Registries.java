package dev.registrykit.examples.cli;

import dev.registrykit.client.RegistryClient;
import dev.registrykit.client.transport.apache.ApacheHttpTransport;
import dev.registrykit.core.reference.Registry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/** Builds the {@link RegistryClient} a command uses, from the common registry options. */
final class Registries {
  private Registries() {}

  /**
   * A client for the registries named on the command line: plain HTTP for them with {@code
   * --insecure}, the CA certificates of {@code --cert-dir} trusted in addition to the JVM's.
   */
  static RegistryClient client(Invocation invocation, Collection<Registry> named) throws IOException {
    ApacheHttpTransport.Builder transport = ApacheHttpTransport.builder();
    if (invocation.certDir().isPresent()) {
      transport.trustedCertificates(certificates(invocation.certDir().get()).toArray(Path[]::new));
    }
    RegistryClient.Builder builder =
        RegistryClient.builder().transport(transport.build()).userAgent("registrykit-cli/0.1");
    if (invocation.insecure()) {
      builder.plainHttp(named.toArray(Registry[]::new));
    }
    return builder.build();
  }

  // As docker's /etc/docker/certs.d/HOST/ and skopeo's --cert-dir: every *.crt is a CA.
  private static List<Path> certificates(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> crts = files.filter(p -> p.getFileName().toString().endsWith(".crt")).sorted().toList();
      if (crts.isEmpty()) {
        throw new UsageException("--cert-dir has no *.crt file: " + dir);
      }
      return crts;
    }
  }
}
