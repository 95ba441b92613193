package dev.registrykit.client;

import dev.registrykit.client.errors.RegistryException;
import dev.registrykit.client.registries.PullSource;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.digest.DigestMismatchException;
import dev.registrykit.core.digest.VerifyingInputStream;
import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.core.reference.Repository;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs a pull step against the sources {@link Routing} names for a reference: its mirrors in order,
 * then the primary location. A failing mirror (unreachable, 404, 429, 5xx, refusing the
 * credentials, or serving content that does not match its digest) hands over to the next source;
 * the primary's failure is the one thrown, the mirrors' attached as suppressed. Mirrors never see
 * pushes: only {@code getManifest} and {@code openBlob} come here.
 *
 * <p>A mirror that served a corrupt blob is remembered for that digest, so that the caller's retry
 * ({@link RegistryClient#retryingCorruptMirrors}) goes to the next source.
 */
final class MirroredPulls {
  @FunctionalInterface
  interface Step<T> {
    T run(PullSource source) throws IOException;
  }

  private final Routing routing;
  private final Set<String> corrupt = ConcurrentHashMap.newKeySet();

  MirroredPulls(Routing routing) {
    this.routing = routing;
  }

  /**
   * The sources for {@code reference}, without those known to have served {@code digest} corrupt.
   */
  List<PullSource> sources(ImageReference reference, String operation) throws RegistryException {
    List<PullSource> sources = routing.pullSources(reference, operation);
    if (reference.digest().isEmpty() || corrupt.isEmpty()) {
      return sources;
    }
    List<PullSource> usable = new ArrayList<>();
    for (PullSource s : sources) {
      if (!s.mirror() || !corrupt.contains(key(s, reference.digest().get()))) {
        usable.add(s);
      }
    }
    return usable;
  }

  <T> T pull(ImageReference reference, String operation, Step<T> step) throws IOException {
    List<PullSource> sources = sources(reference, operation);
    List<IOException> mirrorFailures = new ArrayList<>();
    for (PullSource source : sources) {
      try {
        return step.run(source);
      } catch (InterruptedIOException e) {
        throw e;
      } catch (IOException e) {
        if (!source.mirror()) {
          mirrorFailures.forEach(e::addSuppressed);
          throw e;
        }
        mirrorFailures.add(e);
      }
    }
    throw new IllegalStateException("the primary location is always the last source");
  }

  /**
   * {@code verifying} from a mirror, remembering the mirror as corrupt for {@code digest} when the
   * content does not match: when a read finds it out, and also when the reader stopped after
   * exactly the expected size without reading the end (an upload that streams a copied blob sends
   * {@code Content-Length} bytes; the target registry then refuses the digest, and this stream
   * checks it on close so that the retry goes to the next source).
   */
  InputStream watching(
      PullSource source, Digest digest, VerifyingInputStream verifying, long expectedSize) {
    if (!source.mirror()) {
      return verifying;
    }
    return new FilterInputStream(verifying) {
      @Override
      public int read() throws IOException {
        try {
          return super.read();
        } catch (DigestMismatchException e) {
          corrupt.add(key(source, digest));
          throw e;
        }
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        try {
          return super.read(b, off, len);
        } catch (DigestMismatchException e) {
          corrupt.add(key(source, digest));
          throw e;
        }
      }

      @Override
      public void close() throws IOException {
        try {
          if (expectedSize >= 0 && verifying.size() == expectedSize) {
            verifying.read(); // the end of the body: verifies the digest
          }
        } catch (DigestMismatchException e) {
          corrupt.add(key(source, digest));
        } catch (IOException e) {
          // Closing anyway; the reader has its own outcome.
        } finally {
          super.close();
        }
      }
    };
  }

  /**
   * How many of the mirrors for {@code digest} in {@code repository} served it corrupt: a retry
   * skips them.
   */
  long corruptMirrors(Repository repository, Digest digest) throws RegistryException {
    if (corrupt.isEmpty()) {
      return 0;
    }
    return routing
        .pullSources(ImageReference.of(repository, digest), "GET blob " + repository + "@" + digest)
        .stream()
        .filter(s -> s.mirror() && corrupt.contains(key(s, digest)))
        .count();
  }

  private static String key(PullSource source, Digest digest) {
    return source.repository().registry() + "/" + source.repository().path() + "@" + digest;
  }
}
