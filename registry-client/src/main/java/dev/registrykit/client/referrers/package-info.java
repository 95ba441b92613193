/**
 * What refers to an image: signatures, SBOMs, attestations and any other artifact, found through
 * the OCI referrers API (or its fallback tag, whichever the registry has) and through cosign's tag
 * scheme ({@code sha256-<hex>.sig}, {@code .att}, {@code .sbom}), recursively (a signature of an
 * SBOM); listed as a tree, and copied along with the image so that nothing that belongs to it is
 * left behind.
 *
 * <p>{@link dev.registrykit.client.referrers.ImageReferrers} is the entry point; a {@link
 * dev.registrykit.client.referrers.ReferrerFilter} chooses by artifact type.
 *
 * @see <a
 *     href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#listing-referrers">distribution-spec:
 *     listing referrers</a>
 * @see <a href="https://github.com/sigstore/cosign/blob/main/specs/SIGNATURE_SPEC.md">cosign:
 *     signature specification (tag scheme)</a>
 */
@org.jspecify.annotations.NullMarked
package dev.registrykit.client.referrers;
