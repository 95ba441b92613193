package dev.registrykit.core.image;

import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.core.reference.Tag;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A local image store with tags, like the one behind {@code docker image ls}, {@code docker tag}
 * and {@code docker rmi}: images are kept by {@link ImageId}, and any number of tags point at one
 * image.
 *
 * <p>A tag is a repository plus a tag name ({@code docker.io/library/alpine:3.19}); a reference
 * without a tag gets {@code latest}, as {@code docker tag} does; a reference with a digest is
 * refused (digests are not tags). When the last tag of an image is removed, the image is removed.
 *
 * <p>Thread-safe: all operations are atomic with respect to each other (one lock per store; the
 * image's ID and creation time are read before taking it, so no I/O happens under the lock).
 */
public final class TagStore {
  /**
   * One row of {@link #list()}: {@code REPOSITORY TAG IMAGE ID}.
   *
   * @param reference the full tagged reference
   * @param imageId the image the tag points at
   * @param created the image's creation time from its config, if it has a valid one
   */
  public record Row(ImageReference reference, ImageId imageId, Optional<Instant> created) {
    /** Validates the components. */
    public Row {
      Objects.requireNonNull(reference, "reference");
      Objects.requireNonNull(imageId, "imageId");
      Objects.requireNonNull(created, "created");
    }

    /** The repository as Docker shows it, e.g. {@code alpine}, {@code localhost:5000/figlet}. */
    public String repository() {
      return reference.repository().familiarName();
    }

    /** The tag name, e.g. {@code 3.19}. */
    public String tag() {
      return reference.tag().orElseThrow().value();
    }
  }

  private record Stored(Image image, Optional<Instant> created) {}

  private final Object lock = new Object();
  // Keyed by the canonical string of the tagged reference, for deterministic iteration.
  private final Map<String, ImageReference> tagRefs = new TreeMap<>();
  private final Map<String, ImageId> tags = new HashMap<>();
  private final Map<ImageId, Stored> images = new HashMap<>();

  /** Creates an empty store. */
  public TagStore() {}

  /**
   * Points tag {@code ref} at {@code image} (adding the image if new), replacing what the tag
   * pointed at before; an image left without tags is removed.
   *
   * @return the image's ID
   * @throws IOException when the image's manifest or config cannot be read
   * @throws IllegalArgumentException when {@code ref} has a digest
   */
  public ImageId tag(ImageReference ref, Image image) throws IOException {
    ImageReference key = tagKey(ref);
    ImageId id = image.id();
    Optional<Instant> created = image.config().createdInstant();
    synchronized (lock) {
      images.putIfAbsent(id, new Stored(image, created));
      ImageId previous = tags.put(key.toString(), id);
      tagRefs.put(key.toString(), key);
      if (previous != null && !previous.equals(id)) {
        removeIfUntagged(previous);
      }
    }
    return id;
  }

  /**
   * Adds tag {@code target} to the image that {@code source} points at ({@code docker tag SOURCE
   * TARGET}).
   *
   * @return the image's ID
   * @throws IllegalArgumentException when {@code source} is not a tag in this store, or either has
   *     a digest
   */
  public ImageId tag(ImageReference target, ImageReference source) {
    ImageReference sourceKey = tagKey(source);
    ImageReference targetKey = tagKey(target);
    synchronized (lock) {
      ImageId id = tags.get(sourceKey.toString());
      if (id == null) {
        throw new IllegalArgumentException("no such image: " + sourceKey.familiar());
      }
      ImageId previous = tags.put(targetKey.toString(), id);
      tagRefs.put(targetKey.toString(), targetKey);
      if (previous != null && !previous.equals(id)) {
        removeIfUntagged(previous);
      }
      return id;
    }
  }

  /**
   * Removes tag {@code ref}; the image goes too when this was its last tag.
   *
   * @return the ID the tag pointed at, or empty when there was no such tag
   * @throws IllegalArgumentException when {@code ref} has a digest
   */
  public Optional<ImageId> untag(ImageReference ref) {
    ImageReference key = tagKey(ref);
    synchronized (lock) {
      ImageId id = tags.remove(key.toString());
      tagRefs.remove(key.toString());
      if (id != null) {
        removeIfUntagged(id);
      }
      return Optional.ofNullable(id);
    }
  }

  /**
   * The ID tag {@code ref} points at.
   *
   * @throws IllegalArgumentException when {@code ref} has a digest
   */
  public Optional<ImageId> resolveId(ImageReference ref) {
    ImageReference key = tagKey(ref);
    synchronized (lock) {
      return Optional.ofNullable(tags.get(key.toString()));
    }
  }

  /**
   * The image tag {@code ref} points at.
   *
   * @throws IllegalArgumentException when {@code ref} has a digest
   */
  public Optional<Image> resolve(ImageReference ref) {
    ImageReference key = tagKey(ref);
    synchronized (lock) {
      ImageId id = tags.get(key.toString());
      return id == null ? Optional.empty() : Optional.of(stored(id).image());
    }
  }

  /** The image with ID {@code id}. */
  public Optional<Image> image(ImageId id) {
    synchronized (lock) {
      Stored s = images.get(id);
      return s == null ? Optional.empty() : Optional.of(s.image());
    }
  }

  /**
   * The image whose ID starts with {@code prefix} (hex, optionally after {@code sha256:}), as
   * {@code docker image inspect 3f5ef9003cef} finds it; empty when none or several match.
   */
  public Optional<ImageId> findId(String prefix) {
    synchronized (lock) {
      List<ImageId> matches =
          images.keySet().stream().filter(id -> id.matchesPrefix(prefix)).toList();
      return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
    }
  }

  /** The tags pointing at {@code id}, sorted by repository then tag. */
  public List<ImageReference> tagsOf(ImageId id) {
    synchronized (lock) {
      List<ImageReference> refs = new ArrayList<>();
      tags.forEach(
          (key, value) -> {
            if (value.equals(id)) {
              refs.add(tagRefs.get(key));
            }
          });
      refs.sort(Comparator.comparing(ImageReference::toString));
      return refs;
    }
  }

  /** The number of distinct images. */
  public int imageCount() {
    synchronized (lock) {
      return images.size();
    }
  }

  /**
   * One row per tag, in {@code docker image ls} order: newest image first (images without a
   * creation time last), then repository, then tag.
   */
  public List<Row> list() {
    List<Row> rows = new ArrayList<>();
    synchronized (lock) {
      for (Map.Entry<String, ImageReference> e : tagRefs.entrySet()) {
        ImageId id = taggedId(e.getKey());
        rows.add(new Row(e.getValue(), id, stored(id).created()));
      }
    }
    rows.sort(
        Comparator.comparing((Row r) -> r.created().orElse(Instant.MIN), Comparator.reverseOrder())
            .thenComparing(Row::repository)
            .thenComparing(Row::tag));
    return rows;
  }

  /**
   * {@link #list()} as text in {@code docker image ls} layout: a {@code REPOSITORY TAG IMAGE ID}
   * header and one line per row, columns padded and separated by three spaces, IDs in short form.
   */
  public String format() {
    List<Row> rows = list();
    int repoWidth = "REPOSITORY".length();
    int tagWidth = "TAG".length();
    for (Row r : rows) {
      repoWidth = Math.max(repoWidth, r.repository().length());
      tagWidth = Math.max(tagWidth, r.tag().length());
    }
    StringBuilder sb = new StringBuilder();
    appendLine(sb, repoWidth, tagWidth, "REPOSITORY", "TAG", "IMAGE ID");
    for (Row r : rows) {
      appendLine(sb, repoWidth, tagWidth, r.repository(), r.tag(), r.imageId().shortForm());
    }
    return sb.toString();
  }

  private static void appendLine(
      StringBuilder sb, int repoWidth, int tagWidth, String repo, String tag, String id) {
    sb.append(pad(repo, repoWidth))
        .append("   ")
        .append(pad(tag, tagWidth))
        .append("   ")
        .append(id)
        .append('\n');
  }

  private static String pad(String s, int width) {
    StringBuilder b = new StringBuilder(s);
    while (b.length() < width) {
      b.append(' ');
    }
    return b.toString();
  }

  private void removeIfUntagged(ImageId id) {
    if (!tags.containsValue(id)) {
      images.remove(id);
    }
  }

  private static ImageReference tagKey(ImageReference ref) {
    Objects.requireNonNull(ref, "ref");
    if (ref.digest().isPresent()) {
      throw new IllegalArgumentException("a tag cannot contain a digest: " + ref.familiar());
    }
    return ref.tag().isPresent() ? ref : ref.withTag(Tag.LATEST);
  }

  // Every tag names a stored image, and every stored image is in `images`: the maps change together
  // under `lock`, so a miss here is a bug in this class, not bad input.
  private ImageId taggedId(String tagKey) {
    return Objects.requireNonNull(tags.get(tagKey), "tag without an image");
  }

  private Stored stored(ImageId id) {
    return Objects.requireNonNull(images.get(id), "image ID without an image");
  }
}
