package dev.registrykit.core.reference;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.reference.InvalidReferenceException.Reason;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A repository: a registry and a path within it, e.g. {@code docker.io} + {@code library/alpine}.
 *
 * <p>{@link #toString()} and {@link #name()} are the fully qualified name ({@code
 * docker.io/library/alpine}), which {@link #parse(String)} maps back to this repository, as {@link
 * ImageReference} does; {@link #path()} is the path within the registry ({@code library/alpine}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param registry the registry holding the repository
 * @param path the path, lowercase components joined by slashes, at most 255 characters
 */
public record Repository(Registry registry, String path) {
  /** Docker Hub's namespace for official images, which familiar names leave out. */
  static final String OFFICIAL_REPOSITORY_PREFIX = "library/";

  /**
   * Validates the path.
   *
   * @throws InvalidReferenceException when the path is empty ({@link Reason#NAME_EMPTY}), too long
   *     ({@link Reason#NAME_TOO_LONG}), has uppercase letters ({@link Reason#NAME_UPPERCASE}), is
   *     otherwise malformed ({@link Reason#INVALID_FORMAT}), or is a one-component path on Docker
   *     Hub, whose canonical form is {@code library/<name>} ({@link Reason#NAME_NOT_CANONICAL})
   */
  public Repository {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(path, "path");
    checkPath(path, path, 0, path.length());
    if (registry.isDockerHub() && path.indexOf('/') < 0) {
      throw ReferenceErrors.of(
          Reason.NAME_NOT_CANONICAL,
          "Docker Hub repository paths have a namespace (official images are library/<name>)",
          path);
    }
  }

  /** The repository {@code path} in {@code registry}; see the constructor for what is thrown. */
  public static Repository of(Registry registry, String path) {
    return new Repository(registry, path);
  }

  /**
   * Parses a repository name with Docker's normalization, like {@link ImageReference#parse(String)}
   * but without a tag or digest: {@code alpine} is {@code docker.io/library/alpine}.
   *
   * @throws InvalidReferenceException when {@code name} is not a repository name, or carries a tag
   *     or digest ({@link Reason#INVALID_FORMAT})
   */
  public static Repository parse(String name) {
    ImageReference reference = ImageReference.parse(name);
    if (reference.tag().isPresent() || reference.digest().isPresent()) {
      throw ReferenceErrors.of(
          Reason.INVALID_FORMAT, "a repository name has no tag or digest", name);
    }
    return reference.repository();
  }

  /** Like {@link #parse(String)}, but returns empty instead of throwing: for untrusted input. */
  public static Optional<Repository> tryParse(@Nullable String name) {
    return ImageReference.tryParse(name)
        .filter(r -> r.tag().isEmpty() && r.digest().isEmpty())
        .map(ImageReference::repository);
  }

  /**
   * The fully qualified name, e.g. {@code docker.io/library/alpine}; inverse of {@link
   * #parse(String)}.
   */
  public String name() {
    return registry.name() + "/" + path;
  }

  /**
   * The short name Docker shows, e.g. {@code alpine}, {@code zavy86/figlet}, {@code
   * localhost:5000/figlet}; {@link #parse(String)} maps it back to this repository.
   */
  public String familiarName() {
    return ImageReference.familiarName(this, true);
  }

  /** A reference to {@code tag} in this repository. */
  public ImageReference tag(Tag tag) {
    return new ImageReference(this, Optional.of(tag), Optional.empty());
  }

  /** A reference to {@code digest} in this repository. */
  public ImageReference digest(Digest digest) {
    return new ImageReference(this, Optional.empty(), Optional.of(digest));
  }

  /**
   * The token-auth scope for {@code actions} on this repository, e.g. {@code
   * repository:library/alpine:pull,push}.
   *
   * @param actions one or more actions such as {@code pull}, {@code push}, {@code delete}
   * @throws IllegalArgumentException when no action is given or an action is empty or contains
   *     {@code ,}, {@code :}, a space or a control character
   */
  public Scope scope(String... actions) {
    return Scope.repository(path, actions);
  }

  /** The scope to pull from this repository: {@code repository:<path>:pull}. */
  public Scope pullScope() {
    return scope("pull");
  }

  /** The scope to push to this repository: {@code repository:<path>:pull,push}. */
  public Scope pushScope() {
    return scope("pull", "push");
  }

  /**
   * The path within the registry, e.g. {@code library/alpine}: what {@link
   * ImageReference#repository()} prints, as Docker's reference API does. It is not a name that
   * {@link #parse(String)} reads back for another registry than Docker Hub: use {@link #name()}
   * (the fully qualified name) wherever a repository is written down to be parsed again.
   */
  @Override
  public String toString() {
    return path;
  }

  /**
   * Checks that {@code input[from, to)} is a repository path; positions in messages are relative to
   * {@code input}, and {@code shown} is the part quoted in messages about the name as a whole.
   */
  static void checkPath(String input, String shown, int from, int to) {
    if (from == to) {
      throw ReferenceErrors.of(Reason.NAME_EMPTY, "repository name must not be empty", input);
    }
    if (to - from > ReferenceGrammar.NAME_TOTAL_LENGTH_MAX) {
      throw new InvalidReferenceException(
          Reason.NAME_TOO_LONG,
          "repository name must not be longer than "
              + ReferenceGrammar.NAME_TOTAL_LENGTH_MAX
              + " characters, found "
              + (to - from)
              + ": "
              + ReferenceErrors.quote(shown));
    }
    if (ReferenceGrammar.indexOfUppercase(input, from, to) != ReferenceGrammar.OK) {
      throw ReferenceErrors.of(Reason.NAME_UPPERCASE, "repository name must be lowercase", shown);
    }
    int error = ReferenceGrammar.scanRemoteName(input, from, to);
    if (error != ReferenceGrammar.OK) {
      throw ReferenceErrors.at(Reason.INVALID_FORMAT, "invalid repository name", input, error);
    }
  }
}
