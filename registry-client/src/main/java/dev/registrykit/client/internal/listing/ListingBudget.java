package dev.registrykit.client.internal.listing;

import dev.registrykit.client.errors.RegistryException;
import java.net.URI;
import java.util.HashSet;
import java.util.Set;

/**
 * How much one listing (tags, catalog, referrers) may hold across all its pages, so that a registry
 * answering with endless distinct pages ends in a clear error instead of exhausting the heap.
 * Counts entries, bytes (each page's body and link) and pages; refuses a link back to a page
 * already read. One budget per listing; not thread-safe.
 */
public final class ListingBudget {
  /** The largest body one page may have, whatever is left of the budget. */
  static final int MAX_PAGE_BYTES = 64 * 1024 * 1024;

  /**
   * Pages one listing may take. Real registries hand out at least 100 entries per page (Docker Hub,
   * Distribution: up to 1000), so a million entries fit in 10,000 pages; a registry sending pages
   * with nothing on them but a link to the next is stopped here.
   */
  static final int MAX_PAGES = 100_000;

  private final String operation;
  private final int maxEntries;
  private final long maxBytes;
  private final Set<String> seen = new HashSet<>();
  private long entries;
  private long bytes;

  /**
   * A budget for one listing.
   *
   * @param operation the listing, as messages name it, e.g. {@code GET tags localhost:5000/app}
   * @param maxEntries entries allowed across all pages
   * @param maxBytes bytes allowed across all pages (bodies and links)
   */
  public ListingBudget(String operation, int maxEntries, long maxBytes) {
    if (maxEntries < 1 || maxBytes < 1) {
      throw new IllegalArgumentException(
          "listing limits must be positive: " + maxEntries + " entries, " + maxBytes + " bytes");
    }
    this.operation = operation;
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
  }

  /**
   * Records that {@code page} is about to be read.
   *
   * @throws RegistryException when the registry linked back to a page already read, or the listing
   *     has taken too many pages
   */
  public void enter(URI page) throws RegistryException {
    // The first page is relative, the links absolute: a page is its path and query.
    String key =
        page.getRawQuery() == null
            ? page.getRawPath()
            : page.getRawPath() + "?" + page.getRawQuery();
    if (!seen.add(key)) {
      throw new RegistryException(
          operation,
          "the registry's pagination links back to a page already read ("
              + page.getRawPath()
              + ")");
    }
    if (seen.size() > MAX_PAGES) {
      throw new RegistryException(
          operation, "the listing did not end after " + MAX_PAGES + " pages");
    }
    spend(key.length());
  }

  /** The most bytes the next page's body may have: what is left of the budget, at most 64 MiB. */
  public int pageBodyLimit() {
    return (int) Math.max(0, Math.min(MAX_PAGE_BYTES, maxBytes - bytes));
  }

  /**
   * Records a page that was read.
   *
   * @throws RegistryException when the listing now exceeds its entries or bytes
   */
  public void add(int pageEntries, int bodyBytes) throws RegistryException {
    spend(bodyBytes);
    entries += pageEntries;
    if (entries > maxEntries) {
      throw new RegistryException(
          operation,
          "the listing exceeds "
              + maxEntries
              + " entries (RegistryClient.Builder.maxListingEntries); "
              + "read it page by page to stop early");
    }
  }

  private void spend(long count) throws RegistryException {
    bytes += count;
    if (bytes > maxBytes) {
      throw tooManyBytes();
    }
  }

  /** The error for a page body longer than {@link #pageBodyLimit()}. */
  public RegistryException tooManyBytes() {
    if (maxBytes - bytes > MAX_PAGE_BYTES) {
      return new RegistryException(
          operation, "one page of the listing exceeds " + MAX_PAGE_BYTES + " bytes");
    }
    return new RegistryException(
        operation,
        "the listing exceeds "
            + maxBytes
            + " bytes (RegistryClient.Builder.maxListingBytes); read it page by page to stop early");
  }
}
