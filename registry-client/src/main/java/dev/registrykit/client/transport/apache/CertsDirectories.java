package dev.registrykit.client.transport.apache;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Stream;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * TLS per registry from Docker's {@code certs.d} layout: for a connection to {@code host:port}, the
 * first of the roots with a directory {@code host:port} (or {@code host} for port 443) supplies
 * {@code *.crt} CA certificates, trusted for that host in addition to the base trust, and {@code
 * *.cert} + {@code *.key} pairs as client certificates, presented to that host only. Hosts without
 * a directory get the base strategy. A directory is read on the first connection to its host, so a
 * bad file fails that connection with a message naming it.
 *
 * @see <a href="https://docs.docker.com/engine/security/certificates/">Docker: verify repository
 *     client with certificates</a>
 */
final class CertsDirectories implements TlsSocketStrategy {
  private final List<Path> roots;
  private final List<Path> baseTrust;
  private final List<KeyStore> baseTrustStores;
  private final TlsSocketStrategy base;
  private final ConcurrentMap<String, Optional<TlsSocketStrategy>> byHost =
      new ConcurrentHashMap<>();

  CertsDirectories(
      List<Path> roots,
      List<Path> baseTrust,
      List<KeyStore> baseTrustStores,
      TlsSocketStrategy base) {
    this.roots = List.copyOf(roots);
    this.baseTrust = List.copyOf(baseTrust);
    this.baseTrustStores = List.copyOf(baseTrustStores);
    this.base = base;
  }

  @Override
  public SSLSocket upgrade(
      Socket socket, String target, int port, Object attachment, HttpContext context)
      throws IOException {
    return forHost(target, port).orElse(base).upgrade(socket, target, port, attachment, context);
  }

  private Optional<TlsSocketStrategy> forHost(String host, int port) throws SSLException {
    String key = host.toLowerCase(Locale.ROOT) + ":" + port;
    Optional<TlsSocketStrategy> known = byHost.get(key);
    if (known != null) {
      return known;
    }
    Optional<TlsSocketStrategy> loaded = load(host.toLowerCase(Locale.ROOT), port);
    byHost.putIfAbsent(key, loaded);
    return loaded;
  }

  private Optional<TlsSocketStrategy> load(String host, int port) throws SSLException {
    Optional<Path> dir = directory(host, port);
    if (dir.isEmpty()) {
      return Optional.empty();
    }
    try {
      List<Path> cas = new ArrayList<>(baseTrust);
      Optional<KeyStore> keys = Optional.empty();
      KeyStore merged = null;
      try (Stream<Path> files = Files.list(dir.get())) {
        for (Path file : files.sorted().toList()) {
          String name = file.getFileName().toString();
          if (name.endsWith(".crt")) {
            cas.add(file);
          } else if (name.endsWith(".cert")) {
            Path keyFile =
                file.resolveSibling(name.substring(0, name.length() - ".cert".length()) + ".key");
            if (!Files.exists(keyFile)) {
              throw new GeneralSecurityException(
                  "missing key " + keyFile.getFileName() + " for certificate " + file);
            }
            if (merged == null) {
              merged = KeyStore.getInstance("PKCS12");
              merged.load(null, null);
            }
            KeyStore pair = TlsMaterial.keyStore(file, keyFile);
            for (String alias : Collections.list(pair.aliases())) {
              Key k = pair.getKey(alias, new char[0]);
              Certificate[] chain = pair.getCertificateChain(alias);
              merged.setKeyEntry(name, k, new char[0], chain);
            }
          } else if (name.endsWith(".key")) {
            Path certFile =
                file.resolveSibling(name.substring(0, name.length() - ".key".length()) + ".cert");
            if (!Files.exists(certFile)) {
              throw new GeneralSecurityException(
                  "missing certificate " + certFile.getFileName() + " for key " + file);
            }
          }
        }
      }
      if (merged != null) {
        keys = Optional.of(merged);
      }
      return Optional.of(
          new DefaultClientTlsStrategy(
              TlsMaterial.sslContext(cas, baseTrustStores, keys, new char[0])));
    } catch (IOException | GeneralSecurityException e) {
      throw new SSLException(
          "cannot use the certificates in " + dir.get() + ": " + e.getMessage(), e);
    }
  }

  /** {@code root/host:port}, or {@code root/host} for 443, in the first root that has one. */
  private Optional<Path> directory(String host, int port) {
    if (host.isEmpty() || host.contains("/") || host.contains("\\") || host.startsWith(".")) {
      return Optional.empty();
    }
    String name = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    List<String> candidates =
        port == 443 || port < 0 ? List.of(name + ":443", name) : List.of(name + ":" + port);
    for (Path root : roots) {
      for (String candidate : candidates) {
        Path dir = root.resolve(candidate);
        if (Files.isDirectory(dir)) {
          return Optional.of(dir);
        }
      }
    }
    return Optional.empty();
  }
}
