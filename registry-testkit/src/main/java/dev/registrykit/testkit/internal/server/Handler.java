package dev.registrykit.testkit.internal.server;

/** Serves the endpoints of one family. */
interface Handler {
  /**
   * Answers the call.
   *
   * @throws RegistryProblem to answer with a spec error body
   */
  Reply handle(RoutedRequest call);
}
