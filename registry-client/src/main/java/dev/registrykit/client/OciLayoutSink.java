package dev.registrykit.client;

import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.manifest.IndexManifest;
import dev.registrykit.core.manifest.InvalidManifestException;
import dev.registrykit.core.manifest.ManifestCodec;
import dev.registrykit.core.manifest.MediaType;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.manifest.RawManifest;
import dev.registrykit.core.reference.Repository;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes pulled content into an OCI image layout directory: {@code oci-layout}, {@code
 * blobs/<alg>/<hex>} and {@code index.json}. Blobs stream to a temporary file beside their target
 * and are moved into place only once verified, so a crash never leaves a wrong blob under a digest.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/image-layout.md">image-spec: image layout</a>
 */
final class OciLayoutSink {
  private static final String REF_NAME = "org.opencontainers.image.ref.name";
  private static final int BUFFER = 256 * 1024;

  private final Path root;

  private OciLayoutSink(Path root) {
    this.root = root;
  }

  static OciLayoutSink open(Path root) throws IOException {
    Files.createDirectories(root.resolve("blobs"));
    Path marker = root.resolve("oci-layout");
    if (!Files.exists(marker)) {
      Files.writeString(marker, "{\"imageLayoutVersion\":\"1.0.0\"}");
    }
    return new OciLayoutSink(root);
  }

  Path blobPath(Digest digest) {
    return root.resolve("blobs").resolve(digest.algorithm().prefix()).resolve(digest.hex());
  }

  void writeBlob(Descriptor blob, RegistryClient client, Repository repository, ProgressListener listener) throws IOException {
    Path target = blobPath(blob.digest());
    listener.blobStarted(blob.digest(), blob.size());
    if (Files.isRegularFile(target) && Files.size(target) == blob.size()) {
      listener.blobSkipped(blob.digest(), blob.size());
      return;
    }
    Files.createDirectories(target.getParent());
    Path temporary = Files.createTempFile(target.getParent(), ".pull-", ".tmp");
    try {
      try (InputStream in = client.openBlob(repository, blob.digest(), blob.size(), (d, done, total) -> listener.blobProgress(d, done, total));
          OutputStream out = Files.newOutputStream(temporary)) {
        byte[] buffer = new byte[BUFFER];
        for (int n; (n = in.read(buffer)) != -1; ) {
          out.write(buffer, 0, n);
        }
      }
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
    listener.blobDone(blob.digest(), blob.size());
  }

  void writeManifest(RawManifest manifest) throws IOException {
    Path target = blobPath(manifest.digest());
    Files.createDirectories(target.getParent());
    Path temporary = Files.createTempFile(target.getParent(), ".pull-", ".tmp");
    try {
      Files.write(temporary, manifest.bytes().toByteArray());
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /** Adds the manifest to {@code index.json}, replacing an entry of the same name. */
  synchronized void addToIndex(Descriptor manifest, Optional<String> name) throws IOException {
    Path indexFile = root.resolve("index.json");
    IndexManifest index = IndexManifest.oci(List.of());
    if (Files.exists(indexFile)) {
      try {
        index = ManifestCodec.parseIndex(new RawManifest(Bytes.of(Files.readAllBytes(indexFile)), MediaType.OCI_IMAGE_INDEX));
      } catch (InvalidManifestException e) {
        throw new IOException(indexFile + " is not an OCI index: " + e.getMessage(), e);
      }
    }
    List<Descriptor> kept = new ArrayList<>();
    for (Descriptor entry : index.manifests()) {
      Optional<String> entryName = Optional.ofNullable(entry.annotations().get(REF_NAME));
      boolean sameName = name.isPresent() && entryName.equals(name);
      boolean sameUnnamed = name.isEmpty() && entryName.isEmpty() && entry.digest().equals(manifest.digest());
      if (!sameName && !sameUnnamed) {
        kept.add(entry);
      }
    }
    Descriptor entry = Descriptor.of(manifest.mediaType(), manifest.digest(), manifest.size());
    kept.add(name.isPresent() ? entry.withAnnotation(REF_NAME, name.get()) : entry);
    Path temporary = Files.createTempFile(root, ".index-", ".tmp");
    try {
      Files.write(temporary, ManifestCodec.encode(index.withManifests(kept)).bytes().toByteArray());
      Files.move(temporary, indexFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
