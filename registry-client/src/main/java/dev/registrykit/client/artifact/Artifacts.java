package dev.registrykit.client.artifact;

import dev.registrykit.client.BlobContent;
import dev.registrykit.client.ManifestResponse;
import dev.registrykit.client.ProgressListener;
import dev.registrykit.client.RegistryClient;
import dev.registrykit.client.errors.RegistryException;
import dev.registrykit.client.errors.UnsafeArtifactPathException;
import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.digest.DigestAlgorithm;
import dev.registrykit.core.digest.SizedDigest;
import dev.registrykit.core.internal.AtomicFiles;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.manifest.ImageManifest;
import dev.registrykit.core.manifest.Manifest;
import dev.registrykit.core.manifest.ManifestCodec;
import dev.registrykit.core.manifest.RawManifest;
import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.core.reference.Repository;
import dev.registrykit.core.text.UntrustedText;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Pushes files as an OCI artifact and pulls them back, as {@code oras push} and {@code oras pull}
 * do.
 *
 * <pre>{@code
 * Descriptor pushed = Artifacts.push(client, ImageReference.parse("localhost:5000/docs:v1"),
 *     List.of(ArtifactFile.of(Path.of("guide/intro.md"), "guide/intro.md")),
 *     ArtifactOptions.defaults().withArtifactType("application/vnd.example.docs.v1"));
 * Artifacts.pull(client, ImageReference.parse("localhost:5000/docs:v1"), Path.of("out"));
 * }</pre>
 */
public final class Artifacts {
  private Artifacts() {}

  /**
   * What a pull wrote.
   *
   * @param manifest the artifact manifest's descriptor (its digest, size and artifact type)
   * @param files the files written, in the manifest's order
   * @param untitled how many layers had no title annotation and so were not written (as {@code oras
   *     pull} skips them)
   */
  public record PulledArtifact(Descriptor manifest, List<Path> files, int untitled) {
    /** Validates and copies. */
    public PulledArtifact {
      Objects.requireNonNull(manifest, "manifest");
      files = List.copyOf(files);
    }
  }

  /**
   * Pushes {@code files} as one artifact and stores its manifest at {@code reference} (its tag, or
   * by digest). Each file is read once to digest it and again to upload it when the registry does
   * not have it; a file that changes in between fails the upload ({@link
   * dev.registrykit.client.errors.CorruptBlobSourceException}) and no manifest is written. Without
   * files the manifest's one layer is the empty descriptor, as the image spec advises. A subject is
   * recorded as the spec says, through the referrers API or, where the registry lacks it, the
   * fallback tag.
   *
   * @return the descriptor of the manifest pushed
   * @throws IllegalArgumentException when two files have the same title, or one title is the
   *     directory of another
   * @throws IOException when a file cannot be read, or the registry refuses a blob or the manifest
   */
  public static Descriptor push(
      RegistryClient client,
      ImageReference reference,
      List<ArtifactFile> files,
      ArtifactOptions options)
      throws IOException {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(options, "options");
    List<String> titles = new ArrayList<>();
    for (ArtifactFile file : files) {
      titles.add(file.title());
    }
    Optional<Map.Entry<String, String>> conflict = conflict(titles);
    if (conflict.isPresent()) {
      throw new IllegalArgumentException(
          "cannot push "
              + conflict.get().getKey()
              + " with the other files: "
              + conflict.get().getValue());
    }
    Repository repository = reference.repository();
    List<Descriptor> layers = new ArrayList<>();
    for (ArtifactFile file : files) {
      SizedDigest digest;
      try (InputStream in = Files.newInputStream(file.source())) {
        digest = Digest.compute(DigestAlgorithm.SHA256, in);
      }
      client.ensureBlob(
          repository,
          digest.digest(),
          digest.size(),
          BlobContent.ofFile(file.source()),
          List.of(),
          ProgressListener.NONE);
      layers.add(
          Descriptor.of(file.mediaType(), digest.digest(), digest.size())
              .withAnnotation(ArtifactTitles.TITLE, file.title()));
    }
    Descriptor config;
    Bytes configContent;
    if (options.config().isPresent()) {
      configContent = options.config().get().content();
      config = Descriptor.of(options.config().get().mediaType(), configContent);
    } else {
      configContent = Descriptor.EMPTY_JSON_CONTENT;
      config = Descriptor.EMPTY_JSON;
    }
    pushBytes(client, repository, config.digest(), configContent);
    if (layers.isEmpty()) {
      if (!config.digest().equals(Descriptor.EMPTY_JSON.digest())) {
        pushBytes(
            client, repository, Descriptor.EMPTY_JSON.digest(), Descriptor.EMPTY_JSON_CONTENT);
      }
      layers.add(Descriptor.EMPTY_JSON);
    }
    ImageManifest manifest = ImageManifest.oci(config, layers);
    String artifactType =
        options
            .artifactType()
            .orElse(options.config().isPresent() ? "" : ArtifactOptions.UNKNOWN_ARTIFACT_TYPE);
    if (!artifactType.isEmpty()) {
      manifest = manifest.withArtifactType(artifactType);
    }
    if (options.subject().isPresent()) {
      manifest = manifest.withSubject(options.subject().get());
    }
    if (!options.annotations().isEmpty()) {
      manifest = manifest.withAnnotations(options.annotations());
    }
    RawManifest raw = ManifestCodec.encode(manifest);
    client.putManifest(reference, raw);
    return raw.descriptor();
  }

