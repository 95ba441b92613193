package dev.registrykit.client.remote;

import dev.registrykit.client.BlobContent;
import dev.registrykit.client.BlobResult;
import dev.registrykit.client.ProgressListener;
import dev.registrykit.client.RegistryClient;
import dev.registrykit.core.digest.Digest;
import dev.registrykit.core.image.Layer;
import dev.registrykit.core.reference.Repository;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Moves a set of blobs into one repository on a bounded pool: HEAD-skip, mount, upload (see {@link
 * RegistryClient#ensureBlob}), with progress events. Fails with the first failure once every
 * started blob has finished or been cancelled; the manifest is never pushed by this class.
 */
final class BlobTransfers {
  private static final AtomicInteger POOL_ID = new AtomicInteger();

  /**
   * One blob to transfer.
   *
   * @param source for a blob read from a registry, the client and repository it is read from: a
   *     mirror there that serves it corrupt is left for the next source ({@link
   *     RegistryClient#retryingCorruptMirrors})
   */
  record Job(
      Digest digest,
      long size,
      BlobContent content,
      List<Repository> mountCandidates,
      Optional<Source> source) {
    /** A blob whose content is local (or read through {@link Layer}). */
    Job(Digest digest, long size, BlobContent content, List<Repository> mountCandidates) {
      this(digest, size, content, mountCandidates, Optional.empty());
    }
  }

  /** Where a copied blob is read from. */
  record Source(RegistryClient client, Repository repository) {}

  private BlobTransfers() {}

  static List<BlobResult> run(
      RegistryClient target, Repository repository, List<Job> jobs, TransferOptions options)
      throws IOException {
    Map<Digest, Job> distinct = new LinkedHashMap<>();
    for (Job job : jobs) {
      distinct.putIfAbsent(job.digest(), job);
    }
    if (distinct.isEmpty()) {
      return List.of();
    }
    List<Callable<BlobResult>> tasks = new ArrayList<>();
    for (Job job : distinct.values()) {
      tasks.add(() -> transfer(target, repository, job, options.listener()));
    }
    return parallel(tasks, options.parallelism(), repository.toString());
  }

  /**
   * Runs {@code tasks} on a bounded pool of daemon threads and returns their results in order; on
   * the first failure, whichever task it comes from, the other tasks are cancelled and that failure
   * is thrown.
   */
  static <T> List<T> parallel(List<Callable<T>> tasks, int parallelism, String what)
      throws IOException {
    if (tasks.isEmpty()) {
      return List.of();
    }
    int threads = Math.min(parallelism, tasks.size());
    ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads());
    try {
      // Completion order, not submission order: a failing blob must not wait behind a large one.
      CompletionService<T> completions = new ExecutorCompletionService<>(pool);
      Map<Future<T>, Integer> positions = new HashMap<>();
      for (int i = 0; i < tasks.size(); i++) {
        positions.put(completions.submit(tasks.get(i)), i);
      }
      List<T> results = new ArrayList<>(Collections.nCopies(tasks.size(), null));
      for (int finished = 0; finished < tasks.size(); finished++) {
        Future<T> future;
        try {
          future = completions.take();
          results.set(Objects.requireNonNull(positions.get(future), "submitted"), future.get());
        } catch (ExecutionException e) {
          IOException failure = unwrap(e.getCause());
          // Let the cancelled tasks stop before reporting, so that what they leave behind (a pull's
          // temporary file, an upload session) is cleaned up by the time the caller sees the
          // failure. They stop at their next file read or write (interruptible channels) or when
          // their current network read returns or times out.
          positions.keySet().forEach(other -> other.cancel(true));
          pool.shutdownNow();
          awaitQuietly(pool);
          throw failure;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while transferring blobs of " + what);
        }
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  private static void awaitQuietly(ExecutorService pool) {
    try {
      while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
        // Keep waiting: the tasks were interrupted and end on their own.
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static BlobResult transfer(
      RegistryClient target, Repository repository, Job job, ProgressListener listener)
      throws IOException {
    listener.blobStarted(job.digest(), job.size());
    RegistryClient.BlobTransfer<BlobResult> ensure =
        () ->
            target.ensureBlob(
                repository,
                job.digest(),
                job.size(),
                job.content(),
                job.mountCandidates(),
                listener);
    // A copy whose source mirror served the blob corrupt uploads it again from the next source: the
    // target registry never stored the corrupt bytes (they were refused on the way, by the
    // verifying source stream or the registry's digest check).
    BlobResult result =
        job.source().isPresent()
            ? job.source()
                .get()
                .client()
                .retryingCorruptMirrors(job.source().get().repository(), job.digest(), ensure)
            : ensure.call();
    switch (result.outcome()) {
      case ALREADY_PRESENT:
        listener.blobSkipped(job.digest(), result.size());
        break;
      case MOUNTED:
        listener.blobMounted(job.digest(), result.size(), result.mountedFrom().orElse(repository));
        break;
      default:
        listener.blobDone(job.digest(), result.size());
    }
    return result;
  }

  private static IOException unwrap(@Nullable Throwable cause) {
    if (cause instanceof IOException io) {
      return io;
    }
    if (cause instanceof UncheckedIOException unchecked) {
      // Never null: UncheckedIOException requires its cause.
      return Objects.requireNonNull(unchecked.getCause());
    }
    if (cause instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new IOException(cause);
  }

  private static ThreadFactory daemonThreads() {
    int id = POOL_ID.incrementAndGet();
    AtomicInteger n = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "registrykit-blobs-" + id + "-" + n.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
