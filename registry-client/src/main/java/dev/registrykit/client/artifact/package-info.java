/**
 * Arbitrary files as OCI artifacts, as {@code oras push} and {@code oras pull} store them: an image
 * manifest with an {@code artifactType}, the empty config descriptor (or a config of the caller's
 * choosing), one layer per file named by its {@code org.opencontainers.image.title} annotation, and
 * an optional {@code subject} that attaches the artifact to an image so that it is listed among the
 * image's referrers.
 *
 * <p>{@link dev.registrykit.client.artifact.Artifacts} is the entry point; a pull never writes
 * outside its target directory and verifies every file against its digest.
 *
 * @see <a
 *     href="https://github.com/opencontainers/image-spec/blob/main/manifest.md#guidelines-for-artifact-usage">image-spec:
 *     guidelines for artifact usage</a>
 */
@org.jspecify.annotations.NullMarked
package dev.registrykit.client.artifact;
