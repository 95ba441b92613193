package dev.registrykit.client.transport.apache;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.jspecify.annotations.Nullable;

/**
 * TLS for {@link ApacheHttpTransport#sendUnverified}: a connection whose request asked for it (the
 * {@link #ATTRIBUTE} in its context) is set up without checking the server's certificate chain or
 * host name; every other connection goes to the verifying strategy. Such a connection is pooled
 * with the state {@link #POOL_STATE}, and Apache's pool hands a pooled connection only to a lease
 * of the same state (verified requests lease with none), so it never carries a verified request.
 * The client certificate given to the builder is presented either way.
 */
final class UnverifiedTls implements TlsSocketStrategy {
  /** The context attribute that asks for an unverified connection. */
  static final String ATTRIBUTE = "dev.registrykit.unverified-tls";

  /** The pool state (Apache's user token) of connections set up without verification. */
  static final Object POOL_STATE =
      new Object() {
        @Override
        public String toString() {
          return "unverified TLS";
        }
      };

  private final TlsSocketStrategy verified;
  private final Optional<KeyStore> clientKeys;
  private final char[] clientKeyPassword;
  private volatile @Nullable TlsSocketStrategy unverified;

  UnverifiedTls(
      TlsSocketStrategy verified, Optional<KeyStore> clientKeys, char[] clientKeyPassword) {
    this.verified = verified;
    this.clientKeys = clientKeys;
    this.clientKeyPassword = clientKeyPassword.clone();
  }

  /** The strategy for verified connections (a test seam). */
  TlsSocketStrategy verified() {
    return verified;
  }

  @Override
  public SSLSocket upgrade(
      Socket socket, String target, int port, Object attachment, HttpContext context)
      throws IOException {
    boolean asked = context != null && Boolean.TRUE.equals(context.getAttribute(ATTRIBUTE));
    return (asked ? unverified() : verified).upgrade(socket, target, port, attachment, context);
  }

  /** Set up on first use: most transports never make an unverified connection. */
  private TlsSocketStrategy unverified() throws SSLException {
    TlsSocketStrategy u = unverified;
    if (u == null) {
      synchronized (this) {
        u = unverified;
        if (u == null) {
          try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(
                TlsMaterial.keyManagers(clientKeys, clientKeyPassword),
                new TrustManager[] {new AnyCertificate()},
                null);
            // No host-name check either: JSSE's is off (CLIENT policy), Apache's is a no-op.
            u =
                new DefaultClientTlsStrategy(
                    context, HostnameVerificationPolicy.CLIENT, NoopHostnameVerifier.INSTANCE);
          } catch (GeneralSecurityException e) {
            throw new SSLException("cannot set up unverified TLS: " + e.getMessage(), e);
          }
          unverified = u;
        }
      }
    }
    return u;
  }

  /**
   * Accepts any server certificate. Extended, so that JSSE does not wrap it in its own host-name
   * check.
   */
  private static final class AnyCertificate extends X509ExtendedTrustManager {
    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      throw new CertificateException("a client does not check clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      throw new CertificateException("a client does not check clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("a client does not check clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
