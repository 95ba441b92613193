package dev.registrykit.core.reference;

import java.util.regex.Pattern;

/**
 * The image reference grammar, composed from small named pieces exactly as distribution/reference's
 * {@code regexp.go} does, plus a single-pass scanner that implements the same productions.
 *
 * <p>Two forms of one grammar, on purpose:
 *
 * <ul>
 *   <li>The {@code String} constants below are the <em>specification</em>: each atom is named and
 *       documented, composites are built with {@link #optional}, {@link #anyTimes}, {@link
 *       #capture} and {@link #anchored}, and they mirror the EBNF in {@code package-info.java} one
 *       to one. They are faithful translations of the Go expressions, so they backtrack: Java's
 *       engine has no RE2 linear-time guarantee and some inputs cost quadratic time or worse. They
 *       are therefore never run on untrusted input; {@code ReferenceGrammarTest} uses them as the
 *       oracle the scanner is checked against, on inputs of bounded length.
 *   <li>The {@code scan*} methods are what parsing uses: one left-to-right pass per production, no
 *       backtracking, so any input costs time linear in its length and can only be accepted or
 *       rejected with a position. Each method is named after the production it implements.
 * </ul>
 *
 * <p>Scanner methods work on {@code s[from, to)} and return {@link #OK} when the whole range
 * matches the production, otherwise the index of the first character that cannot belong to it
 * ({@code to} when the range ends too early). Not instantiable.
 *
 * @see <a
 *     href="https://github.com/distribution/reference/blob/main/regexp.go">distribution/reference
 *     regexp.go</a>
 */
final class ReferenceGrammar {
  /** Returned by the scanners when the whole range matches. */
  static final int OK = -1;

  /**
   * Repository paths longer than this are rejected (distribution's RepositoryNameTotalLengthMax).
   */
  static final int NAME_TOTAL_LENGTH_MAX = 255;

  /** Tags are at most this long. */
  static final int TAG_LENGTH_MAX = 128;

  // ---- the specification: named atoms ----

  /** Lowercase letters and digits: the only characters a path component may start or end with. */
  static final String ALPHANUMERIC = "[a-z0-9]+";

  /**
   * Separates alphanumeric runs inside one path component: one period, one or two underscores, or
   * any number of dashes.
   */
  static final String SEPARATOR = "(?:[._]|__|[-]+)";

  /**
   * One host label: letters (either case), digits and inner dashes; it may not start or end with a
   * dash.
   */
  static final String DOMAIN_NAME_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";

  /** An IPv6 literal in brackets, e.g. {@code [::1]}; deliberately loose, as in distribution. */
  static final String IPV6_ADDRESS = "\\[(?:[a-fA-F0-9:]+)\\]";

  /** A port: any decimal digits after a colon (Docker does not range-check them). */
  static final String OPTIONAL_PORT = optional(":[0-9]+");

  /** A tag: a word character, then up to 127 word characters, periods or dashes. */
  static final String TAG = "[\\w][\\w.-]{0,127}";

  /**
   * A digest as the reference grammar sees it: an algorithm, a colon, at least 32 hex digits. The
   * digest package then accepts only sha256 and sha512 with lowercase hex.
   */
  static final String DIGEST =
      "[A-Za-z][A-Za-z0-9]*" + anyTimes("[-_+.][A-Za-z][A-Za-z0-9]*") + "[:][0-9a-fA-F]{32,}";

  /** What a bare image ID looks like; such a string is never accepted as a name. */
  static final String IDENTIFIER = "[a-f0-9]{64}";

  // ---- the specification: composites ----

  /** Host labels joined by periods. */
  static final String DOMAIN_NAME = DOMAIN_NAME_COMPONENT + anyTimes("\\.", DOMAIN_NAME_COMPONENT);

  /** A host: a domain name (including {@code localhost} and IPv4 addresses) or an IPv6 literal. */
  static final String HOST = "(?:" + DOMAIN_NAME + "|" + IPV6_ADDRESS + ")";

  /** The registry part of a name: host and optional port. */
  static final String DOMAIN_AND_PORT = HOST + OPTIONAL_PORT;

  /** One slash-free component of a repository path, e.g. {@code my_app-v2}. */
  static final String PATH_COMPONENT = ALPHANUMERIC + anyTimes(SEPARATOR, ALPHANUMERIC);

  /** A repository path: path components joined by slashes, e.g. {@code library/alpine}. */
  static final String REMOTE_NAME = PATH_COMPONENT + anyTimes("/", PATH_COMPONENT);

  /** A name: an optional registry and slash, then the repository path. */
  static final String NAME = optional(DOMAIN_AND_PORT, "/") + REMOTE_NAME;

  /** A whole reference; groups: 1 name, 2 tag, 3 digest. */
  static final String REFERENCE =
      anchored(capture(NAME), optional(":", capture(TAG)), optional("@", capture(DIGEST)));

  /** A whole name split into its parts; groups: 1 registry (may be absent), 2 repository path. */
  static final String ANCHORED_NAME =
      anchored(optional(capture(DOMAIN_AND_PORT), "/"), capture(REMOTE_NAME));

  /** {@link #IDENTIFIER}, anchored. */
  static final String ANCHORED_IDENTIFIER = anchored(IDENTIFIER);

  /** Compiles a specification pattern; for tests and documentation, never for untrusted input. */
  static Pattern compile(String expression) {
    return Pattern.compile(expression);
  }

  // ---- combinators (regexp.go: optional, anyTimes, capture, anchored) ----

  /** The concatenation of {@code parts}, wrapped in a non-capturing group and made optional. */
  static String optional(String... parts) {
    return "(?:" + String.join("", parts) + ")?";
  }

