package dev.registrykit.maven;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the library's advice in a failure message, written for Java callers ({@code
 * RegistryClient.builder().insecureRegistries(…)}), as the plugin's configuration that does the
 * same, so that a Maven user reads what to set.
 */
final class MavenHints {
  private MavenHints() {}

  private static final String ALLOW_INSECURE =
      "<allowInsecureRegistries>true</allowInsecureRegistries>"
          + " (-Dregistrykit.allowInsecureRegistries=true: HTTP and unverified HTTPS for the"
          + " image's registries only)";

  /**
   * {@code RegistryClient.builder().insecureRegistries(Registry.parse("HOST"))} and {@code
   * RegistryClient.builder().plainHttp(Registry.parse("HOST"))[.credentialsOverPlainHttp(true)]}.
   */
  private static final Pattern INSECURE =
      Pattern.compile(
          "RegistryClient\\.builder\\(\\)\\.(insecureRegistries|plainHttp)\\(Registry\\.parse\\(\"[^\"]+\"\\)\\)(\\.credentialsOverPlainHttp\\(true\\))?");

  private static final Pattern TRUSTED_CERTIFICATES =
      Pattern.compile("ApacheHttpTransport\\.builder\\(\\)\\.trustedCertificates\\([^)]*\\)");

  /** The message of {@code e} with every Java hint replaced by the plugin's configuration. */
  static String forMaven(Throwable e) {
    String message = Objects.toString(e.getMessage(), e.getClass().getSimpleName());
    String s = INSECURE.matcher(message).replaceAll(Matcher.quoteReplacement(ALLOW_INSECURE));
    return TRUSTED_CERTIFICATES
        .matcher(s)
        .replaceAll(
            Matcher.quoteReplacement(
                "add its CA certificate to the trust store of Maven's JVM,"
                    + " MAVEN_OPTS=-Djavax.net.ssl.trustStore=…"));
  }
}