  private static void pushBytes(
      RegistryClient client, Repository repository, Digest digest, Bytes content)
      throws IOException {
    client.ensureBlob(
        repository,
        digest,
        content.size(),
        BlobContent.ofBytes(content.toByteArray()),
        List.of(),
        ProgressListener.NONE);
  }

  /**
   * Pulls the artifact at {@code reference} into {@code directory} (created if missing): each layer
   * with a title annotation becomes the file of that relative path, its parent directories created;
   * an existing regular file there is replaced. Every title is checked before anything is written:
   * none may leave the directory (absolute, {@code ..}, empty, naming a directory) or pass through
   * or replace a symbolic link or anything but a regular file. Each file is streamed to a temporary
   * file beside it, verified against its digest and size, and only then moved into place, so a
   * corrupt or interrupted download leaves no file behind.
   *
   * @throws UnsafeArtifactPathException when a title is unsafe, appears twice, or is the directory
   *     of another; nothing is written then
   * @throws RegistryException when the reference names an index
   * @throws dev.registrykit.core.digest.DigestMismatchException when a file's content does not
   *     match its digest; that file is not written
   */
  public static PulledArtifact pull(RegistryClient client, ImageReference reference, Path directory)
      throws IOException {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(directory, "directory");
    String operation = "pull artifact " + reference;
    ManifestResponse response = client.getManifest(reference);
    Manifest parsed = ManifestCodec.parse(response.manifest());
    if (!(parsed instanceof ImageManifest)) {
      throw new RegistryException(
          operation, "it is an image index, not an artifact: pull one of its manifests by digest");
    }
    ImageManifest manifest = (ImageManifest) parsed;
    Map<String, Descriptor> byTitle = new LinkedHashMap<>();
    int untitled = 0;
    for (Descriptor layer : manifest.layers()) {
      String title = layer.annotations().get(ArtifactTitles.TITLE);
      if (title == null) {
        untitled++;
        continue;
      }
      String shown = UntrustedText.display(title);
      Optional<String> problem = ArtifactTitles.problem(title);
      if (problem.isPresent()) {
        throw new UnsafeArtifactPathException(operation, shown, problem.get());
      }
      if (byTitle.containsKey(title)) {
        throw new UnsafeArtifactPathException(operation, shown, "two files have this title");
      }
      byTitle.put(title, layer);
    }
    Optional<Map.Entry<String, String>> conflict = conflict(new ArrayList<>(byTitle.keySet()));
    if (conflict.isPresent()) {
      throw new UnsafeArtifactPathException(
          operation, conflict.get().getKey(), conflict.get().getValue());
    }
    Files.createDirectories(directory);
    Path root = directory.toRealPath();
    for (String title : byTitle.keySet()) {
      checkOnDisk(operation, root, title);
    }
    List<Path> written = new ArrayList<>();
    Repository repository = reference.repository();
    for (Map.Entry<String, Descriptor> file : byTitle.entrySet()) {
      Path target = root.resolve(file.getKey());
      Descriptor layer = file.getValue();
      written.add(
          client.retryingCorruptMirrors(
              repository,
              layer.digest(),
              () -> download(client, repository, layer, root, target, operation, file.getKey())));
    }
    return new PulledArtifact(
        response.manifest().descriptor().withArtifactType(artifactTypeOf(manifest)),
        written,
        untitled);
  }

