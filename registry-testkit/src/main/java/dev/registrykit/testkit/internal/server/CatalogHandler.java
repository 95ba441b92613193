package dev.registrykit.testkit.internal.server;

import dev.registrykit.testkit.internal.storage.RegistryStorage;
import java.util.Map;

/** {@code GET /v2/_catalog}: the repositories in ASCII order, paginated like the tags list. */
final class CatalogHandler implements Handler {
  private final RegistryStorage storage;

  CatalogHandler(RegistryStorage storage) {
    this.storage = storage;
  }

  @Override
  public Reply handle(RoutedRequest call) {
    Pagination.Page page = Pagination.page(storage.repositories(), call.route(), "/v2/_catalog");
    Reply reply = Reply.json(200, Json.write(Map.of("repositories", page.items())));
    page.link().ifPresent(l -> reply.header("Link", l));
    return reply;
  }
}
