package dev.registrykit.client.remote;

import dev.registrykit.client.RegistryClient;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.image.Image;
import dev.registrykit.core.image.ImageIndex;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.manifest.IndexManifest;
import dev.registrykit.core.manifest.InvalidManifestException;
import dev.registrykit.core.manifest.ManifestCodec;
import dev.registrykit.core.manifest.RawManifest;
import dev.registrykit.core.reference.Repository;
import java.io.IOException;

/**
 * An index in a registry: children are fetched (by digest, verified) when asked for. Thread-safe.
 */
final class RemoteIndex implements ImageIndex {
  private final RegistryClient client;
  private final Repository repository;
  private final RawManifest manifest;
  private final IndexManifest parsed;

  RemoteIndex(RegistryClient client, Repository repository, RawManifest manifest)
      throws InvalidManifestException {
    this.client = client;
    this.repository = repository;
    this.manifest = manifest;
    this.parsed = ManifestCodec.parseIndex(manifest);
  }

  @Override
  public RawManifest rawManifest() {
    return manifest;
  }

  @Override
  public IndexManifest manifest() {
    return parsed;
  }

  @Override
  public Image image(Digest digest) throws IOException {
    listed(digest);
    return new RemoteImage(
        client, repository, client.getManifest(repository.digest(digest)).manifest());
  }

  @Override
  public ImageIndex index(Digest digest) throws IOException {
    listed(digest);
    return new RemoteIndex(
        client, repository, client.getManifest(repository.digest(digest)).manifest());
  }

  private void listed(Digest digest) {
    for (Descriptor d : parsed.manifests()) {
      if (d.digest().equals(digest)) {
        return;
      }
    }
    throw new IllegalArgumentException(
        "the index " + manifest.digest() + " lists no manifest " + digest);
  }

  @Override
  public String toString() {
    return repository.name() + "@" + manifest.digest();
  }
}
