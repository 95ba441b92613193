package dev.registrykit.testkit.internal.server;

import dev.registrykit.core.distribution.ErrorCode;
import dev.registrykit.testkit.internal.storage.RegistryStorage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * end-8a/b: the tags of a repository in ASCII order, with {@code n}, {@code last} and a {@code
 * Link} to the next page; {@code 404 NAME_UNKNOWN} for a repository that holds nothing.
 *
 * @see <a
 *     href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#listing-tags">Listing
 *     tags</a>
 */
final class TagListHandler implements Handler {
  private final RegistryStorage storage;

  TagListHandler(RegistryStorage storage) {
    this.storage = storage;
  }

  @Override
  public Reply handle(RoutedRequest call) {
    if (!storage.repositoryExists(call.repo())) {
      throw RegistryProblem.of(
          404, ErrorCode.NAME_UNKNOWN, "repository name not known to registry: " + call.repo());
    }
    Pagination.Page page =
        Pagination.page(
            storage.tags(call.repo()), call.route(), "/v2/" + call.repo() + "/tags/list");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", call.repo());
    body.put("tags", page.items());
    Reply reply = Reply.json(200, Json.write(body));
    page.link().ifPresent(l -> reply.header("Link", l));
    return reply;
  }
}
