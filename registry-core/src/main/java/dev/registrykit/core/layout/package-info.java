/**
 * OCI image layout directories and their tar form: read an image or index by tag ({@code
 * org.opencontainers.image.ref.name}) or digest, and write images and indexes into a new or
 * existing layout without duplicating blobs.
 *
 * <p>Reading is lazy: {@link dev.registrykit.core.layout.OciLayout#image(String)} returns a {@link
 * dev.registrykit.core.image.Image} whose manifest, config and layers are read on first use, every
 * blob through a verifying stream (digest and size). A layout tar is read in place (entries are
 * located once, then read by offset), never extracted. Hostile input — names escaping the root,
 * links, oversized JSON, missing blobs — raises {@link
 * dev.registrykit.core.layout.InvalidLayoutException}; content that does not match its digest
 * raises {@link dev.registrykit.core.digest.DigestMismatchException}.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/image-layout.md">image-spec
 *     image-layout.md</a>
 */
@org.jspecify.annotations.NullMarked
package dev.registrykit.core.layout;
