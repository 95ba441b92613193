package dev.registrykit.client.remote;

import dev.registrykit.client.ProgressListener;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.reference.ImageReference;
import dev.registrykit.core.reference.Repository;
import java.util.Map;

/**
 * Passes every event on to the caller's listener, noting which repository served each blob: the
 * last source named for a digest is the one whose bytes were kept (a mirror that served a corrupt
 * copy is followed by the next source).
 */
final class RecordingSources implements ProgressListener {
  private final ProgressListener delegate;
  private final Map<Digest, Repository> servedBy;

  RecordingSources(ProgressListener delegate, Map<Digest, Repository> servedBy) {
    this.delegate = delegate;
    this.servedBy = servedBy;
  }

  @Override
  public void blobServedBy(Digest digest, Repository source) {
    servedBy.put(digest, source);
    delegate.blobServedBy(digest, source);
  }

  @Override
  public void blobStarted(Digest digest, long totalBytes) {
    delegate.blobStarted(digest, totalBytes);
  }

  @Override
  public void blobProgress(Digest digest, long bytesDone, long totalBytes) {
    delegate.blobProgress(digest, bytesDone, totalBytes);
  }

  @Override
  public void blobSkipped(Digest digest, long size) {
    delegate.blobSkipped(digest, size);
  }

  @Override
  public void blobMounted(Digest digest, long size, Repository from) {
    delegate.blobMounted(digest, size, from);
  }

  @Override
  public void blobDone(Digest digest, long size) {
    delegate.blobDone(digest, size);
  }

  @Override
  public void manifestPushed(ImageReference reference, Digest digest, long size) {
    delegate.manifestPushed(reference, digest, size);
  }
}
