package dev.registrykit.client.auth;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Ready-made {@link CredentialProvider}s: fixed credentials and chains of providers.
 *
 * <p>Registry names are compared case-insensitively, and Docker Hub's names {@code docker.io}, {@code
 * index.docker.io} and {@code registry-1.docker.io} are one registry, as in Docker.
 */
public final class CredentialProviders {
  private CredentialProviders() {}

  /** No credentials for any registry. */
  public static CredentialProvider anonymous() {
    return registry -> Optional.empty();
  }

  /** {@code credential} for {@code registry} (and its Docker Hub aliases), nothing for others. */
  public static CredentialProvider fixed(String registry, Credential credential) {
    String key = canonicalRegistry(registry);
    Objects.requireNonNull(credential, "credential");
    return new CredentialProvider() {
      @Override
      public Optional<Credential> credentialFor(String r) {
        return canonicalRegistry(r).equals(key) ? Optional.of(credential) : Optional.empty();
      }

      @Override
      public String toString() {
        return "fixed(" + key + ", " + credential + ")";
      }
    };
  }

  /** The first credential any of {@code providers} has, asked in order. */
  public static CredentialProvider chain(CredentialProvider... providers) {
    return chain(List.of(providers));
  }

  /** The first credential any of {@code providers} has, asked in order. */
  public static CredentialProvider chain(List<CredentialProvider> providers) {
    List<CredentialProvider> copy = List.copyOf(providers);
    return registry -> {
      for (CredentialProvider provider : copy) {
        Optional<Credential> credential = provider.credentialFor(registry);
        if (credential.isPresent()) {
          return credential;
        }
      }
      return Optional.empty();
    };
  }

  /**
   * The registry name credentials are filed under: lower case, {@code http(s)://} and any path
   * stripped ({@code https://index.docker.io/v1/} → {@code index.docker.io}, as Docker's {@code
   * ConvertToHostname}), and Docker Hub's host names folded into {@code docker.io}.
   */
  public static String canonicalRegistry(String registry) {
    String r = registry.trim().toLowerCase(Locale.ROOT);
    if (r.startsWith("https://")) {
      r = r.substring(8);
    } else if (r.startsWith("http://")) {
      r = r.substring(7);
    }
    int slash = r.indexOf('/');
    if (slash >= 0) {
      r = r.substring(0, slash);
    }
    if (r.equals("index.docker.io") || r.equals("registry-1.docker.io") || r.equals("registry.hub.docker.com")) {
      return "docker.io";
    }
    return r;
  }

}
