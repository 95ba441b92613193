package dev.registrykit.examples.cli;

import dev.registrykit.client.ManifestResponse;
import dev.registrykit.client.RegistryClient;
import dev.registrykit.client.remote.Remote;
import dev.registrykit.client.remote.TransferOptions;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.manifest.IndexManifest;
import dev.registrykit.core.manifest.ManifestCodec;
import dev.registrykit.core.manifest.Platform;
import dev.registrykit.core.manifest.RawManifest;
import dev.registrykit.core.reference.ImageReference;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code registrykit index create REF --manifest REF…} and {@code registrykit index append REF
 * --manifest REF…}: a multi-platform index from images already in a registry.
 */
final class IndexCommand implements Command {
  static final OptionSpec MANIFEST =
      OptionSpec.value("manifest", "REFERENCE", "an image to list in the index (repeatable)");

  @Override
  public CommandSpec spec() {
    return new CommandSpec(
        "index",
        "create|append REFERENCE",
        "Creates a multi-platform index from images in a registry, or adds images to one.",
        """
        create stores at REFERENCE an OCI image index listing each --manifest image with the
        platform its config names (os, architecture, variant, os.version). append adds each
        --manifest image to the index at REFERENCE (an OCI index or a Docker manifest list, kept
        as it is otherwise); an image the index lists already is skipped. Each --manifest must be
        an image, not an index, and no two images may have the same platform. An image in another
        repository of the same registry is copied into REFERENCE's repository by digest (its
        blobs mounted, not transferred), since an index lists manifests of its own repository
        only; one on another registry is refused (copy it first). --annotation KEY=VALUE adds an
        annotation to the index. Prints the index digest.""",
        List.of(MANIFEST, RemoteCommands.ANNOTATION),
        2,
        2,
        true);
  }

  @Override
  public void run(Invocation invocation) throws Exception {
    String action = invocation.positional(0);
    if (!action.equals("create") && !action.equals("append")) {
      throw new UsageException("index takes create or append, not " + action);
    }
    List<String> manifests = invocation.args().values("manifest");
    if (manifests.isEmpty()) {
      throw new UsageException("index " + action + " needs at least one --manifest REFERENCE");
    }
    Map<String, String> annotations = RemoteCommands.annotations(invocation);
    ImageReference target = RemoteCommands.reference(invocation.positional(1));
    List<ImageReference> children = new ArrayList<>();
    for (String manifest : manifests) {
      ImageReference child = RemoteCommands.reference(manifest);
      if (!child.registry().equals(target.registry())) {
        throw new UsageException(
            "--manifest "
                + manifest
                + " is on another registry than the index ("
                + target.registry()
                + "): copy it there first");
      }
      children.add(child);
    }
    try (RegistryClient client = RemoteCommands.client(invocation, target)) {
      IndexManifest index;
      if (action.equals("create")) {
        index = IndexManifest.oci(List.of());
      } else {
        ManifestResponse existing = client.getManifest(target);
        if (!(ManifestCodec.parse(existing.manifest()) instanceof IndexManifest)) {
          throw new IOException(
              target + " is an image, not an index: use index create to make one listing it");
        }
        index = ManifestCodec.parseIndex(existing.manifest());
      }
      List<Descriptor> entries = new ArrayList<>(index.manifests());
      for (ImageReference child : children) {
        Descriptor entry = entry(client, child, target);
        if (entries.stream().anyMatch(e -> e.digest().equals(entry.digest()))) {
          invocation.console().status("Already listed: " + child + " (" + entry.digest() + ")");
          continue;
        }
        Optional<Platform> platform = entry.platform();
        Optional<Descriptor> samePlatform =
            entries.stream().filter(e -> e.platform().equals(platform)).findFirst();
        if (samePlatform.isPresent()) {
          throw new IOException(
              "the index would list two images for "
                  + platform.map(Platform::toString).orElse("no platform")
                  + ": "
                  + samePlatform.get().digest()
                  + " and "
                  + entry.digest()
                  + " ("
                  + child
                  + ")");
        }
        entries.add(entry);
      }
      Map<String, String> allAnnotations = new LinkedHashMap<>(index.annotations());
      allAnnotations.putAll(annotations);
      RawManifest raw =
          ManifestCodec.encode(index.withManifests(entries).withAnnotations(allAnnotations));
      client.putManifest(target, raw);
      invocation
          .console()
          .status(
              (action.equals("create") ? "Created " : "Updated ")
                  + target
                  + " listing "
                  + entries.size()
                  + (entries.size() == 1 ? " image" : " images"));
      invocation.console().out().println(raw.digest());
    }
  }

  /**
   * The index entry for {@code child}: its manifest's descriptor with the platform of its config,
   * the manifest copied into the index's repository first when it is elsewhere.
   */
  private static Descriptor entry(
      RegistryClient client, ImageReference child, ImageReference target) throws IOException {
    ManifestResponse response = client.getManifest(child);
    if (ManifestCodec.parse(response.manifest()) instanceof IndexManifest) {
      throw new IOException(
          "--manifest " + child + " is an index: name one of its images (by digest) instead");
    }
    ImageReference byDigest = child.repository().digest(response.digest());
    Platform platform = Remote.image(client, byDigest, Platform.LINUX_AMD64).config().platform();
    if (!child.repository().equals(target.repository())) {
      Remote.copy(
          client,
          byDigest,
          target.repository().digest(response.digest()),
          TransferOptions.defaults());
    }
    return response.manifest().descriptor().withPlatform(platform);
  }
}
