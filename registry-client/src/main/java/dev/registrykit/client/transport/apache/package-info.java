/**
 * The default {@link dev.registrykit.client.transport.HttpTransport}, on Apache HttpClient 5
 * (classic API): pooled keep-alive connections, timeouts, proxies, custom trust material and client
 * certificates, with every automatic behaviour that would get in the client's way turned off
 * (redirects, retries, decompression, cookies, authentication caching).
 *
 * <p>This is the only package that imports {@code org.apache.hc}; an architecture test keeps it so.
 */
@NullMarked
package dev.registrykit.client.transport.apache;

import org.jspecify.annotations.NullMarked;
