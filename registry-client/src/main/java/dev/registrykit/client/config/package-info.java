/**
 * Settings of the client's behaviour on the network that every layer reads: how failed requests are
 * retried ({@link dev.registrykit.client.config.RetryPolicy}). A leaf package: it depends on
 * nothing else of the client, so the HTTP pipeline and the public API can both use it.
 */
@NullMarked
package dev.registrykit.client.config;

import org.jspecify.annotations.NullMarked;
