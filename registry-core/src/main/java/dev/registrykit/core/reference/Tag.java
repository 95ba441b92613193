package dev.registrykit.core.reference;

import dev.registrykit.core.reference.InvalidReferenceException.Reason;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A tag: the mutable label after the colon in {@code alpine:3.19}. One word character ({@code
 * [A-Za-z0-9_]}), then up to 127 word characters, periods or dashes.
 *
 * <p>Immutable and thread-safe. {@link #toString()} is the tag itself and the inverse of {@link
 * #parse(String)}.
 *
 * @param value the tag, e.g. {@code 3.19}
 */
public record Tag(String value) {
  /** The tag Docker uses when a reference names neither a tag nor a digest. */
  public static final Tag LATEST = new Tag("latest");

  /**
   * Validates the tag.
   *
   * @throws InvalidReferenceException with {@link Reason#TAG_INVALID} when it does not match the
   *     grammar or is longer than 128 characters
   */
  public Tag {
    Objects.requireNonNull(value, "value");
    int error = ReferenceGrammar.scanTag(value, 0, value.length());
    if (error != ReferenceGrammar.OK) {
      throw invalid(value, error);
    }
  }

  /**
   * Parses a tag.
   *
   * @throws InvalidReferenceException with {@link Reason#TAG_INVALID} when {@code s} is not a tag
   */
  public static Tag parse(String s) {
    return new Tag(s);
  }

  /** Like {@link #parse(String)}, but returns empty instead of throwing: for untrusted input. */
  public static Optional<Tag> tryParse(@Nullable String s) {
    if (s == null || ReferenceGrammar.scanTag(s, 0, s.length()) != ReferenceGrammar.OK) {
      return Optional.empty();
    }
    return Optional.of(new Tag(s));
  }

  /** Returns the tag itself, e.g. {@code 3.19}. */
  @Override
  public String toString() {
    return value;
  }

  /** The exception for a tag that failed {@link ReferenceGrammar#scanTag} at {@code position}. */
  static InvalidReferenceException invalid(String input, int position) {
    return invalid(input, 0, input.length(), position);
  }

  /**
   * The exception for the tag {@code input[from, to)} that failed {@link ReferenceGrammar#scanTag}
   * at {@code position}: "too long" when only the length is wrong, else the offending character.
   */
  static InvalidReferenceException invalid(String input, int from, int to, int position) {
    if (to - from > ReferenceGrammar.TAG_LENGTH_MAX
        && position == from + ReferenceGrammar.TAG_LENGTH_MAX) {
      return new InvalidReferenceException(
          Reason.TAG_INVALID,
          "tag must not be longer than "
              + ReferenceGrammar.TAG_LENGTH_MAX
              + " characters, found "
              + (to - from)
              + ": "
              + ReferenceErrors.quote(input.substring(from, to)));
    }
    return ReferenceErrors.at(Reason.TAG_INVALID, TAG_RULE, input, position);
  }

  /** The rule, as error messages state it. */
  static final String TAG_RULE =
      "invalid tag (1 to 128 of [A-Za-z0-9_.-], not starting with '.' or '-')";
}
