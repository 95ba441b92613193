/**
 * {@code docker save} archives: read them ({@code docker save figlet > figlet.tar}, then push) and
 * write them ({@code docker load < out.tar}).
 *
 * <p>Reading follows {@code manifest.json} (spec: "Combined Image JSON + Filesystem Changeset
 * Format"), so it handles both the legacy layout ({@code <id>.json}, {@code <id>/layer.tar}) and
 * the OCI-style archives of Docker 25+ ({@code blobs/sha256/…} plus {@code index.json}). The tar is
 * read in place, never extracted. Layers in {@code docker save} output are usually uncompressed
 * tars; they are presented as they are, with the OCI media type {@code
 * application/vnd.oci.image.layer.v1.tar} in an OCI image manifest, because the Docker v2 schema 2
 * manifest only defines gzip layer types and re-compressing would need a second pass (the manifest
 * must list the compressed digest before anything is pushed). The image ID (config digest) and the
 * diff IDs are preserved.
 *
 * <p>Writing produces the Docker 25+ shape, which every {@code docker load} since 1.10 reads
 * through {@code manifest.json}, and which is also an OCI image layout: blobs stored once under
 * {@code blobs/sha256/}, every layer as an uncompressed tar named by its diff ID as {@code docker
 * save} stores it (gzip and zstd layers are decompressed and checked against the config), {@code
 * index.json}, {@code oci-layout}, {@code manifest.json} with every tag in {@code RepoTags}, and
 * the legacy {@code repositories} file.
 *
 * <p>Symbolic and hard links are resolved by name inside the archive ({@code docker save} and
 * {@code skopeo} link {@code <id>/layer.tar} to a shared file); nothing is ever extracted, so no
 * link can reach the file system. Hostile input — entry names escaping the root, links that leave
 * the archive or dangle, devices, oversized JSON, missing files — raises {@link
 * dev.registrykit.core.archive.InvalidArchiveException}; content that does not match its digest
 * raises {@link dev.registrykit.core.digest.DigestMismatchException}.
 *
 * @see <a href="https://github.com/moby/moby/blob/master/image/spec/spec.md">Docker image spec,
 *     combined image JSON + filesystem changeset format</a>
 */
@org.jspecify.annotations.NullMarked
package dev.registrykit.core.archive;