  private static String artifactTypeOf(ImageManifest manifest) {
    return manifest.artifactType().orElse(manifest.config().mediaType().value());
  }

  /** Writes one file; returns {@code target}. */
  private static Path download(
      RegistryClient client,
      Repository repository,
      Descriptor layer,
      Path root,
      Path target,
      String operation,
      String title)
      throws IOException {
    Path parent = Objects.requireNonNull(target.getParent(), "a file below the root has a parent");
    Files.createDirectories(parent);
    // Checked again after creating: a directory swapped for a link meanwhile is still refused.
    if (!parent.toRealPath().startsWith(root)) {
      throw new UnsafeArtifactPathException(
          operation, UntrustedText.display(title), "its directory leads outside " + root);
    }
    Path part = Files.createTempFile(parent, ".registrykit-", ".part");
    boolean done = false;
    try {
      try (InputStream in =
              client.openBlob(repository, layer.digest(), layer.size(), ProgressListener.NONE);
          OutputStream out = Files.newOutputStream(part)) {
        in.transferTo(out);
      }
      if (Files.isSymbolicLink(target) || Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
        throw new UnsafeArtifactPathException(
            operation, UntrustedText.display(title), "it is a symbolic link or a directory");
      }
      AtomicFiles.move(part, target);
      done = true;
      return target;
    } finally {
      if (!done) {
        Files.deleteIfExists(part);
      }
    }
  }

  /** Refuses a title whose way down, or whose file, is a link or not what it must be. */
  private static void checkOnDisk(String operation, Path root, String title) throws IOException {
    String[] segments = title.split("/");
    Path at = root;
    for (int i = 0; i < segments.length; i++) {
      at = at.resolve(segments[i]);
      if (Files.isSymbolicLink(at)) {
        throw new UnsafeArtifactPathException(
            operation,
            UntrustedText.display(title),
            UntrustedText.display(at.toString()) + " is a symbolic link");
      }
      if (!Files.exists(at, LinkOption.NOFOLLOW_LINKS)) {
        return; // created below the checked part
      }
      boolean last = i == segments.length - 1;
      if (!last && !Files.isDirectory(at, LinkOption.NOFOLLOW_LINKS)) {
        throw new UnsafeArtifactPathException(
            operation,
            UntrustedText.display(title),
            UntrustedText.display(at.toString()) + " is not a directory");
      }
      if (last && !Files.isRegularFile(at, LinkOption.NOFOLLOW_LINKS)) {
        throw new UnsafeArtifactPathException(
            operation,
            UntrustedText.display(title),
            UntrustedText.display(at.toString()) + " exists and is not a regular file");
      }
    }
  }

  /**
   * A title that cannot be a file beside the others, with the reason (both escaped for display):
   * two equal titles, or one the directory of another ({@code a} and {@code a/b}).
   */
  private static Optional<Map.Entry<String, String>> conflict(List<String> titles) {
    Set<String> files = new HashSet<>();
    for (String title : titles) {
      if (!files.add(title)) {
        return Optional.of(Map.entry(UntrustedText.display(title), "two files have this title"));
      }
    }
    for (String title : titles) {
      for (int slash = title.indexOf('/'); slash > 0; slash = title.indexOf('/', slash + 1)) {
        String dir = title.substring(0, slash);
        if (files.contains(dir)) {
          return Optional.of(
              Map.entry(
                  UntrustedText.display(title),
                  "its directory " + UntrustedText.display(dir) + " is also a file"));
        }
      }
    }
    return Optional.empty();
  }
}
