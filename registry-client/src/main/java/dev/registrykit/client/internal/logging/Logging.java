package dev.registrykit.client.internal.logging;

import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The client's loggers, quiet by default. The client and Apache HttpClient 5 log through SLF4J; the
 * application's SLF4J backend (Logback, Log4j, {@code slf4j-simple}, {@code slf4j-jdk14} for {@code
 * java.util.logging}) decides what is shown. An application with no backend gets none of it, and
 * not SLF4J's "No SLF4J providers were found" notice on standard error either: when SLF4J finds no
 * provider and the application set neither {@code slf4j.provider} nor {@code
 * slf4j.internal.verbosity}, the client sets {@code slf4j.internal.verbosity=ERROR} before SLF4J
 * starts, which silences that notice and nothing else.
 *
 * @see <a href="https://www.slf4j.org/codes.html#noProviders">SLF4J: no providers</a>
 */
public final class Logging {
  static final String VERBOSITY = "slf4j.internal.verbosity";
  static final String PROVIDER = "slf4j.provider";

  private static boolean checked;

  private Logging() {}

  /** The logger {@code name}, after making sure SLF4J stays quiet without a backend. */
  public static Logger logger(String name) {
    quietWithoutProvider();
    return LoggerFactory.getLogger(name);
  }

  /**
   * Makes SLF4J quiet when the application has no backend; call before anything (HttpClient) starts
   * SLF4J. Runs its check once per class loader.
   */
  public static synchronized void quietWithoutProvider() {
    if (!checked) {
      checked = true;
      if (System.getProperty(VERBOSITY) == null
          && System.getProperty(PROVIDER) == null
          && !hasProvider()) {
        System.setProperty(VERBOSITY, "ERROR");
      }
    }
  }

  /**
   * Whether SLF4J finds a provider, the way it looks (its own class loader's services), or an SLF4J
   * older than 2 is in charge.
   */
  static boolean hasProvider() {
    try {
      return ServiceLoader.load(SLF4JServiceProvider.class, LoggerFactory.class.getClassLoader())
          .stream()
          .findFirst()
          .isPresent();
    } catch (ServiceConfigurationError e) {
      return true; // a provider is declared, if broken: SLF4J's own report about it stays
    } catch (LinkageError e) {
      // An SLF4J 1.x API wins over ours (Maven's plugin realms import Maven's own 1.7 with its
      // binding): that host decides about logging, and 1.x has no providers to look for.
      return true;
    }
  }
}
