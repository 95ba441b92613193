package dev.registrykit.client.auth;

import dev.registrykit.core.reference.Scope;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One authentication challenge from a {@code WWW-Authenticate} header: {@code Bearer
 * realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull"}.
 *
 * <p>{@link #parse} follows RFC 9110 section 11.6.1: parameters in any order, quoted strings with
 * backslash escapes, optional whitespace around {@code =}, several challenges in one header field,
 * {@code token68} credentials, scheme names in any case ({@code BASIC realm=…} from Nexus), a Basic
 * challenge without a realm. Parameter names are stored in lower case. Parsing never throws:
 * malformed parts are skipped, so a hostile header costs at most a lost challenge.
 *
 * <p>Immutable and thread-safe. A challenge carries no secret.
 *
 * @param scheme the auth scheme as sent, e.g. {@code Bearer}; compare with {@link #isBearer()}
 * @param parameters the auth parameters, names in lower case, in the order sent
 * @param token68 the token68 form, for schemes that use it instead of parameters
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9110#section-11.6.1">RFC 9110,
 *     WWW-Authenticate</a>
 */
public record Challenge(String scheme, Map<String, String> parameters, Optional<String> token68) {
  /** Validates and copies the components. */
  public Challenge {
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(parameters, "parameters");
    Objects.requireNonNull(token68, "token68");
    if (scheme.isEmpty()) {
      throw new IllegalArgumentException("challenge scheme is empty");
    }
    Map<String, String> copy = new LinkedHashMap<>();
    parameters.forEach(
        (k, v) -> copy.put(k.toLowerCase(Locale.ROOT), Objects.requireNonNull(v, "value")));
    parameters = Collections.unmodifiableMap(copy);
  }

  /** A challenge with parameters and no token68. */
  public static Challenge of(String scheme, Map<String, String> parameters) {
    return new Challenge(scheme, parameters, Optional.empty());
  }

  /** Whether the scheme is {@code Bearer} (any case). */
  public boolean isBearer() {
    return scheme.equalsIgnoreCase("Bearer");
  }

  /** Whether the scheme is {@code Basic} (any case). */
  public boolean isBasic() {
    return scheme.equalsIgnoreCase("Basic");
  }

  /** The parameter {@code name} (case-insensitive). */
  public Optional<String> parameter(String name) {
    return Optional.ofNullable(parameters.get(name.toLowerCase(Locale.ROOT)));
  }

  /** The {@code realm}: for Bearer, the token endpoint URL. */
  public Optional<String> realm() {
    return parameter("realm");
  }

  /** The {@code service} to name in token requests. */
  public Optional<String> service() {
    return parameter("service");
  }

  /** The scopes the registry asked for, e.g. after {@code insufficient_scope}. */
  public List<Scope> scopes() {
    return parameter("scope").map(Scope::parseList).orElse(List.of());
  }

  /** The {@code error} parameter, e.g. {@code insufficient_scope} or {@code invalid_token}. */
  public Optional<String> error() {
    return parameter("error");
  }

  /** The challenge in header form, token68 redacted. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(scheme);
    if (token68.isPresent()) {
      return sb.append(" ██").toString();
    }
    String sep = " ";
    for (Map.Entry<String, String> e : parameters.entrySet()) {
      sb.append(sep).append(e.getKey()).append("=\"");
      String v = e.getValue();
      for (int i = 0; i < v.length(); i++) {
        char c = v.charAt(i);
        if (c == '"' || c == '\\') {
          sb.append('\\');
        }
        sb.append(c);
      }
      sb.append('"');
      sep = ",";
    }
    return sb.toString();
  }

  /** Parses every challenge in one {@code WWW-Authenticate} field value. Never throws. */
  public static List<Challenge> parse(String headerValue) {
    Objects.requireNonNull(headerValue, "headerValue");
    return new Parser(headerValue).challenges();
  }

  /**
   * Parses every challenge in several {@code WWW-Authenticate} field values, in order. Never
   * throws.
   */
  public static List<Challenge> parseAll(List<String> headerValues) {
    List<Challenge> all = new ArrayList<>();
    for (String value : headerValues) {
      all.addAll(parse(value));
    }
    return List.copyOf(all);
  }

  /** A small recursive-descent reader over one field value. */
  private static final class Parser {
    private final String s;
    private int pos;

    Parser(String s) {
      this.s = s;
    }

    List<Challenge> challenges() {
      List<Challenge> result = new ArrayList<>();
      while (true) {
        skipWhitespaceAndCommas();
        if (pos >= s.length()) {
          return List.copyOf(result);
        }
        int start = pos;
        String scheme = token();
        if (scheme.isEmpty()) {
          skipPastComma(start);
          continue;
        }
        Map<String, String> params = new LinkedHashMap<>();
        Optional<String> token68 = Optional.empty();
        int afterScheme = pos;
        skipSpaces();
        if (pos > afterScheme && pos < s.length() && s.charAt(pos) != ',') {
          int t68 = token68End(pos);
          if (t68 > 0) {
            token68 = Optional.of(s.substring(pos, t68));
            pos = t68;
          } else if (!params(params)) {
            continue; // malformed: params() left pos at the next challenge boundary
          }
        }
        result.add(new Challenge(scheme, params, token68));
      }
    }

    /**
     * Reads {@code name=value} pairs separated by commas until a new challenge starts (a token not
     * followed by {@code =}). Returns false when the parameter list is malformed.
     */
    private boolean params(Map<String, String> params) {
      while (true) {
        int mark = pos;
        skipOws();
        String name = token();
        if (name.isEmpty()) {
          pos = mark;
          return skipMalformed();
        }
        skipOws();
        if (pos >= s.length() || s.charAt(pos) != '=') {
          // A token without '=' starts the next challenge.
          pos = mark;
          return true;
        }
        pos++;
        skipOws();
        String value;
        if (pos < s.length() && s.charAt(pos) == '"') {
          Optional<String> quoted = quotedString();
          if (quoted.isEmpty()) {
            return false;
          }
          value = quoted.get();
        } else {
          value = token();
        }
        // The first occurrence wins; RFC 9110 says each parameter name must appear only once.
        params.putIfAbsent(name.toLowerCase(Locale.ROOT), value);
        skipOws();
        if (pos >= s.length()) {
          return true;
        }
        if (s.charAt(pos) != ',') {
          return skipMalformed();
        }
        // Consume commas (empty list elements are allowed), then see whether a parameter follows.
        while (pos < s.length() && (s.charAt(pos) == ',' || isOws(s.charAt(pos)))) {
          pos++;
        }
        if (pos >= s.length()) {
          return true;
        }
        int save = pos;
        String next = token();
        skipOws();
        boolean isParam = !next.isEmpty() && pos < s.length() && s.charAt(pos) == '=';
        pos = save;
        if (!isParam) {
          return true;
        }
      }
    }

    /** Skips to the character after the next comma; the current challenge is dropped. */
    private boolean skipMalformed() {
      while (pos < s.length() && s.charAt(pos) != ',') {
        pos++;
      }
      return false;
    }

    private void skipPastComma(int start) {
      pos = Math.max(pos, start + 1);
      while (pos < s.length() && s.charAt(pos) != ',') {
        pos++;
      }
    }

    /** The end of a token68 starting at {@code from} that spans to a comma or the end, or -1. */
    private int token68End(int from) {
      int i = from;
      while (i < s.length() && isToken68Char(s.charAt(i))) {
        i++;
      }
      if (i == from) {
        return -1;
      }
      while (i < s.length() && s.charAt(i) == '=') {
        i++;
      }
      int end = i;
      while (i < s.length() && isOws(s.charAt(i))) {
        i++;
      }
      boolean atBoundary = i >= s.length() || s.charAt(i) == ',';
      // "name=value" is a parameter; only trailing '=' padding (or none) makes a token68.
      if (!atBoundary) {
        return -1;
      }
      // "abc" or "abc==" at a boundary. (A lone "name=" with nothing after reads as token68, as the
      // RFC 9110 grammar does.)
      return end;
    }

    private Optional<String> quotedString() {
      StringBuilder sb = new StringBuilder();
      pos++; // opening quote
      while (pos < s.length()) {
        char c = s.charAt(pos++);
        if (c == '"') {
          return Optional.of(sb.toString());
        }
        if (c == '\\') {
          if (pos >= s.length()) {
            break;
          }
          c = s.charAt(pos++);
        }
        sb.append(c);
      }
      return Optional.empty(); // unterminated
    }

    private String token() {
      int start = pos;
      while (pos < s.length() && isTchar(s.charAt(pos))) {
        pos++;
      }
      return s.substring(start, pos);
    }

    private void skipSpaces() {
      while (pos < s.length() && isOws(s.charAt(pos))) {
        pos++;
      }
    }

    private void skipOws() {
      skipSpaces();
    }

    private void skipWhitespaceAndCommas() {
      while (pos < s.length() && (isOws(s.charAt(pos)) || s.charAt(pos) == ',')) {
        pos++;
      }
    }

    private static boolean isOws(char c) {
      return c == ' ' || c == '\t';
    }

    private static boolean isTchar(char c) {
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
        return true;
      }
      return "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private static boolean isToken68Char(char c) {
      return c >= 'a' && c <= 'z'
          || c >= 'A' && c <= 'Z'
          || c >= '0' && c <= '9'
          || "-._~+/".indexOf(c) >= 0;
    }
  }
}
