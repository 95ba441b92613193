package dev.registrykit.examples.cli;

import dev.registrykit.core.reference.Registry;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * {@code --insecure}'s TLS: certificates go unverified for the registries named on the command line
 * only. Every other host the command reaches — a token realm, a blob redirected to storage — is
 * verified with the JVM's trust as usual, so a bearer token or a password sent there cannot be read
 * by whoever holds a forged certificate. The host name check is unchanged.
 */
final class InsecureRegistriesTrust extends X509ExtendedTrustManager {
  private final Set<String> insecure;
  private final X509ExtendedTrustManager verified;

  private InsecureRegistriesTrust(Set<String> insecure, X509ExtendedTrustManager verified) {
    this.insecure = insecure;
    this.verified = verified;
  }

  /** A TLS context that skips verification for {@code named} (host and port) only. */
  static SSLContext context(Collection<Registry> named) throws IOException {
    try {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init((KeyStore) null);
      X509ExtendedTrustManager jvm = null;
      for (TrustManager m : factory.getTrustManagers()) {
        if (m instanceof X509ExtendedTrustManager) {
          jvm = (X509ExtendedTrustManager) m;
        }
      }
      if (jvm == null) {
        throw new GeneralSecurityException("the JVM has no X.509 trust manager");
      }
      Set<String> authorities =
          named.stream().map(InsecureRegistriesTrust::authority).collect(Collectors.toSet());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new InsecureRegistriesTrust(authorities, jvm)}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up TLS for --insecure: " + e.getMessage(), e);
    }
  }

  /** {@code host:port} where the registry's API is served (443 when the name has no port). */
  static String authority(Registry registry) {
    Registry api = Registry.parse(registry.apiHost());
    return authority(api.host(), api.port().orElse(443));
  }

  private static String authority(String host, int port) {
    String bare =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    return bare.toLowerCase(Locale.ROOT) + ":" + port;
  }

  private boolean isInsecure(SSLSession session) {
    return session != null
        && session.getPeerHost() != null
        && insecure.contains(authority(session.getPeerHost(), session.getPeerPort()));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    if (!(socket instanceof SSLSocket s && isInsecure(s.getHandshakeSession()))) {
      verified.checkServerTrusted(chain, authType, socket);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    if (engine == null || !isInsecure(engine.getHandshakeSession())) {
      verified.checkServerTrusted(chain, authType, engine);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    verified.checkServerTrusted(chain, authType); // no peer known: verify
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    verified.checkClientTrusted(chain, authType, socket);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    verified.checkClientTrusted(chain, authType, engine);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    verified.checkClientTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return verified.getAcceptedIssuers();
  }
}
