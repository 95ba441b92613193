package dev.registrykit.client.remote;

import dev.registrykit.client.ProgressListener;
import dev.registrykit.client.RegistryClient;
import dev.registrykit.client.errors.RegistryException;
import dev.registrykit.core.digest.Bytes;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.image.Image;
import dev.registrykit.core.image.Layer;
import dev.registrykit.core.manifest.Descriptor;
import dev.registrykit.core.manifest.ImageManifest;
import dev.registrykit.core.manifest.InvalidManifestException;
import dev.registrykit.core.manifest.ManifestCodec;
import dev.registrykit.core.manifest.RawManifest;
import dev.registrykit.core.reference.Repository;
import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/**
 * An image in a registry: the manifest is fetched up front (verified), the config on first use
 * (verified, memoized), the layers only when opened (streamed, verified while read). Thread-safe.
 */
final class RemoteImage implements Image {
  /** Configs larger than this are refused (they are small JSON documents in practice). */
  private static final int MAX_CONFIG_BYTES = 64 * 1024 * 1024;

  private final RegistryClient client;
  private final Repository repository;
  private final RawManifest manifest;
  private final ImageManifest parsed;
  private @Nullable Bytes config;

  RemoteImage(RegistryClient client, Repository repository, RawManifest manifest)
      throws InvalidManifestException {
    this.client = client;
    this.repository = repository;
    this.manifest = manifest;
    this.parsed = ManifestCodec.parseImageManifest(manifest);
  }

  Repository repository() {
    return repository;
  }

  @Override
  public RawManifest rawManifest() {
    return manifest;
  }

  @Override
  public ImageManifest manifest() {
    return parsed;
  }

  @Override
  public synchronized Bytes rawConfig() throws IOException {
    if (config == null) {
      Descriptor d = parsed.config();
      if (d.data().isPresent()) {
        config = d.data().get();
      } else {
        if (d.size() > MAX_CONFIG_BYTES) {
          throw new RegistryException(
              "GET config " + repository.name() + "@" + d.digest(),
              "the config is larger than " + MAX_CONFIG_BYTES + " bytes");
        }
        try (InputStream in =
            client.openBlob(repository, d.digest(), d.size(), ProgressListener.NONE)) {
          config = Bytes.readFrom(in);
        }
      }
    }
    return config;
  }

  @Override
  public Layer layer(Digest digest) {
    for (Descriptor d : parsed.layers()) {
      if (d.digest().equals(digest)) {
        return new RemoteLayer(client, repository, d);
      }
    }
    throw new IllegalArgumentException(
        "the manifest " + manifest.digest() + " lists no layer " + digest);
  }

  @Override
  public String toString() {
    return repository.name() + "@" + manifest.digest();
  }

  /** A layer in a registry, streamed and verified when opened. */
  static final class RemoteLayer implements Layer {
    private final RegistryClient client;
    private final Repository repository;
    private final Descriptor descriptor;

    RemoteLayer(RegistryClient client, Repository repository, Descriptor descriptor) {
      this.client = client;
      this.repository = repository;
      this.descriptor = descriptor;
    }

    /** Where the layer's blob lives: a mount source when it is pushed to the same registry. */
    Repository repository() {
      return repository;
    }

    @Override
    public Descriptor descriptor() {
      return descriptor;
    }

    @Override
    public InputStream open() throws IOException {
      return client.openBlob(
          repository, descriptor.digest(), descriptor.size(), ProgressListener.NONE);
    }

    @Override
    public String toString() {
      return repository.name() + "@" + descriptor.digest();
    }
  }
}
