package dev.registrykit.examples.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the library's advice in a failure message, written for Java callers ({@code
 * RegistryClient.builder().plainHttp(…)}), as the command-line options that do the same ({@code
 * --insecure}, {@code --creds}, {@code --cert-dir}), so that a user of the command reads what to
 * type.
 */
final class CliHints {
  private CliHints() {}

  /** {@code RegistryClient.builder().credentials(…) or `docker login HOST`}. */
  private static final Pattern CREDENTIALS =
      Pattern.compile(
          "configure them with RegistryClient\\.builder\\(\\)\\.credentials\\([^)]*\\) or `docker login ([^`]+)`");

  /**
   * {@code (add them with a CredentialProvider, e.g. docker login and
   * CredentialProviders.defaultChain())}.
   */
  private static final Pattern CREDENTIAL_PROVIDER =
      Pattern.compile(
          "add them with a CredentialProvider, e\\.g\\. docker login and CredentialProviders\\.defaultChain\\(\\)");

  /**
   * {@code
   * RegistryClient.builder().plainHttp(Registry.parse("HOST"))[.credentialsOverPlainHttp(true)]}.
   */
  private static final Pattern PLAIN_HTTP =
      Pattern.compile(
          "RegistryClient\\.builder\\(\\)\\.plainHttp\\(Registry\\.parse\\(\"([^\"]+)\"\\)\\)(\\.credentialsOverPlainHttp\\(true\\))?");

  /** {@code RegistryClient.builder().insecureRegistries(Registry.parse("HOST"))}. */
  private static final Pattern INSECURE_REGISTRIES =
      Pattern.compile(
          "RegistryClient\\.builder\\(\\)\\.insecureRegistries\\(Registry\\.parse\\(\"([^\"]+)\"\\)\\)");

  private static final Pattern TRUSTED_CERTIFICATES =
      Pattern.compile("ApacheHttpTransport\\.builder\\(\\)\\.trustedCertificates\\([^)]*\\)");

  private static final Pattern LISTING_LIMIT =
      Pattern.compile(" \\(RegistryClient\\.Builder\\.maxListing(Entries|Bytes)\\)");

  /** {@code message} with every Java hint replaced by the options of this command line. */
  static String forCommandLine(String message) {
    String s =
        CREDENTIALS
            .matcher(message)
            .replaceAll(
                m ->
                    Matcher.quoteReplacement(
                        "pass --creds USER:PASS or run `registrykit login " + m.group(1) + "`"));
    s =
        CREDENTIAL_PROVIDER
            .matcher(s)
            .replaceAll("pass --creds USER:PASS, or run `registrykit login` first");
    s =
        PLAIN_HTTP
            .matcher(s)
            .replaceAll(m -> Matcher.quoteReplacement("--insecure (for " + m.group(1) + ")"));
    s =
        INSECURE_REGISTRIES
            .matcher(s)
            .replaceAll(m -> Matcher.quoteReplacement("--insecure (for " + m.group(1) + ")"));
    s = TRUSTED_CERTIFICATES.matcher(s).replaceAll("--cert-dir DIR with its *.crt");
    return LISTING_LIMIT.matcher(s).replaceAll("");
  }
}
