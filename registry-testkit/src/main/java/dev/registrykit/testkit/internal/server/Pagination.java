package dev.registrykit.testkit.internal.server;

import dev.registrykit.core.distribution.ErrorCode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * {@code n}/{@code last} pagination over a sorted list, with an RFC 5988 {@code Link} to the next
 * page (distribution-spec "Listing Tags").
 */
final class Pagination {
  private Pagination() {}

  /** The page and, when more remain, the {@code Link} header value. */
  record Page(List<String> items, Optional<String> link) {}

  static Page page(List<String> sorted, Route route, String basePath) {
    Optional<String> last = route.query("last");
    Optional<String> nParam = route.query("n");
    int n = Integer.MAX_VALUE;
    if (nParam.isPresent()) {
      try {
        n = Integer.parseInt(nParam.get());
      } catch (NumberFormatException e) {
        n = -1;
      }
      if (n < 0) {
        // The spec's code table has no pagination code; Distribution answers this one.
        throw RegistryProblem.of(
            400,
            ErrorCode.PAGINATION_NUMBER_INVALID,
            "n must be a non-negative integer: " + Problems.shorten(nParam.get()));
      }
    }
    int from = 0;
    if (last.isPresent()) {
      while (from < sorted.size() && sorted.get(from).compareTo(last.get()) <= 0) {
        from++;
      }
    }
    int to = (int) Math.min((long) from + n, sorted.size());
    List<String> items = List.copyOf(sorted.subList(from, to));
    Optional<String> link = Optional.empty();
    if (n > 0 && to < sorted.size() && nParam.isPresent()) {
      link =
          Optional.of(
              "<"
                  + basePath
                  + "?n="
                  + n
                  + "&last="
                  + URLEncoder.encode(items.get(items.size() - 1), StandardCharsets.UTF_8)
                  + ">; rel=\"next\"");
    }
    return new Page(items, link);
  }
}
