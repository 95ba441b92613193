package dev.registrykit.testkit.internal.server;

/**
 * end-1, {@code GET /v2/}: 200 with {@code Docker-Distribution-API-Version: registry/2.0}.
 *
 * @see <a
 *     href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#determining-support">Determining
 *     Support</a>
 */
final class BaseHandler implements Handler {
  @Override
  public Reply handle(RoutedRequest call) {
    return Reply.json(200, "{}");
  }
}
