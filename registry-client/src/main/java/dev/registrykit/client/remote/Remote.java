package dev.registrykit.client.remote;

import dev.registrykit.client.BlobContent;
import dev.registrykit.client.BlobResult;
import dev.registrykit.client.ManifestResponse;
import dev.registrykit.client.ProgressListener;
import dev.registrykit.client.RegistryClient;
import dev.registrykit.client.errors.CorruptBlobSourceException;
import dev.registrykit.client.errors.ManifestNotFoundException;
import dev.registrykit.client.errors.NotFoundException;
import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.digest.VerifyingInputStream;
import dev.registrykit.core.distribution.RateLimit;
import dev.registrykit.core.image.Image;
import dev.registrykit.core.image.ImageIndex;
import dev.registrykit.core.image.Layer;
import dev.registrykit.core.image.MultiPlatform;
import dev.registrykit.core.image.ResolvedTag;
import dev.registrykit.core.image.SingleImage;
import dev.registrykit.core.layout.OciLayout;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.manifest.ImageManifest;
import dev.registrykit.core.manifest.IndexManifest;
import dev.registrykit.core.manifest.Manifest;
import dev.registrykit.core.manifest.ManifestCodec;
import dev.registrykit.core.manifest.Platform;
import dev.registrykit.core.manifest.RawManifest;
import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.core.reference.Repository;
import dev.registrykit.core.reference.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * High-level operations on images in registries, built on {@link RegistryClient}: pull (lazily as a
 * {@code core.image} {@link Image}, or into an OCI layout directory), push an {@link Image} or
 * {@link ImageIndex}, copy an image or a whole index between repositories and registries, resolve a
 * tag to digests and image IDs. Operations on one manifest or blob (tag, delete, list tags) are
 * {@link RegistryClient}'s; everything here uses its public API only.
 *
 * <p>Every operation blocks until done, is safe to call concurrently, and verifies what it reads
 * against its digest. Blobs travel in parallel on a bounded pool ({@link
 * TransferOptions#parallelism()}); a manifest is stored only after every blob it references
 * succeeded, and tags last. Blobs stream from source to target: memory does not grow with blob
 * size.
 */
public final class Remote {
  private Remote() {}

  /**
   * Copies the image or index at {@code from} to {@code to}, child manifests and blobs included. On
   * the same registry blobs are mounted instead of transferred; elsewhere each blob streams from
   * the source's GET straight into the target's upload. Blobs the target has are skipped. The
   * manifest bytes are copied unchanged, so digests are identical on both sides. Foreign layers
   * (non-distributable, with {@code urls}) are not copied, as Docker and skopeo do. With {@link
   * TransferOptions#platform()} set, an index is not copied: only that platform's image is.
   *
   * @param source the client to read with
   * @param target the client to write with (may be the same client)
   * @param to where to store it: its tag (plus {@link TransferOptions#additionalTags()}), or by
   *     digest when it has none
   * @return what was done, per blob
   */
  public static PushResult copy(
      RegistryClient source,
      ImageReference from,
      RegistryClient target,
      ImageReference to,
      TransferOptions options)
      throws IOException {
    Objects.requireNonNull(options, "options");
    Repository sourceRepository = from.repository();
    Repository targetRepository = to.repository();
    List<ManifestResponse> fetched = new ArrayList<>();
    ManifestResponse top =
        selectPlatform(source, from, fetched(fetched, source.getManifest(from)), options, fetched);
    List<Repository> mounts = new ArrayList<>();
    if (sourceRepository.registry().equals(targetRepository.registry())
        && !sourceRepository.path().equals(targetRepository.path())) {
      mounts.add(sourceRepository);
    }
    mounts.addAll(options.mountFrom());
    List<ManifestResponse> tree = registryTree(source, from, options, fetched).postOrder(top);
    List<ManifestResponse> children = tree.subList(0, tree.size() - 1);
    List<BlobTransfers.Job> jobs = new ArrayList<>();
    for (ManifestResponse manifest : tree) {
      if (ManifestCodec.parse(manifest.manifest()) instanceof ImageManifest image) {
        for (Descriptor blob : distributable(image)) {
          jobs.add(
              new BlobTransfers.Job(
                  blob.digest(),
                  blob.size(),
                  remoteContent(source, sourceRepository, blob),
                  mounts,
                  Optional.of(new BlobTransfers.Source(source, sourceRepository))));
        }
      }
    }
    List<BlobResult> blobs = BlobTransfers.run(target, targetRepository, jobs, options);
    for (ManifestResponse child : children) {
      target.putManifest(targetRepository, child.manifest(), List.of());
      options
          .listener()
          .manifestPushed(
              reference(targetRepository, child.digest()), child.digest(), child.size());
    }
    List<Tag> tags = tags(to, options);
    target.putManifest(targetRepository, top.manifest(), tags);
    options.listener().manifestPushed(to, top.digest(), top.size());
    return new PushResult(
        targetRepository,
        tags,
        top.digest(),
        top.size(),
        top.manifest().mediaType(),
        blobs,
        target.lastRateLimit(targetRepository),
        lastAnnounced(fetched));
  }

  /**
   * Copies within one client's reach (same or different registries); see {@link
   * #copy(RegistryClient, ImageReference, RegistryClient, ImageReference, TransferOptions)}.
   */
  public static PushResult copy(
      RegistryClient client, ImageReference from, ImageReference to, TransferOptions options)
      throws IOException {
    return copy(client, from, client, to, options);
  }

  /**
   * {@code top} itself, or when it is an index and {@code options} name a platform, that platform's
   * image manifest.
   */
  private static ManifestResponse selectPlatform(
      RegistryClient client,
      ImageReference reference,
      ManifestResponse top,
      TransferOptions options,
      List<ManifestResponse> fetched)
      throws IOException {
    if (options.platform().isEmpty()
        || !(ManifestCodec.parse(top.manifest()) instanceof IndexManifest index)) {
      return top;
    }
    Platform platform = options.platform().get();
    Descriptor entry =
        index.select(platform).orElseThrow(() -> noImageFor(reference, index, platform));
    return fetched(fetched, client.getManifest(reference.repository().digest(entry.digest())));
  }

  /** {@code response}, added to the manifests {@code fetched} so far. */
  private static ManifestResponse fetched(
      List<ManifestResponse> fetched, ManifestResponse response) {
    fetched.add(response);
    return response;
  }

  /** The rate limit announced with the last of {@code fetched} that announced one. */
  private static Optional<RateLimit> lastAnnounced(List<ManifestResponse> fetched) {
    for (int i = fetched.size() - 1; i >= 0; i--) {
      if (fetched.get(i).rateLimit().isPresent()) {
        return fetched.get(i).rateLimit();
      }
    }
    return Optional.empty();
  }

  private static NotFoundException noImageFor(
      ImageReference reference, IndexManifest index, Platform platform) {
    return new NotFoundException(
        "GET manifest " + reference,
        404,
        List.of(),
        "not found: the index "
            + reference
            + " has no image for "
            + platform
            + " (it has "
            + platforms(index)
            + ")");
  }

  /**
   * The image at {@code reference}, lazily: the manifest is fetched now, the config on first use,
   * layers when opened (streamed and verified). When the reference names an index, the entry for
   * {@code platform} is chosen.
   *
   * @throws ManifestNotFoundException when the reference does not exist
   * @throws NotFoundException when it is an index without an image for {@code platform}
   */
  public static Image image(RegistryClient client, ImageReference reference, Platform platform)
      throws IOException {
    ManifestResponse response = client.getManifest(reference);
    Manifest manifest = ManifestCodec.parse(response.manifest());
    if (manifest instanceof IndexManifest) {
      RemoteIndex index = new RemoteIndex(client, reference.repository(), response.manifest());
      return index
          .select(platform)
          .orElseThrow(() -> noImageFor(reference, index.manifest(), platform));
    }
    return new RemoteImage(client, reference.repository(), response.manifest());
  }

  /**
   * The index at {@code reference}, lazily: its children are fetched when asked for.
   *
   * @throws ManifestNotFoundException when the reference does not exist
   * @throws IllegalArgumentException when it is a single image, not an index
   */
  public static ImageIndex index(RegistryClient client, ImageReference reference)
      throws IOException {
    ManifestResponse response = client.getManifest(reference);
    if (!(ManifestCodec.parse(response.manifest()) instanceof IndexManifest)) {
      throw new IllegalArgumentException(reference + " is an image manifest, not an index");
    }
    return new RemoteIndex(client, reference.repository(), response.manifest());
  }

  /**
   * Resolves a reference to its manifest digest and image ID: one {@link SingleImage}, or for an
   * index a {@link MultiPlatform} with the digest and image ID of every platform's image (one
   * manifest fetch per platform; no layer is downloaded).
   */
  public static ResolvedTag resolve(RegistryClient client, ImageReference reference)
      throws IOException {
    ManifestResponse response = client.getManifest(reference);
    if (ManifestCodec.parse(response.manifest()) instanceof IndexManifest) {
      return ResolvedTag.of(
          reference, new RemoteIndex(client, reference.repository(), response.manifest()));
    }
    return ResolvedTag.of(
        reference, new RemoteImage(client, reference.repository(), response.manifest()));
  }

  /**
   * Pushes an image: its config and layers first — in parallel, skipping blobs the registry has,
   * mounting from {@link TransferOptions#mountFrom()}, and from wherever a layer was read on the
   * same registry (the image's own repository, or its base's for an image built on {@link #image})
   * — then, once every blob succeeded, the manifest under the target's tag and the additional tags,
   * its bytes unchanged.
   *
   * @return per blob what was done, and the manifest's digest and size
   */
  public static PushResult push(
      RegistryClient client, Image image, ImageReference target, TransferOptions options)
      throws IOException {
    Repository repository = target.repository();
    List<BlobTransfers.Job> jobs = new ArrayList<>();
    addImageJobs(image, repository, options, jobs);
    List<BlobResult> blobs = BlobTransfers.run(client, repository, jobs, options);
    RawManifest manifest = image.rawManifest();
    List<Tag> tags = tags(target, options);
    client.putManifest(repository, manifest, tags);
    options.listener().manifestPushed(target, manifest.digest(), manifest.size());
    return new PushResult(
        repository,
        tags,
        manifest.digest(),
        manifest.size(),
        manifest.mediaType(),
        blobs,
        client.lastRateLimit(repository),
        Optional.empty());
  }

  /**
   * Pushes a multi-platform index: every image's blobs (in parallel, skipping and mounting as for
   * an image), then each image manifest by digest, then the index under the tags.
   */
  public static PushResult push(
      RegistryClient client, ImageIndex index, ImageReference target, TransferOptions options)
      throws IOException {
    Repository repository = target.repository();
    List<BlobTransfers.Job> jobs = new ArrayList<>();
    List<RawManifest> children = new ArrayList<>();
    List<Object> tree = pushTree(target, options).postOrder(index);
    for (Object node : tree.subList(0, tree.size() - 1)) {
      if (node instanceof Image image) {
        addImageJobs(image, repository, options, jobs);
        children.add(image.rawManifest());
      } else {
        children.add(((ImageIndex) node).rawManifest());
      }
    }
    List<BlobResult> blobs = BlobTransfers.run(client, repository, jobs, options);
    for (RawManifest child : children) {
      client.putManifest(repository, child, List.of());
      options
          .listener()
          .manifestPushed(repository.digest(child.digest()), child.digest(), child.size());
    }
    RawManifest manifest = index.rawManifest();
    List<Tag> tags = tags(target, options);
    client.putManifest(repository, manifest, tags);
    options.listener().manifestPushed(target, manifest.digest(), manifest.size());
    return new PushResult(
        repository,
        tags,
        manifest.digest(),
        manifest.size(),
        manifest.mediaType(),
        blobs,
        client.lastRateLimit(repository),
        Optional.empty());
  }

  /**
   * Pulls an image into an OCI image layout directory (created when missing): blobs download in
   * parallel straight to files, verified while they stream (never held in memory), skipping blobs
   * the layout has; then the manifest, and an {@code index.json} entry named after the reference's
   * tag. An index reference with {@link TransferOptions#platform()} set pulls that platform's image
   * only; without it, the whole index.
   *
   * @return the descriptor of the manifest (or index) written to {@code index.json}, where each
   *     blob came from, and the rate limit the source announced
   */
  public static PullResult pull(
      RegistryClient client, ImageReference reference, Path layout, TransferOptions options)
      throws IOException {
    Repository repository = reference.repository();
    List<ManifestResponse> fetched = new ArrayList<>();
    ManifestResponse top =
        selectPlatform(
            client, reference, fetched(fetched, client.getManifest(reference)), options, fetched);
    List<RawManifest> manifests = new ArrayList<>();
    List<Descriptor> blobs = new ArrayList<>();
    for (ManifestResponse m : registryTree(client, reference, options, fetched).postOrder(top)) {
      if (ManifestCodec.parse(m.manifest()) instanceof ImageManifest image) {
        blobs.addAll(distributable(image));
      }
      manifests.add(m.manifest());
    }
    OciLayout target = OciLayout.create(layout);
    Map<Digest, Repository> servedBy = new ConcurrentHashMap<>();
    ProgressListener listener = new RecordingSources(options.listener(), servedBy);
    List<java.util.concurrent.Callable<Void>> tasks = new ArrayList<>();
    Set<Digest> seen = new LinkedHashSet<>();
    for (Descriptor blob : blobs) {
      if (seen.add(blob.digest())) {
        tasks.add(
            () -> {
              listener.blobStarted(blob.digest(), blob.size());
              // A mirror's corrupt copy is never kept: the write is redone from the next source.
              boolean written =
                  client.retryingCorruptMirrors(
                      repository,
                      blob.digest(),
                      () ->
                          target.writeBlob(
                              blob,
                              () ->
                                  client.openBlob(
                                      repository, blob.digest(), blob.size(), listener)));
              if (written) {
                listener.blobDone(blob.digest(), blob.size());
              } else {
                listener.blobSkipped(blob.digest(), blob.size());
              }
              return null;
            });
      }
    }
    BlobTransfers.parallel(tasks, options.parallelism(), reference.toString());
    for (RawManifest m : manifests) {
      target.writeBlob(m.descriptor(), m.bytes()::openStream);
    }
    Descriptor written =
        target.addToIndex(top.manifest().descriptor(), reference.tag().map(Tag::toString));
    return new PullResult(written, servedBy, lastAnnounced(fetched));
  }

  /** The manifests of an index tree in a registry, each child fetched by digest and verified. */
  private static IndexWalk<ManifestResponse> registryTree(
      RegistryClient client,
      ImageReference reference,
      TransferOptions options,
      List<ManifestResponse> fetched) {
    Repository repository = reference.repository();
    return new IndexWalk<>(
        new IndexWalk.Tree<>() {
          @Override
          public Digest digest(ManifestResponse node) {
            return node.digest();
          }

          @Override
          public boolean isIndex(ManifestResponse node) {
            return ManifestCodec.parse(node.manifest()) instanceof IndexManifest;
          }

          @Override
          public List<ManifestResponse> children(ManifestResponse node) throws IOException {
            List<ManifestResponse> children = new ArrayList<>();
            for (Descriptor entry : ManifestCodec.parseIndex(node.manifest()).manifests()) {
              children.add(fetched(fetched, client.getManifest(repository.digest(entry.digest()))));
            }
            return children;
          }
        },
        options.maxIndexDepth(),
        "GET manifest " + reference);
  }

  /**
   * The blobs of an image that travel: all but foreign (non-distributable, with {@code urls})
   * layers, as Docker and skopeo do.
   */
  private static List<Descriptor> distributable(ImageManifest image) {
    List<Descriptor> blobs = new ArrayList<>();
    for (Descriptor d : image.references()) {
      if (d.urls().isEmpty() || d.mediaType().isDistributable()) {
        blobs.add(d);
      }
    }
    return blobs;
  }

  /** The manifests of an index tree being pushed: {@link Image}s and {@link ImageIndex}es. */
  private static IndexWalk<Object> pushTree(ImageReference target, TransferOptions options) {
    return new IndexWalk<>(
        new IndexWalk.Tree<>() {
          @Override
          public Digest digest(Object node) throws IOException {
            return node instanceof ImageIndex index
                ? index.rawManifest().digest()
                : ((Image) node).rawManifest().digest();
          }

          @Override
          public boolean isIndex(Object node) {
            return node instanceof ImageIndex;
          }

          @Override
          public List<Object> children(Object node) throws IOException {
            ImageIndex index = (ImageIndex) node;
            List<Object> children = new ArrayList<>();
            for (Descriptor entry : index.manifest().manifests()) {
              children.add(
                  entry.mediaType().isIndex()
                      ? index.index(entry.digest())
                      : index.image(entry.digest()));
            }
            return children;
          }
        },
        options.maxIndexDepth(),
        "PUT manifest " + target);
  }

  private static void addImageJobs(
      Image image, Repository repository, TransferOptions options, List<BlobTransfers.Job> jobs)
      throws IOException {
    List<Repository> mounts = new ArrayList<>(options.mountFrom());
    if (image instanceof RemoteImage remote) {
      mounts = withSource(mounts, remote.repository(), repository);
    }
    ImageManifest manifest = image.manifest();
    Descriptor configDescriptor = manifest.config();
    Bytes config = image.rawConfig();
    jobs.add(
        new BlobTransfers.Job(
            configDescriptor.digest(),
            configDescriptor.size(),
            BlobContent.ofBytes(config.toByteArray()),
            mounts));
    for (Descriptor d : manifest.layers()) {
      if (!d.urls().isEmpty() && !d.mediaType().isDistributable()) {
        continue;
      }
      Layer layer = image.layer(d.digest());
      // A layer read from a registry remembers its repository, also inside an image built on it
      // (ImageBuilder.from(Remote.image(...)) keeps the base's layers): on that registry it is
      // mounted from there, as Jib does, instead of downloaded and uploaded again.
      List<Repository> layerMounts =
          layer instanceof RemoteImage.RemoteLayer remote
              ? withSource(mounts, remote.repository(), repository)
              : mounts;
      jobs.add(
          new BlobTransfers.Job(d.digest(), d.size(), registryVerified(layer, d), layerMounts));
    }
  }

  /** {@code mounts} with {@code source} tried first, when it is on the target's registry. */
  private static List<Repository> withSource(
      List<Repository> mounts, Repository source, Repository target) {
    if (!source.registry().equals(target.registry()) || mounts.contains(source)) {
      return mounts;
    }
    List<Repository> with = new ArrayList<>(mounts.size() + 1);
    with.add(source);
    with.addAll(mounts);
    return with;
  }

  /**
   * A layer as upload content that the client does not hash on the way out: the registry verifies
   * it instead. A push moves every byte once from the source to the socket; hashing it too would
   * more than double a warm push's client CPU, on a machine where the registry itself needs a core
   * to receive the blob (benchmarks/docs/client.md, "Figures the code relies on").
   *
   * <p>Why this is safe: the closing request of every upload names the digest, and the registry
   * answers a mismatch with {@code DIGEST_INVALID}, "provided digest did not match uploaded
   * content" (<a
   * href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#error-codes">spec:
   * error codes, code-4</a>; content is stored by the digest it hashes to, <a
   * href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#layer-upload-de-duplication">spec:
   * layer upload de-duplication</a>). Distribution and the testkit fake both do; the client then
   * throws {@link CorruptBlobSourceException} and never puts the manifest, so a corrupt layout blob
   * is never stored under its digest nor tagged (RemoteDistributionTest, FakeRegistryClientTest). A
   * source shorter than its descriptor is caught here, by the upload's byte count. Sources other
   * than a verifying stream (e.g. a custom {@link Layer}) are sent as they open.
   */
  static BlobContent registryVerified(Layer layer, Descriptor descriptor) {
    return () -> {
      InputStream in = layer.open();
      if (in instanceof VerifyingInputStream
          && ((VerifyingInputStream) in).verifies(descriptor.digest(), descriptor.size())) {
        return ((VerifyingInputStream) in).unverified();
      }
      return in;
    };
  }

  private static String platforms(IndexManifest index) {
    List<String> all = new ArrayList<>();
    for (Descriptor d : index.manifests()) {
      d.platform().ifPresent(p -> all.add(p.toString()));
    }
    return all.isEmpty() ? "no platforms" : String.join(", ", all);
  }

  // ---------------------------------------------------------------------------------------------

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
    return repository.digest(digest);
  }

  /** A blob in a registry as upload content: verified from the start, resumable at an offset. */
  static BlobContent remoteContent(RegistryClient source, Repository repository, Descriptor blob) {
    return new BlobContent() {
      @Override
      public InputStream open() throws IOException {
        return source.openBlob(repository, blob.digest(), blob.size(), ProgressListener.NONE);
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
