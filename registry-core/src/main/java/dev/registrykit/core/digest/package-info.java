/**
 * Content addressing: {@link dev.registrykit.core.digest.Digest} values and the streams that
 * compute and verify them while bytes flow.
 *
 * <p>Grammar, from the OCI image spec ({@code descriptor.md}, "Digests"):
 *
 * <pre>
 * digest     ::= algorithm ":" encoded
 * algorithm  ::= algorithm-component (algorithm-separator algorithm-component)*
 * encoded    ::= [a-zA-Z0-9=_-]+
 * </pre>
 *
 * <p>This library accepts the two registered algorithms only: {@code sha256} (64 lowercase hex) and
 * {@code sha512} (128 lowercase hex). Anything else is an {@link
 * dev.registrykit.core.digest.InvalidDigestException}, never a silent pass: an unverifiable digest
 * is as bad as a wrong one.
 *
 * @see <a
 *     href="https://github.com/opencontainers/image-spec/blob/main/descriptor.md#digests">image-spec
 *     descriptor.md, Digests</a>
 */
@NullMarked
package dev.registrykit.core.digest;

import org.jspecify.annotations.NullMarked;
