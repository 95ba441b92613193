package dev.registrykit.client.internal.listing;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the {@code rel="next"} target of RFC 8288 {@code Link} headers, as registries use them to
 * paginate tag lists, the catalog and referrers. The target may be relative (Distribution answers
 * {@code </v2/_catalog?last=b&n=2>; rel="next"}) and is resolved against the request URI.
 *
 * @see <a
 *     href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#listing-tags">spec:
 *     listing tags</a>
 */
public final class LinkHeader {
  private LinkHeader() {}

  /**
   * The next page's URI from every {@code Link} value of a response, resolved against {@code base}.
   */
  public static Optional<URI> next(List<String> values, URI base) {
    for (String value : values) {
      int i = 0;
      while (i < value.length()) {
        int open = value.indexOf('<', i);
        if (open < 0) {
          break;
        }
        int close = value.indexOf('>', open);
        if (close < 0) {
          break;
        }
        String target = value.substring(open + 1, close).trim();
        int end = nextLinkStart(value, close + 1);
        String params = value.substring(close + 1, end);
        if (hasRelNext(params)) {
          try {
            return Optional.of(base.resolve(new URI(target)));
          } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
          }
        }
        i = end;
      }
    }
    return Optional.empty();
  }

  // The parameters of one link run until the next top-level comma that is followed by '<';
  // quoted strings may contain commas.
  private static int nextLinkStart(String value, int from) {
    boolean quoted = false;
    for (int i = from; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '\\' && quoted) {
        i++;
      } else if (c == ',' && !quoted) {
        int j = i + 1;
        while (j < value.length() && value.charAt(j) == ' ') {
          j++;
        }
        if (j < value.length() && value.charAt(j) == '<') {
          return i + 1;
        }
      }
    }
    return value.length();
  }

  private static boolean hasRelNext(String params) {
    for (String param : params.split(";")) {
      String p = param.trim();
      int eq = p.indexOf('=');
      if (eq < 0 || !p.substring(0, eq).trim().equalsIgnoreCase("rel")) {
        continue;
      }
      String rel = p.substring(eq + 1).trim();
      if (rel.length() >= 2 && rel.startsWith("\"") && rel.endsWith("\"")) {
        rel = rel.substring(1, rel.length() - 1);
      }
      // rel may hold several space-separated relation types.
      for (String type : rel.toLowerCase(Locale.ROOT).split("\\s+")) {
        if (type.equals("next")) {
          return true;
        }
      }
    }
    return false;
  }
}
