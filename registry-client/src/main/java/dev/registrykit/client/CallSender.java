package dev.registrykit.client;

import dev.registrykit.client.transport.HttpResponse;
import java.io.IOException;

/**
 * Sends one {@link Call} through the client's exchange pipeline and returns the final response,
 * whatever its status: mapping statuses to exceptions is the caller's business, because the same
 * status means different things per endpoint (a 404 on HEAD blob is an answer, not an error).
 */
@FunctionalInterface
interface CallSender {
  HttpResponse send(Call call) throws IOException;
}
