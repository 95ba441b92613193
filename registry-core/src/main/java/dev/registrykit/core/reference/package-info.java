/**
 * Image references: parsing, validating and normalizing names such as {@code alpine}, {@code
 * zavy86/figlet:latest} or {@code localhost:5000/app@sha256:…} exactly as Docker does, and the
 * values they are made of ({@link dev.registrykit.core.reference.Registry}, {@link
 * dev.registrykit.core.reference.Repository}, {@link dev.registrykit.core.reference.Tag}), and the
 * token {@link dev.registrykit.core.reference.Scope scopes} that name a repository's access.
 *
 * <p>The grammar, after distribution/reference (its {@code reference.go} doc). {@code
 * ReferenceGrammar} defines each production below under the same name, composed from the same
 * pieces:
 *
 * <pre>
 * reference            := name [ ":" tag ] [ "@" digest ]
 * name                 := [domain '/'] remote-name
 * domain               := host [':' port-number]
 * host                 := domain-name | IPv4address | \[ IPv6address \]   ; rfc3986 appendix-A
 * domain-name          := domain-component ['.' domain-component]*
 * domain-component     := /([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])/
 * port-number          := /[0-9]+/
 * path-component       := alpha-numeric [separator alpha-numeric]*
 * path (or "remote-name") := path-component ['/' path-component]*
 * alpha-numeric        := /[a-z0-9]+/
 * separator            := /[_.]|__|[-]+/
 *
 * tag                  := /[\w][\w.-]{0,127}/
 *
 * digest               := digest-algorithm ":" digest-hex
 * digest-algorithm     := digest-algorithm-component [ digest-algorithm-separator digest-algorithm-component ]*
 * digest-algorithm-separator := /[+.-_]/
 * digest-algorithm-component := /[A-Za-z][A-Za-z0-9]*&#47;
 * digest-hex           := /[0-9a-fA-F]{32,}/ ; At least 128 bit digest value
 *
 * identifier           := /[a-f0-9]{64}/
 * </pre>
 *
 * <p>Beyond the grammar: the path ({@code remote-name}) is at most 255 characters (the registry
 * host does not count); a bare {@code identifier} is rejected as a name; the input must match
 * completely; digests are those of {@link dev.registrykit.core.digest} (sha256 and sha512 with
 * lowercase hex).
 *
 * <p>Normalization ({@link dev.registrykit.core.reference.ImageReference#parse(String)}, as
 * distribution's {@code ParseNormalizedNamed}): the text before the first {@code /} is a registry
 * only when it contains {@code .} or {@code :}, is {@code localhost}, or has an uppercase letter;
 * otherwise the registry is {@code docker.io}. {@code index.docker.io} is {@code docker.io}. A
 * one-component Docker Hub path gets the {@code library/} namespace. Strict parsing ({@link
 * dev.registrykit.core.reference.ImageReference#parseStrict(String)}) adds no defaults and accepts
 * only the canonical form.
 *
 * <p>Deliberate differences from distribution/reference, all on inputs Docker cannot pull anyway: a
 * first component with {@code .} that is not a valid host (e.g. {@code a_b.c/d}), which
 * distribution turns into a name with no registry, is rejected; digests with algorithms other than
 * sha256 and sha512 are rejected; {@code familiar()} keeps {@code docker.io/} where dropping it
 * would change the meaning (see its documentation).
 *
 * <p>Every type here is immutable and thread-safe; bad input always raises {@link
 * dev.registrykit.core.reference.InvalidReferenceException}, in time linear in the input's length.
 *
 * @see <a href="https://github.com/distribution/reference">distribution/reference</a>
 */
@NullMarked
package dev.registrykit.core.reference;

import org.jspecify.annotations.NullMarked;
