package dev.registrykit.examples.cli;

import dev.registrykit.client.ProgressListener;
import dev.registrykit.client.RegistryClient;
import dev.registrykit.client.remote.PushResult;
import dev.registrykit.client.remote.Remote;
import dev.registrykit.client.remote.TransferOptions;
import dev.registrykit.core.archive.DockerArchive;
import dev.registrykit.core.archive.TaggedImage;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.image.Image;
import dev.registrykit.core.image.ImageIndex;
import dev.registrykit.core.layout.OciLayout;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.manifest.ImageManifest;
import dev.registrykit.core.manifest.IndexManifest;
import dev.registrykit.core.manifest.Manifest;
import dev.registrykit.core.manifest.ManifestCodec;
import dev.registrykit.core.manifest.Platform;
import dev.registrykit.core.reference.ImageReference;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Moves an image between any two {@link ImageLocation}s: registry, OCI layout, docker-save archive.
 * The engine behind {@code copy}, {@code push} and {@code pull}.
 *
 * <p>Registry to registry streams blobs (Remote.copy); a local image to a registry is pushed with
 * mounts and HEAD-skips (Remote.push) and printed like {@code docker push}; a registry image to a
 * layout is pulled in parallel, verified (Remote.pull). Manifests are copied byte for byte, so the
 * digest is the same everywhere — except into a docker-save archive, which stores a Docker manifest
 * of its own (the image ID, the config digest, is kept).
 */
final class Transfers {
  private final Invocation invocation;
  private final Optional<Platform> platform;

  Transfers(Invocation invocation, Optional<Platform> platform) {
    this.invocation = invocation;
    this.platform = platform;
  }

  void copy(ImageLocation source, ImageLocation destination) throws IOException {
    if (source instanceof ImageLocation.Remote && destination instanceof ImageLocation.Remote) {
      ImageReference from = ((ImageLocation.Remote) source).reference().withDefaultTag();
      ImageReference to = ((ImageLocation.Remote) destination).reference();
      if (invocation.creds().isPresent() && !from.registry().equals(to.registry())) {
        // One password for two registries would reach the one it was not meant for.
        throw new UsageException(
            "--creds is ambiguous when copying between two registries ("
                + from.registry()
                + ", "
                + to.registry()
                + "): use --src-creds and --dest-creds");
      }
      // One client per side: each side's credentials and TLS settings reach its registry only.
      try (RegistryClient reader =
              Registries.client(invocation.access("src"), List.of(from.registry()));
          RegistryClient writer =
              Registries.client(invocation.access("dest"), List.of(to.registry()))) {
        registryToRegistry(reader, from, writer, to);
      }
      return;
    }
    if (source instanceof ImageLocation.Remote) {
      ImageReference from = ((ImageLocation.Remote) source).reference().withDefaultTag();
      try (RegistryClient client =
          Registries.client(invocation.access("src"), List.of(from.registry()))) {
        fromRegistry(client, from, destination);
      }
      return;
    }
    Local local = openLocal(source);
    if (destination instanceof ImageLocation.Remote) {
      ImageReference to = ((ImageLocation.Remote) destination).reference();
      try (RegistryClient client =
          Registries.client(invocation.access("dest"), List.of(to.registry()))) {
        push(client, local, to);
      }
    } else {
      writeLocal(local, destination, source);
    }
  }

  private void registryToRegistry(
      RegistryClient reader, ImageReference from, RegistryClient writer, ImageReference to)
      throws IOException {
    // docker push lists layers only: hide the config blob of a single image.
    Manifest manifest = ManifestCodec.parse(reader.getManifest(from).manifest());
    Set<Digest> hidden =
        manifest instanceof ImageManifest
            ? Set.of(((ImageManifest) manifest).config().digest())
            : Set.of();
    PushPrinter printer = new PushPrinter(invocation.console(), hidden);
    printer.start(to.withDefaultTag(), to.tag().isEmpty() && to.digest().isEmpty());
    TransferOptions options = TransferOptions.defaults().withListener(printer.listener());
    PushResult result =
        Remote.copy(
            reader,
            from,
            writer,
            to.withDefaultTag(),
            platform.map(options::withPlatform).orElse(options));
    printer.finish(result);
  }

