package dev.registrykit.maven;

import java.io.IOException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

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

  /**
   * {@code e} as a Maven user should read it: when its message holds Java advice, a copy with the
   * advice replaced by the plugin's configuration, keeping its cause and stack trace (Maven prints
   * every cause's message that the failure's does not contain, so the original must not be in the
   * chain); otherwise {@code e} itself.
   */
  static Throwable forMaven(Throwable e) {
    String message = Objects.toString(e.getMessage(), e.getClass().getSimpleName());
    String worded = reword(message);
    if (worded.equals(message)) {
      return e;
    }
    Reworded copy = new Reworded(worded, e.getCause());
    copy.setStackTrace(e.getStackTrace());
    return copy;
  }

  private static String reword(String message) {
    String s = INSECURE.matcher(message).replaceAll(Matcher.quoteReplacement(ALLOW_INSECURE));
    return TRUSTED_CERTIFICATES
        .matcher(s)
        .replaceAll(
            Matcher.quoteReplacement(
                "add its CA certificate to the trust store of Maven's JVM,"
                    + " MAVEN_OPTS=-Djavax.net.ssl.trustStore=…"));
  }

  /** A failure of the library, its advice worded for Maven. */
  static final class Reworded extends IOException {
    private static final long serialVersionUID = 1L;

    Reworded(String message, @Nullable Throwable cause) {
      super(message, cause);
    }
  }
}
