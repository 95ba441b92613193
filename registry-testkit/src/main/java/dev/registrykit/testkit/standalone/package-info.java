/**
 * The fake registry as a program: {@code java -jar registry-testkit-<version>-standalone.jar
 * [--port 5000] [--address 127.0.0.1] [--auth none|basic|token] [--user USER:PASS]… [--tls]
 * [--no-referrers] [--read-only]}, the {@code docker run -p 5000:5000 registry:2} of this library.
 * It logs one line per request and stops cleanly on SIGINT or SIGTERM.
 */
@NullMarked
package dev.registrykit.testkit.standalone;

import org.jspecify.annotations.NullMarked;