  /**
   * The concatenation of {@code parts}, wrapped in a non-capturing group, repeated zero or more
   * times.
   */
  static String anyTimes(String... parts) {
    return "(?:" + String.join("", parts) + ")*";
  }

  /** The concatenation of {@code parts} in a capturing group. */
  static String capture(String... parts) {
    return "(" + String.join("", parts) + ")";
  }

  /**
   * The concatenation of {@code parts}, anchored at both ends of the input. {@code \z}, not {@code
   * $}: Java's {@code $} also matches before a final line terminator, and a reference followed by a
   * newline must not match.
   */
  static String anchored(String... parts) {
    return "\\A" + String.join("", parts) + "\\z";
  }

  // ---- the scanner: one method per production ----

  /**
   * Scans {@link #DOMAIN_AND_PORT}: a domain name or bracketed IPv6 literal, then an optional port.
   */
  static int scanDomainAndPort(String s, int from, int to) {
    int i = from;
    if (i < to && s.charAt(i) == '[') {
      i = scanIpv6Address(s, i, to);
    } else {
      i = scanDomainName(s, i, to);
    }
    if (i < 0) {
      return ~i;
    }
    if (i < to && s.charAt(i) == ':') {
      // OPTIONAL_PORT: at least one digit after the colon.
      int digits = ++i;
      while (i < to && isDigit(s.charAt(i))) {
        i++;
      }
      if (i == digits) {
        return i;
      }
    }
    return i == to ? OK : i;
  }

  /**
   * Scans {@link #DOMAIN_NAME} as far as it goes; returns the end index, or {@code ~position} of
   * the error when not even one label matches or a label ends with a dash.
   */
  private static int scanDomainName(String s, int from, int to) {
    int i = from;
    while (true) {
      // DOMAIN_NAME_COMPONENT: starts and ends with a letter or digit, dashes only inside.
      if (i >= to || !isAsciiLetterOrDigit(s.charAt(i))) {
        return ~i;
      }
      int lastAlphanumeric = i++;
      while (i < to) {
        char c = s.charAt(i);
        if (isAsciiLetterOrDigit(c)) {
          lastAlphanumeric = i++;
        } else if (c == '-') {
          i++;
        } else {
          break;
        }
      }
      if (lastAlphanumeric != i - 1) {
        return ~(lastAlphanumeric + 1);
      }
      if (i < to && s.charAt(i) == '.') {
        i++;
      } else {
        return i;
      }
    }
  }

  /**
   * Scans {@link #IPV6_ADDRESS} from the opening bracket; returns the end index or {@code
   * ~position}.
   */
  private static int scanIpv6Address(String s, int from, int to) {
    int i = from + 1;
    int start = i;
    while (i < to && (isHexDigit(s.charAt(i)) || s.charAt(i) == ':')) {
      i++;
    }
    if (i == start || i >= to || s.charAt(i) != ']') {
      return ~i;
    }
    return i + 1;
  }

  /** Scans {@link #REMOTE_NAME}: path components joined by single slashes. */
  static int scanRemoteName(String s, int from, int to) {
    int i = from;
    while (true) {
      i = scanPathComponent(s, i, to);
      if (i < 0) {
        return ~i;
      }
      if (i == to) {
        return OK;
      }
      if (s.charAt(i) != '/') {
        return i;
      }
      i++;
    }
  }

  /**
   * Scans one {@link #PATH_COMPONENT} as far as it goes: alphanumeric runs joined by a {@link
   * #SEPARATOR}, which must be followed by another run. Returns the end index, or {@code ~position}
   * of the error.
   */
  private static int scanPathComponent(String s, int from, int to) {
    int i = from;
    if (i >= to || !isLowerAlphanumeric(s.charAt(i))) {
      return ~i;
    }
    i++;
    while (i < to) {
      char c = s.charAt(i);
      if (isLowerAlphanumeric(c)) {
        i++;
        continue;
      }
      if (c == '.') {
        i++;
      } else if (c == '_') {
        i++;
        if (i < to && s.charAt(i) == '_') {
          i++;
        }
      } else if (c == '-') {
        do {
          i++;
        } while (i < to && s.charAt(i) == '-');
      } else {
        return i;
      }
      // A separator joins two alphanumeric runs: it may not end a component.
      if (i >= to || !isLowerAlphanumeric(s.charAt(i))) {
        return ~i;
      }
      i++;
    }
    return i;
  }

  /** Scans {@link #TAG}, including its length limit of {@link #TAG_LENGTH_MAX}. */
  static int scanTag(String s, int from, int to) {
    // The length first: a tag is short, whatever follows it.
    if (to - from > TAG_LENGTH_MAX) {
      return from + TAG_LENGTH_MAX;
    }
    if (from >= to || !isWordCharacter(s.charAt(from))) {
      return from;
    }
    for (int i = from + 1; i < to; i++) {
      char c = s.charAt(i);
      if (!isWordCharacter(c) && c != '.' && c != '-') {
        return i;
      }
    }
    return OK;
  }

  /** Whether {@code s} is exactly {@link #IDENTIFIER}: 64 lowercase hex digits. */
  static boolean isIdentifier(String s) {
    if (s.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = s.charAt(i);
      if (!(isDigit(c) || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /** Index of the first ASCII uppercase letter in {@code s[from, to)}, or {@link #OK}. */
  static int indexOfUppercase(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        return i;
      }
    }
    return OK;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isLowerAlphanumeric(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  private static boolean isHexDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** Go's and Java's {@code \w} (ASCII): letters, digits, underscore. */
  private static boolean isWordCharacter(char c) {
    return isAsciiLetterOrDigit(c) || c == '_';
  }

  private ReferenceGrammar() {}
}
