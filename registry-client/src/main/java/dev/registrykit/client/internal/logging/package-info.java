/**
 * Not API. The client's logging: SLF4J, the facade Apache HttpClient 5 (and the testkit's Jetty)
 * log through, so one backend configures all of it; quiet when the application has none.
 */
@NullMarked
package dev.registrykit.client.internal.logging;

import org.jspecify.annotations.NullMarked;
