package dev.registrykit.testkit.internal.server;

/**
 * A request as the dispatchers see it, whatever server received it.
 *
 * @param method the HTTP method
 * @param path the decoded path, starting with {@code /}
 * @param query the query parameters
 * @param headers the headers
 * @param body the body, not read yet
 */
record Incoming(String method, String path, Query query, HeaderMap headers, RequestBody body) {}