  private void fromRegistry(RegistryClient client, ImageReference from, ImageLocation destination)
      throws IOException {
    if (destination instanceof ImageLocation.Layout) {
      ImageLocation.Layout layout = (ImageLocation.Layout) destination;
      Optional<String> wanted = layout.tag();
      String named = from.tag().map(Object::toString).orElse("");
      if (wanted.isEmpty() || wanted.get().equals(named)) {
        // Remote.pull names the index.json entry after the reference's tag.
        invocation
            .console()
            .status(
                named.isEmpty()
                    ? "Pulling from " + from.repository().path()
                    : named + ": Pulling from " + from.repository().path());
        TransferOptions options =
            TransferOptions.defaults().withListener(pullListener(client, from));
        pulled(
            Remote.pull(
                    client,
                    from,
                    layout.directory(),
                    platform.map(options::withPlatform).orElse(options))
                .descriptor(),
            from);
      } else {
        OciLayout target = OciLayout.create(layout.directory());
        Descriptor written =
            platform.isEmpty() && isIndex(client, from)
                ? target.write(Remote.index(client, from), wanted.get())
                : target.write(
                    Remote.image(client, from, platform.orElse(Platform.LINUX_AMD64)),
                    wanted.get());
        pulled(written, from);
      }
    } else {
      Path file = ((ImageLocation.Archive) destination).file();
      Image image = Remote.image(client, from, platform.orElse(Platform.LINUX_AMD64));
      DockerArchive.write(file, TaggedImage.of(image, from.withoutDigest().familiar()));
      invocation.console().status("Wrote " + from.familiar() + " to " + destination);
      invocation.console().out().println("Image ID: " + image.id());
    }
  }

  // docker pull's per-layer lines: a bar each on a terminal, "Pull complete" as each one lands.
  private ProgressListener pullListener(RegistryClient client, ImageReference from)
      throws IOException {
    Set<Digest> configs = new HashSet<>();
    Manifest manifest = ManifestCodec.parse(client.getManifest(from).manifest());
    if (manifest instanceof ImageManifest) {
      configs.add(((ImageManifest) manifest).config().digest());
    } else if (platform.isPresent()) {
      Optional<Descriptor> child = ((IndexManifest) manifest).select(platform.get());
      if (child.isPresent()) {
        ImageReference byDigest = from.repository().digest(child.get().digest());
        configs.add(
            ManifestCodec.parseImageManifest(client.getManifest(byDigest).manifest())
                .config()
                .digest());
      }
    }
    LayerProgress progress = new LayerProgress(invocation.console());
    return new ProgressListener() {
      @Override
      public void blobProgress(Digest digest, long bytesDone, long totalBytes) {
        if (!configs.contains(digest)) {
          progress.advance(digest.shortHex(), "Downloading", bytesDone, totalBytes);
        }
      }

      @Override
      public void blobSkipped(Digest digest, long size) {
        if (!configs.contains(digest)) {
          progress.done(digest.shortHex(), "Already exists");
        }
      }

      @Override
      public void blobDone(Digest digest, long size) {
        if (!configs.contains(digest)) {
          progress.done(digest.shortHex(), "Pull complete");
        }
      }
    };
  }

  private static boolean isIndex(RegistryClient client, ImageReference ref) throws IOException {
    return client.getManifest(ref).manifest().mediaType().isIndex();
  }

  private void pulled(Descriptor descriptor, ImageReference from) {
    invocation.console().out().println("Digest: " + descriptor.digest());
  }

  /** An image or index read from a layout or an archive, with the name it carried. */
  private static final class Local {
    final Optional<Image> image;
    final Optional<ImageIndex> index;
    final Optional<String> name;

