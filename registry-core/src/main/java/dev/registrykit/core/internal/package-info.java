/**
 * Small helpers shared by the {@code layout} and {@code archive} packages: where an OCI image
 * layout keeps a blob, and writing a file through a temporary file moved into place.
 *
 * <p>Not API: public only so that those packages can use them; they may change in any release.
 */
@org.jspecify.annotations.NullMarked
package dev.registrykit.core.internal;
