package dev.registrykit.client;

import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.manifest.ImageManifest;
import dev.registrykit.core.manifest.IndexManifest;
import dev.registrykit.core.manifest.Manifest;
import dev.registrykit.core.manifest.ManifestCodec;
import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.core.reference.Repository;
import dev.registrykit.core.reference.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * High-level operations on images in registries, built on {@link RegistryClient}: copy an image or
 * a whole index between repositories and registries, tag, delete.
 *
 * <p>Every operation blocks until done, is safe to call concurrently, and verifies what it reads
 * against its digest. Blobs travel in parallel on a bounded pool ({@link
 * TransferOptions#parallelism()}); a manifest is stored only after every blob it references
 * succeeded, and tags last. Blobs stream from source to target: memory does not grow with blob size.
 */
public final class Remote {
  private Remote() {}

  /**
   * Copies the image or index at {@code from} to {@code to}, child manifests and blobs included.
   * On the same registry blobs are mounted instead of transferred; elsewhere each blob streams from
   * the source's GET straight into the target's upload. Blobs the target has are skipped. The
   * manifest bytes are copied unchanged, so digests are identical on both sides. Foreign layers
   * (non-distributable, with {@code urls}) are not copied, as Docker and skopeo do.
   *
   * @param source the client to read with
   * @param target the client to write with (may be the same client)
   * @param to where to store it: its tag (plus {@link TransferOptions#additionalTags()}), or by digest when it has none
   * @return what was done, per blob
   */
  public static PushResult copy(RegistryClient source, ImageReference from, RegistryClient target, ImageReference to, TransferOptions options)
      throws IOException {
    Objects.requireNonNull(options, "options");
    Repository sourceRepository = from.repository();
    Repository targetRepository = to.repository();
    ManifestResponse top = source.getManifest(from);
    List<Repository> mounts = new ArrayList<>();
    if (RegistryClient.host(sourceRepository).equals(RegistryClient.host(targetRepository))
        && !RegistryClient.path(sourceRepository).equals(RegistryClient.path(targetRepository))) {
      mounts.add(sourceRepository);
    }
    mounts.addAll(options.mountFrom());
    List<ManifestResponse> children = new ArrayList<>();
    List<BlobTransfers.Job> jobs = new ArrayList<>();
    collect(source, sourceRepository, top, mounts, children, jobs, new LinkedHashSet<>());
    List<BlobResult> blobs = BlobTransfers.run(target, targetRepository, jobs, options);
    for (ManifestResponse child : children) {
      target.putManifest(targetRepository, child.manifest(), List.of());
      options.listener().manifestPushed(reference(targetRepository, child.digest()), child.digest(), child.size());
    }
    List<Tag> tags = tags(to, options);
    target.putManifest(targetRepository, top.manifest(), tags);
    options.listener().manifestPushed(to, top.digest(), top.size());
    return new PushResult(targetRepository, tags, top.digest(), top.size(), top.manifest().mediaType(), blobs);
  }

  /** Copies within one client's reach (same or different registries); see {@link #copy(RegistryClient, ImageReference, RegistryClient, ImageReference, TransferOptions)}. */
  public static PushResult copy(RegistryClient client, ImageReference from, ImageReference to) throws IOException {
    return copy(client, from, client, to, TransferOptions.DEFAULTS);
  }

  /**
   * Stores the manifest at {@code existing} under more tags of the same repository: its exact bytes
   * are fetched and put again, so the digest does not change and no blob moves.
   *
   * @return the manifest's digest
   * @throws ManifestNotFoundException when {@code existing} does not exist
   */
  public static Digest tag(RegistryClient client, ImageReference existing, Tag... tags) throws IOException {
    if (tags.length == 0) {
      throw new IllegalArgumentException("no tags given");
    }
    ManifestResponse manifest = client.getManifest(existing);
    client.putManifest(existing.repository(), manifest.manifest(), List.of(tags));
    return manifest.digest();
  }

  /**
   * Deletes the manifest {@code reference} points at (by digest, resolving a tag first). On
   * Distribution every tag pointing at that manifest disappears with it; to remove one tag only,
   * use {@link RegistryClient#deleteTag(ImageReference)}.
   *
   * @return the digest of the deleted manifest
   * @throws ManifestNotFoundException when it does not exist
   */
  public static Digest delete(RegistryClient client, ImageReference reference) throws IOException {
    Digest digest;
    if (reference.digest().isPresent()) {
      digest = reference.digest().get();
    } else {
      digest = client.headManifest(reference)
          .map(Descriptor::digest)
          .orElseThrow(() -> new ManifestNotFoundException("DELETE manifest " + reference, 404, List.of(), "not found: " + reference + " does not exist"));
    }
    client.deleteManifest(reference.repository(), digest);
    return digest;
  }

  // ---------------------------------------------------------------------------------------------

  private static void collect(RegistryClient source, Repository repository, ManifestResponse response, List<Repository> mounts,
      List<ManifestResponse> children, List<BlobTransfers.Job> jobs, Set<Digest> visited) throws IOException {
    if (!visited.add(response.digest())) {
      return;
    }
    Manifest manifest = ManifestCodec.parse(response.manifest());
    if (manifest instanceof IndexManifest index) {
      for (Descriptor entry : index.manifests()) {
        ManifestResponse child = source.getManifest(reference(repository, entry.digest()));
        collect(source, repository, child, mounts, children, jobs, visited);
        if (!children.contains(child)) {
          children.add(child);
        }
      }
    } else if (manifest instanceof ImageManifest image) {
      for (Descriptor blob : image.references()) {
        if (!blob.urls().isEmpty() && !blob.mediaType().isDistributable()) {
          continue;
        }
        jobs.add(new BlobTransfers.Job(blob.digest(), blob.size(), remoteContent(source, repository, blob), mounts));
      }
    }
  }

  private static List<Tag> tags(ImageReference to, TransferOptions options) {
    List<Tag> tags = new ArrayList<>();
    to.tag().ifPresent(tags::add);
    for (Tag t : options.additionalTags()) {
      if (!tags.contains(t)) {
        tags.add(t);
      }
    }
    return tags;
  }

  static ImageReference reference(Repository repository, Digest digest) {
    return ImageReference.parse(RegistryClient.display(repository) + "@" + digest);
  }

  /** A blob in a registry as upload content: verified from the start, resumable at an offset. */
  static BlobContent remoteContent(RegistryClient source, Repository repository, Descriptor blob) {
    return new BlobContent() {
      @Override
      public InputStream open() throws IOException {
        return source.openBlob(repository, blob.digest(), blob.size(), TransferListener.NONE);
      }

      @Override
      public InputStream open(long offset) throws IOException {
        return offset == 0 ? open() : source.openBlobFrom(repository, blob.digest(), offset);
      }
    };
  }

  static Optional<Tag> firstTag(List<Tag> tags) {
    return tags.isEmpty() ? Optional.empty() : Optional.of(tags.get(0));
  }
}
