/**
 * Not API. Paginated listings (tags, catalog, referrers): following the registry's {@code Link}
 * headers, with bounds on how much a listing may hold.
 */
@NullMarked
package dev.registrykit.client.internal.listing;

import org.jspecify.annotations.NullMarked;
