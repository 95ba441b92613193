/**
 * Small helpers shared by the {@code layout} and {@code archive} packages: where an OCI image
 * layout keeps a blob, and writing a file through a temporary file moved into place.
 *
 * <p>Not API: public only so that this library's modules can use them (the client writes its
 * caches, credentials and result files through {@code AtomicFiles} too: one rule for "a reader sees
 * the whole file or none"); they may change in any release.
 */
@org.jspecify.annotations.NullMarked
package dev.registrykit.core.internal;
