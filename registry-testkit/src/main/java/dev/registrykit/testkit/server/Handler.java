package dev.registrykit.testkit.server;

/** Serves the endpoints of one family. */
interface Handler {
  /**
   * Answers the call.
   *
   * @throws RegistryProblem to answer with a spec error body
   */
  Reply handle(Call call);
}
