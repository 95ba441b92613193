package dev.registrykit.client.transport.apache;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.jspecify.annotations.Nullable;

/** Builds the TLS context from PEM files and key stores. JDK only. */
final class TlsMaterial {
  private static final Pattern PRIVATE_KEY =
      Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

  private TlsMaterial() {}

  static SSLContext sslContext(
      List<Path> pemFiles,
      List<KeyStore> trustStores,
      Optional<KeyStore> keyStore,
      char[] keyPassword)
      throws IOException, GeneralSecurityException {
    TrustManager[] trust = null;
    if (!pemFiles.isEmpty() || !trustStores.isEmpty()) {
      KeyStore extra = KeyStore.getInstance(KeyStore.getDefaultType());
      extra.load(null, null);
      int n = 0;
      for (Path pem : pemFiles) {
        Collection<X509Certificate> certs = certificates(pem);
        if (certs.isEmpty()) {
          throw new CertificateException("no certificate in " + pem);
        }
        for (X509Certificate cert : certs) {
          extra.setCertificateEntry("ca-" + n++, cert);
        }
      }
      for (KeyStore store : trustStores) {
        for (String alias : java.util.Collections.list(store.aliases())) {
          Certificate cert = store.getCertificate(alias);
          if (cert != null) {
            extra.setCertificateEntry("ca-" + n++, cert);
          }
        }
      }
      trust = new TrustManager[] {new EitherTrustManager(trustManager(null), trustManager(extra))};
    }
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers(keyStore, keyPassword), trust, null);
    return context;
  }

  /** The key managers presenting {@code keyStore}'s client certificate; null without one. */
  static KeyManager @Nullable [] keyManagers(Optional<KeyStore> keyStore, char[] keyPassword)
      throws GeneralSecurityException {
    if (keyStore.isEmpty()) {
      return null;
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keyStore.get(), keyPassword);
    return kmf.getKeyManagers();
  }

  static Collection<X509Certificate> certificates(Path pem)
      throws IOException, CertificateException {
    try (InputStream in = Files.newInputStream(pem)) {
      List<X509Certificate> result = new ArrayList<>();
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        result.add((X509Certificate) c);
      }
      return result;
    }
  }

  static KeyStore keyStore(Path chainPem, Path keyPem)
      throws IOException, GeneralSecurityException {
    Collection<X509Certificate> chain = certificates(chainPem);
    if (chain.isEmpty()) {
      throw new CertificateException("no certificate in " + chainPem);
    }
    String pem = Files.readString(keyPem, StandardCharsets.US_ASCII);
    Matcher m = PRIVATE_KEY.matcher(pem);
    if (!m.find()) {
      throw new GeneralSecurityException(
          keyPem + " holds no unencrypted PKCS#8 'BEGIN PRIVATE KEY' block");
    }
    byte[] der = Base64.getMimeDecoder().decode(m.group(1));
    PrivateKey key = null;
    for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
      try {
        key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        break;
      } catch (GeneralSecurityException tryNext) {
        // Not this algorithm.
      }
    }
    if (key == null) {
      throw new GeneralSecurityException("unsupported private key algorithm in " + keyPem);
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("client", key, new char[0], chain.toArray(new Certificate[0]));
    return store;
  }

  private static X509ExtendedTrustManager trustManager(@Nullable KeyStore store)
      throws GeneralSecurityException {
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    for (TrustManager tm : tmf.getTrustManagers()) {
      if (tm instanceof X509ExtendedTrustManager) {
        return (X509ExtendedTrustManager) tm;
      }
    }
    throw new GeneralSecurityException("no X509 trust manager available");
  }

  /** Trusts a server that either the JVM's trust store or the extra certificates trust. */
  private static final class EitherTrustManager extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager system;
    private final X509ExtendedTrustManager extra;

    EitherTrustManager(X509ExtendedTrustManager system, X509ExtendedTrustManager extra) {
      this.system = system;
      this.extra = extra;
    }

    @FunctionalInterface
    private interface Check {
      void check(X509ExtendedTrustManager tm) throws CertificateException;
    }

    private void either(Check check) throws CertificateException {
      try {
        check.check(extra);
      } catch (CertificateException e) {
        try {
          check.check(system);
        } catch (CertificateException second) {
          second.addSuppressed(e);
          throw second;
        }
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      either(tm -> tm.checkServerTrusted(chain, authType));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      either(tm -> tm.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      either(tm -> tm.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      system.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      system.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      system.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      X509Certificate[] a = extra.getAcceptedIssuers();
      X509Certificate[] b = system.getAcceptedIssuers();
      X509Certificate[] all = java.util.Arrays.copyOf(a, a.length + b.length);
      System.arraycopy(b, 0, all, a.length, b.length);
      return all;
    }
  }
}
