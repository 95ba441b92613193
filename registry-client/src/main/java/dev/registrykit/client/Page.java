package dev.registrykit.client;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a paginated listing (tags, catalog, referrers), with the registry's link to the next
 * page.
 *
 * @param <T> the item type
 * @param items the items on this page, in the registry's order
 * @param next the next page as the registry linked it ({@code Link: <…>; rel="next"}), resolved to
 *     an absolute URI
 */
public record Page<T>(List<T> items, Optional<URI> next) {
  /** Validates and copies the components. */
  public Page {
    items = List.copyOf(items);
    Objects.requireNonNull(next, "next");
  }
}