    Local(Optional<Image> image, Optional<ImageIndex> index, Optional<String> name) {
      this.image = image;
      this.index = index;
      this.name = name;
    }
  }

  private Local openLocal(ImageLocation source) throws IOException {
    if (source instanceof ImageLocation.Layout) {
      ImageLocation.Layout layout = (ImageLocation.Layout) source;
      OciLayout oci = OciLayout.open(layout.directory());
      Descriptor entry;
      if (layout.tag().isPresent()) {
        entry = oci.resolve(layout.tag().get());
      } else {
        List<Descriptor> all = oci.index().manifests();
        if (all.size() != 1) {
          throw new UsageException(
              layout.directory() + " holds " + all.size() + " manifests; name one: DIR:TAG");
        }
        entry = all.get(0);
      }
      if (entry.mediaType().isIndex()) {
        ImageIndex index = oci.imageIndex(entry);
        if (platform.isPresent()) {
          Descriptor child =
              index
                  .manifest()
                  .select(platform.get())
                  .orElseThrow(
                      () -> new IOException(source + " has no image for " + platform.get()));
          return new Local(
              Optional.of(index.image(child.digest())), Optional.empty(), layout.tag());
        }
        return new Local(Optional.empty(), Optional.of(index), layout.tag());
      }
      return new Local(Optional.of(oci.image(entry)), Optional.empty(), layout.tag());
    }
    DockerArchive archive = DockerArchive.open(((ImageLocation.Archive) source).file());
    Image image = archive.image();
    Optional<String> name = archive.images().get(0).repoTags().stream().findFirst();
    return new Local(Optional.of(image), Optional.empty(), name);
  }

  private void push(RegistryClient client, Local local, ImageReference to) throws IOException {
    boolean defaultTag = to.tag().isEmpty() && to.digest().isEmpty();
    ImageReference target = to.withDefaultTag();
    Set<Digest> hidden =
        local.image.isPresent() ? Set.of(local.image.get().manifest().config().digest()) : Set.of();
    PushPrinter printer = new PushPrinter(invocation.console(), hidden);
    printer.start(target, defaultTag);
    TransferOptions options = TransferOptions.defaults().withListener(printer.listener());
    PushResult result =
        local.image.isPresent()
            ? Remote.push(client, local.image.get(), target, options)
            : Remote.push(client, local.index.orElseThrow(), target, options);
    printer.finish(result);
  }

  private void writeLocal(Local local, ImageLocation destination, ImageLocation source)
      throws IOException {
    if (destination instanceof ImageLocation.Layout) {
      ImageLocation.Layout layout = (ImageLocation.Layout) destination;
      String name = layout.tag().or(() -> local.name.map(Transfers::tagOf)).orElse("latest");
      OciLayout target = OciLayout.create(layout.directory());
      Descriptor written =
          local.image.isPresent()
              ? target.write(local.image.get(), name)
              : target.write(local.index.orElseThrow(), name);
      invocation.console().status("Wrote " + source + " to " + layout.directory() + ":" + name);
      invocation.console().out().println("Digest: " + written.digest());
      return;
    }
    Image image =
        local.image.orElseThrow(
            () ->
                new UsageException("a docker archive holds single images: add --platform OS/ARCH"));
    String repoTag = local.name.orElse("image:latest");
    DockerArchive.write(
        ((ImageLocation.Archive) destination).file(), TaggedImage.of(image, repoTag));
    invocation.console().status("Wrote " + source + " to " + destination + " as " + repoTag);
    invocation.console().out().println("Image ID: " + image.id());
  }

  // A layout ref name is a tag; an archive's RepoTag is a familiar reference.
  private static String tagOf(String name) {
    return ImageReference.tryParse(name)
        .flatMap(ImageReference::tag)
        .map(Object::toString)
        .orElse(name);
  }
}
