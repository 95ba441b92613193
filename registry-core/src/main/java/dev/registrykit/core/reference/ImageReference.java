package dev.registrykit.core.reference;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.reference.InvalidReferenceException.Reason;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An image reference: a repository, and optionally a tag and a digest, e.g. {@code
 * docker.io/library/alpine:3.19} or {@code localhost:5000/app@sha256:…}.
 *
 * <p>{@link #parse(String)} normalizes exactly as Docker does (distribution/reference {@code
 * ParseNormalizedNamed}): {@code alpine} is {@code docker.io/library/alpine}. {@link #toString()}
 * is the full form and the inverse of {@code parse}; {@link #familiar()} is the short form Docker
 * shows, which {@code parse} also maps back to the same reference. {@link #parseStrict(String)}
 * adds no defaults and accepts only the full form.
 *
 * <p>Immutable and thread-safe. No tag is implied: {@code parse("alpine").tag()} is empty; use
 * {@link #withDefaultTag()} or {@link #identifier()} where Docker would use {@code latest}.
 *
 * @param repository the registry and repository path
 * @param tag the tag, if the reference names one
 * @param digest the digest, if the reference names one; with a tag, the digest is what identifies
 *     the content and the tag is informational (as in Docker)
 */
public record ImageReference(Repository repository, Optional<Tag> tag, Optional<Digest> digest) {

  /** Checks the components are present (each one validated itself). */
  public ImageReference {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(digest, "digest");
  }

  /**
   * Parses a reference with Docker's normalization: {@code alpine} → {@code
   * docker.io/library/alpine}, {@code index.docker.io/x/y} → {@code docker.io/x/y}; the first path
   * component is a registry only when it contains {@code .} or {@code :}, is {@code localhost}, or
   * has an uppercase letter. No tag is added.
   *
   * <p>Any input is accepted or rejected in time linear in its length.
   *
   * @param s a reference such as {@code alpine:3.19}, {@code localhost:5000/figlet}, {@code
   *     name:tag@sha256:…}; it must match completely (no surrounding whitespace or newline)
   * @throws InvalidReferenceException naming the {@link Reason} and the offending part
   * @throws NullPointerException when {@code s} is null
   */
  public static ImageReference parse(String s) {
    return ReferenceParser.parse(s);
  }

  /** Like {@link #parse(String)}, but returns empty instead of throwing: for untrusted input. */
  public static Optional<ImageReference> tryParse(@Nullable String s) {
    if (s == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(ReferenceParser.parse(s));
    } catch (InvalidReferenceException e) {
      return Optional.empty();
    }
  }

  /**
   * Parses a reference that must already be in its full, canonical form, adding no defaults (like
   * distribution/reference's {@code ParseNamed}): {@code docker.io/library/alpine:3.19} is
   * accepted, {@code alpine:3.19} is not.
   *
   * @throws InvalidReferenceException as {@link #parse(String)} does, or with {@link
   *     Reason#NAME_NOT_CANONICAL} when {@code s} is valid but not canonical
   */
  public static ImageReference parseStrict(String s) {
    ImageReference reference = ReferenceParser.parse(s);
    String canonical = reference.toString();
    if (!canonical.equals(s)) {
      throw new InvalidReferenceException(
          Reason.NAME_NOT_CANONICAL,
          "reference is not in canonical form: "
              + ReferenceErrors.quote(s)
              + " (canonical: "
              + ReferenceErrors.quote(canonical)
              + ")");
    }
    return reference;
  }

  /** A reference to {@code repository} with {@code tag}. */
  public static ImageReference of(Repository repository, Tag tag) {
    return new ImageReference(repository, Optional.of(tag), Optional.empty());
  }

  /** A reference to {@code repository} pinned to {@code digest}. */
  public static ImageReference of(Repository repository, Digest digest) {
    return new ImageReference(repository, Optional.empty(), Optional.of(digest));
  }

  /** The registry, e.g. {@code docker.io}, {@code localhost:5000}, {@code [::1]:5000}. */
  public Registry registry() {
    return repository.registry();
  }

  /**
   * The fully qualified repository name without tag or digest, e.g. {@code
   * docker.io/library/alpine}.
   */
  public String name() {
    return repository.name();
  }

  /**
   * What identifies the manifest in a registry request ({@code /v2/<name>/manifests/<identifier>}):
   * the digest when present, else the tag, else {@code latest}, as Docker pulls it.
   */
  public String identifier() {
    if (digest.isPresent()) {
      return digest.get().toString();
    }
    return tag.orElse(Tag.LATEST).value();
  }

  /** This reference with {@code tag} (a digest, if any, is kept). */
  public ImageReference withTag(Tag tag) {
    return new ImageReference(repository, Optional.of(tag), digest);
  }

  /**
   * This reference with the tag {@code tag}; throws {@link InvalidReferenceException} if invalid.
   */
  public ImageReference withTag(String tag) {
    return withTag(Tag.parse(tag));
  }

  /** This reference without its tag. */
  public ImageReference withoutTag() {
    return tag.isEmpty() ? this : new ImageReference(repository, Optional.empty(), digest);
  }

  /** This reference pinned to {@code digest} (a tag, if any, is kept). */
  public ImageReference withDigest(Digest digest) {
    return new ImageReference(repository, tag, Optional.of(digest));
  }

  /** This reference without its digest. */
  public ImageReference withoutDigest() {
    return digest.isEmpty() ? this : new ImageReference(repository, tag, Optional.empty());
  }

  /**
   * This reference with the tag {@code latest} when it has neither tag nor digest (Docker's {@code
   * TagNameOnly}); otherwise this reference unchanged.
   */
  public ImageReference withDefaultTag() {
    return tag.isEmpty() && digest.isEmpty() ? withTag(Tag.LATEST) : this;
  }

  /**
   * The full form: {@code registry/path[:tag][@digest]}, e.g. {@code
   * docker.io/library/alpine:3.19}; {@link #parse(String)} and {@link #parseStrict(String)} map it
   * back to this reference.
   */
  @Override
  public String toString() {
    return appendSuffix(
            new StringBuilder(64)
                .append(repository.registry().name())
                .append('/')
                .append(repository.path()))
        .toString();
  }

  /**
   * The familiar form Docker shows (distribution/reference {@code FamiliarString}): {@code
   * alpine:3.19}, {@code zavy86/figlet}, {@code localhost:5000/figlet}.
   *
   * <p>Where Docker's short form would be read back as a different reference, the registry is kept
   * so that {@code parse(familiar())} always equals this reference: a Docker Hub path whose first
   * component looks like a registry ({@code docker.io/foo.bar/baz}, {@code docker.io/localhost/x})
   * and an official image whose name is itself 64 hex characters (kept as {@code library/<hex>}).
   * Docker Hub namespaces cannot contain periods, so real Hub names never hit these cases.
   */
  public String familiar() {
    boolean bare = tag.isEmpty() && digest.isEmpty();
    return appendSuffix(new StringBuilder(64).append(familiarName(repository, bare))).toString();
  }

  private StringBuilder appendSuffix(StringBuilder b) {
    if (tag.isPresent()) {
      b.append(':').append(tag.get().value());
    }
    if (digest.isPresent()) {
      b.append('@').append(digest.get());
    }
    return b;
  }

  /** The familiar name of a repository; see {@link #familiar()}. */
  static String familiarName(Repository repository, boolean bare) {
    Registry registry = repository.registry();
    String path = repository.path();
    if (!registry.isDockerHub()) {
      return registry.name() + "/" + path;
    }
    String prefix = Repository.OFFICIAL_REPOSITORY_PREFIX;
    if (path.startsWith(prefix) && path.indexOf('/', prefix.length()) < 0) {
      String shortName = path.substring(prefix.length());
      // A bare 64-hex string is rejected as a name on parsing: keep the namespace then.
      return bare && ReferenceGrammar.isIdentifier(shortName) ? path : shortName;
    }
    int firstSlash = path.indexOf('/');
    String first = path.substring(0, firstSlash);
    if (first.indexOf('.') >= 0 || first.equals("localhost")) {
      // Dropping docker.io would turn the first component into a registry on re-parsing.
      return registry.name() + "/" + path;
    }
    return path;
  }
}
