/**
 * Not API. Moving blob bytes for {@code RegistryClient}: the upload protocol (sessions, single
 * POST, monolithic PUT, chunked PATCH, mount, resume from the registry's reported offset) and
 * downloads that resume after a broken connection. Knows the HTTP pipeline, not the public API:
 * callers adapt their content and listeners to {@link dev.registrykit.client.internal.blob.Opener}
 * and {@link dev.registrykit.client.internal.blob.Progress}.
 */
@NullMarked
package dev.registrykit.client.internal.blob;

import org.jspecify.annotations.NullMarked;
