/**
 * The pluggable HTTP transport of the client, in JDK types only: {@link
 * dev.registrykit.client.transport.HttpTransport} sends one {@link
 * dev.registrykit.client.transport.HttpRequest} and returns one {@link
 * dev.registrykit.client.transport.HttpResponse}, with no redirects, retries or authentication of
 * its own — the client layers those on top, so that credentials never follow a redirect to another
 * host whatever transport is plugged in.
 *
 * <p>The default implementation lives in {@code dev.registrykit.client.transport.apache}, the only
 * package that imports Apache HttpClient 5.
 */
@NullMarked
package dev.registrykit.client.transport;

import org.jspecify.annotations.NullMarked;
