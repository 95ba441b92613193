package dev.registrykit.core.manifest;

import java.util.Objects;
import java.util.Optional;

/**
 * One entry of an image config's {@code history}: how a layer (or a metadata-only step, {@code
 * empty_layer}) was made.
 *
 * <p>Immutable and thread-safe.
 *
 * @param created when, as the RFC 3339 text found in the document
 * @param createdBy the command, e.g. {@code /bin/sh -c #(nop) ADD file:… in /}
 * @param author who
 * @param comment a free-form comment
 * @param emptyLayer whether this step created no layer (and so has no diff ID)
 * @param unknownFields members not modelled here
 */
public record History(
    Optional<String> created,
    Optional<String> createdBy,
    Optional<String> author,
    Optional<String> comment,
    boolean emptyLayer,
    UnknownFields unknownFields) {

  /** Validates the components. */
  public History {
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(createdBy, "createdBy");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(comment, "comment");
    Objects.requireNonNull(unknownFields, "unknownFields");
  }

  /** An entry with only {@code createdBy} and {@code emptyLayer}. */
  public static History of(String createdBy, boolean emptyLayer) {
    return new History(
        Optional.empty(),
        Optional.of(createdBy),
        Optional.empty(),
        Optional.empty(),
        emptyLayer,
        UnknownFields.EMPTY);
  }

  /** A copy with {@code created} (RFC 3339, e.g. {@code 1970-01-01T00:00:00Z}). */
  public History withCreated(String created) {
    return new History(Optional.of(created), createdBy, author, comment, emptyLayer, unknownFields);
  }

  /** A copy with {@code author}. */
  public History withAuthor(String author) {
    return new History(created, createdBy, Optional.of(author), comment, emptyLayer, unknownFields);
  }

  /** A copy with {@code comment}. */
  public History withComment(String comment) {
    return new History(created, createdBy, author, Optional.of(comment), emptyLayer, unknownFields);
  }
}
