package dev.registrykit.client.internal.http;

import dev.registrykit.client.errors.RegistryException;
import dev.registrykit.client.transport.HttpResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;

/**
 * Sends one {@link Call} through the client's exchange pipeline and returns the final response,
 * whatever its status: mapping statuses to exceptions is the caller's business, because the same
 * status means different things per endpoint (a 404 on HEAD blob is an answer, not an error).
 */
public interface CallSender {
  HttpResponse send(Call call) throws IOException;

  /**
   * The absolute URI of the response's {@code Location}, checked to stay on the registry; empty
   * when there is none.
   *
   * @throws RegistryException when it is malformed or points elsewhere
   */
  Optional<URI> location(Call call, HttpResponse response) throws RegistryException;
}
