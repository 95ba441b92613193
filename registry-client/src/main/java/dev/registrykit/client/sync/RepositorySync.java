package dev.registrykit.client.sync;

import dev.registrykit.client.Page;
import dev.registrykit.client.RegistryClient;
import dev.registrykit.client.referrers.ImageReferrers;
import dev.registrykit.client.referrers.ReferrerFilter;
import dev.registrykit.client.remote.Remote;
import dev.registrykit.client.remote.TransferOptions;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.layout.OciLayout;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.core.reference.Repository;
import dev.registrykit.core.reference.Tag;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Copies the tags of one repository to another, or into an OCI image layout ({@link
 * #copyTagsToLayout}), tag by tag.
 *
 * <p>For each tag (in the order the registry lists them, a page of {@value #PAGE_SIZE} at a time,
 * so memory does not grow with the number of tags): the source tag's digest is read with a HEAD;
 * when the destination's tag already names that digest the tag is skipped without touching a blob;
 * otherwise the image or index is copied ({@link Remote#copy(RegistryClient, ImageReference,
 * RegistryClient, ImageReference, TransferOptions)}: blobs the destination has are not sent again).
 * A tag that fails is reported and the others go on. With referrers on, what refers to each copied
 * or skipped image is brought along ({@link ImageReferrers}); a referrer the destination has is not
 * copied again.
 */
public final class RepositorySync {
  /** Tags asked for per page. */
  public static final int PAGE_SIZE = 1000;

  private RepositorySync() {}

  /** What became of one tag. */
  public enum Outcome {
    /** The destination did not have it at this digest; it was copied. */
    COPIED,
    /** The destination's tag already named the same digest; nothing moved. */
    SKIPPED,
    /** Copying failed; see {@link TagResult#error()}. */
    FAILED
  }

  /**
   * One tag's outcome.
   *
   * @param tag the tag
   * @param outcome copied, skipped or failed
   * @param digest the source's manifest digest, when it could be read
   * @param error why it failed (the exception's message), empty unless failed
   */
  public record TagResult(
      Tag tag, Outcome outcome, Optional<Digest> digest, Optional<String> error) {
    /** Checks for nulls. */
    public TagResult {
      Objects.requireNonNull(tag, "tag");
      Objects.requireNonNull(outcome, "outcome");
      Objects.requireNonNull(digest, "digest");
      Objects.requireNonNull(error, "error");
    }
  }

  /**
   * The counts of a run, and the tags that failed.
   *
   * @param copied tags copied
   * @param skipped tags the destination had
   * @param failed tags that failed
   * @param failures the failed tags, with their errors
   */
  public record Summary(int copied, int skipped, int failed, List<TagResult> failures) {
    /** Copies the list. */
    public Summary {
      failures = List.copyOf(failures);
    }

    /** Whether no tag failed. */
    public boolean succeeded() {
      return failed == 0;
    }

    /** {@code 3 copied, 47 skipped, 0 failed}. */
    @Override
    public String toString() {
      return copied + " copied, " + skipped + " skipped, " + failed + " failed";
    }
  }

  /**
   * What to copy and how.
   *
   * @param tags the tags to copy: those in which this expression finds a match (anchor it with
   *     {@code ^…$} for whole tags; {@code .*}, the default, takes every tag)
   * @param referrers whether to bring each image's referrers along
   * @param referrerFilter which referrers, when they are brought along
   * @param transfer parallelism, listener and mounts for each copy (its additional tags are
   *     ignored)
   */
  public record Options(
      Pattern tags, boolean referrers, ReferrerFilter referrerFilter, TransferOptions transfer) {
    /** Every tag, no referrers, default transfers. */
    public static final Options DEFAULTS =
        new Options(Pattern.compile(".*"), false, ReferrerFilter.ALL, TransferOptions.defaults());

    /** Checks for nulls. */
    public Options {
      Objects.requireNonNull(tags, "tags");
      Objects.requireNonNull(referrerFilter, "referrerFilter");
      Objects.requireNonNull(transfer, "transfer");
    }

    /** Only the tags in which {@code regex} finds a match. */
    public Options withTags(Pattern regex) {
      return new Options(regex, referrers, referrerFilter, transfer);
    }

    /** Brings along the referrers {@code filter} keeps. */
    public Options withReferrers(ReferrerFilter filter) {
      return new Options(tags, true, filter, transfer);
    }

    /** Uses these transfer options for each copy. */
    public Options withTransfer(TransferOptions value) {
      return new Options(tags, referrers, referrerFilter, value);
    }
  }

  /**
   * Copies the chosen tags of {@code from} to {@code to}.
   *
   * @param each told of every tag as it is done (e.g. to print a line)
   * @return the counts, and the failed tags
   * @throws IOException when the source's tags cannot be listed (a failing tag does not throw)
   */
  public static Summary copyTags(
      RegistryClient source,
      Repository from,
      RegistryClient target,
      Repository to,
      Options options,
      Consumer<TagResult> each)
      throws IOException {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(to, "to");
    TransferOptions untagged = options.transfer().withAdditionalTags();
    return eachTag(
        source,
        from,
        options,
        each,
        tag -> copyTag(source, from.tag(tag), target, to.tag(tag), options, untagged));
  }

  /**
   * Copies the chosen tags of {@code from} into the OCI image layout directory {@code layout}
   * (created when missing or empty): each tag becomes an {@code index.json} entry named by {@link
   * OciLayout#REF_NAME} (an entry of the same name is replaced), blobs are stored once however many
   * tags share them, and a tag the layout already names at the same digest is skipped without a
   * blob read. Referrers are not copied into a layout.
   *
   * @param each told of every tag as it is done (e.g. to print a line)
   * @return the counts, and the failed tags
   * @throws IllegalArgumentException when {@code options} ask for referrers
   * @throws IOException when the source's tags cannot be listed, or {@code layout} has content but
   *     is not a layout (a failing tag does not throw)
   */
  public static Summary copyTagsToLayout(
      RegistryClient source,
      Repository from,
      Path layout,
      Options options,
      Consumer<TagResult> each)
      throws IOException {
    Objects.requireNonNull(layout, "layout");
    if (options.referrers()) {
      throw new IllegalArgumentException(
          "referrers are copied between registries only, not into an OCI layout");
    }
    OciLayout target = OciLayout.create(layout);
    TransferOptions untagged = options.transfer().withAdditionalTags();
    return eachTag(
        source,
        from,
        options,
        each,
        tag -> copyTagToLayout(source, from.tag(tag), target, layout, untagged));
  }

  /** Lists the tags page by page and copies those the options choose; counts the outcomes. */
  private static Summary eachTag(
      RegistryClient source,
      Repository from,
      Options options,
      Consumer<TagResult> each,
      Function<Tag, TagResult> copy)
      throws IOException {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(each, "each");
    int copied = 0;
    int skipped = 0;
    List<TagResult> failures = new ArrayList<>();
    Page<Tag> page = source.listTags(from, PAGE_SIZE);
    while (true) {
      for (Tag tag : page.items()) {
        if (!options.tags().matcher(tag.toString()).find()) {
          continue;
        }
        TagResult result = copy.apply(tag);
        each.accept(result);
        switch (result.outcome()) {
          case COPIED:
            copied++;
            break;
          case SKIPPED:
            skipped++;
            break;
          default:
            failures.add(result);
        }
      }
      Optional<URI> next = page.next();
      if (next.isEmpty()) {
        break;
      }
      page = source.listTags(from, next.get());
    }
    return new Summary(copied, skipped, failures.size(), failures);
  }

  private static TagResult copyTagToLayout(
      RegistryClient source,
      ImageReference from,
      OciLayout target,
      Path layout,
      TransferOptions untagged) {
    return copyPinned(
        source,
        from,
        pinned -> {
          Digest digest = pinned.digest().orElseThrow();
          if (named(target, from.tag().orElseThrow().toString())
              .filter(digest::equals)
              .isPresent()) {
            return Outcome.SKIPPED;
          }
          // The entry is named after the pinned reference's tag.
          Remote.pull(source, pinned, layout, untagged);
          return Outcome.COPIED;
        });
  }

  /** The digest {@code index.json} names {@code refName}, if any. */
  private static Optional<Digest> named(OciLayout layout, String refName) throws IOException {
    for (Descriptor entry : layout.index().manifests()) {
      if (refName.equals(entry.annotations().get(OciLayout.REF_NAME))) {
        return Optional.of(entry.digest());
      }
    }
    return Optional.empty();
  }

  private static TagResult copyTag(
      RegistryClient source,
      ImageReference from,
      RegistryClient target,
      ImageReference to,
      Options options,
      TransferOptions untagged) {
    return copyPinned(
        source,
        from,
        pinned -> {
          Optional<Descriptor> existing = target.headManifest(to);
          Outcome outcome;
          if (existing.isPresent() && existing.get().digest().equals(pinned.digest().get())) {
            outcome = Outcome.SKIPPED;
          } else {
            Remote.copy(source, pinned, target, to, untagged);
            outcome = Outcome.COPIED;
          }
          if (options.referrers()) {
            ImageReferrers.copyReferrers(
                source, pinned, target, to, untagged, options.referrerFilter());
          }
          return outcome;
        });
  }

  /** Copies one tag as it is now, given the tag's reference with the digest it names. */
  @FunctionalInterface
  private interface PinnedCopy {
    Outcome copy(ImageReference pinned) throws IOException;
  }

  /**
   * Reads the digest {@code from} names and has {@code copy} copy it; any failure becomes the tag's
   * result instead of stopping the run.
   */
  private static TagResult copyPinned(RegistryClient source, ImageReference from, PinnedCopy copy) {
    Tag tag = from.tag().orElseThrow();
    Optional<Digest> digest = Optional.empty();
    try {
      Optional<Descriptor> head = source.headManifest(from);
      if (head.isEmpty()) {
        // Listed but gone by now (deleted while we ran): nothing to copy.
        return new TagResult(
            tag, Outcome.FAILED, digest, Optional.of("the tag disappeared from the source"));
      }
      digest = Optional.of(head.get().digest());
      // Pinned to the digest read: a tag moved meanwhile is copied as it was when looked at.
      Outcome outcome = copy.copy(from.withDigest(digest.get()));
      return new TagResult(tag, outcome, digest, Optional.empty());
    } catch (IOException | RuntimeException e) {
      String message = e.getMessage();
      return new TagResult(
          tag,
          Outcome.FAILED,
          digest,
          Optional.of(message != null ? message : e.getClass().getSimpleName()));
    }
  }
}
