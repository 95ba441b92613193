package dev.registrykit.testkit.internal.storage;

import dev.registrykit.core.digest.Digest;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Everything a fake registry stores: blob contents (each distinct content once), per-repository
 * blob links, manifests, tags and open upload sessions.
 *
 * <p>Thread-safe. Reads share a lock and mutations take it exclusively; hashing and copying happen
 * outside the lock, so parallel pushes of large blobs do not serialize on it.
 */
public final class RegistryStorage {
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<Digest, BlobContent> contents = new HashMap<>();
  private final Map<String, Repo> repositories = new HashMap<>();
  private final Map<String, UploadSession> uploads = new ConcurrentHashMap<>();
  private final AtomicLong uploadSequence = new AtomicLong();
  private final Clock clock;
  private final Duration uploadExpiry;
  private final HeapBudget budget = HeapBudget.ofThisJvm();
  private final ChunkSizes chunkSizes = ChunkSizes.ofThisJvm();

  /** Where upload bytes go when blobs are kept on disk; null for the heap. */
  private final @Nullable Path uploadDirectory;

  private final AtomicLong uploadFileSequence = new AtomicLong();

  /** A new, empty storage in the heap whose upload sessions never expire. */
  public RegistryStorage() {
    this(Clock.systemUTC(), Duration.ZERO, null);
  }

  private RegistryStorage(Clock clock, Duration uploadExpiry, @Nullable Path uploadDirectory) {
    this.clock = Objects.requireNonNull(clock, "clock");
    if (uploadExpiry.isNegative()) {
      throw new IllegalArgumentException("upload expiry must not be negative");
    }
    this.uploadExpiry = uploadExpiry;
    this.uploadDirectory = uploadDirectory;
  }

  /**
   * A new, empty storage that keeps blob contents in the heap.
   *
   * @param clock the clock upload sessions age by
   * @param uploadExpiry how long an upload session may stay untouched before it is dropped; zero
   *     for never
   * @return the storage
   */
  public static RegistryStorage inMemory(Clock clock, Duration uploadExpiry) {
    return new RegistryStorage(clock, uploadExpiry, null);
  }

  /**
   * A new, empty storage that writes uploaded blobs to files under {@code directory} and serves
   * them from those files mapped into memory, outside the heap: for images larger than the heap.
   *
   * @param directory the directory (created if needed); its {@code uploads} subdirectory must be
   *     empty or absent
   * @param clock the clock upload sessions age by
   * @param uploadExpiry how long an upload session may stay untouched before it is dropped; zero
   *     for never
   * @return the storage
   * @throws IOException if the directory cannot be created
   */
  public static RegistryStorage onDisk(Path directory, Clock clock, Duration uploadExpiry)
      throws IOException {
    Path uploads = Files.createDirectories(directory.resolve("uploads"));
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(uploads)) {
      if (entries.iterator().hasNext()) {
        throw new IOException("the storage directory's uploads folder is not empty: " + uploads);
      }
    }
    return new RegistryStorage(clock, uploadExpiry, uploads);
  }

  private SessionBytes newSessionBytes() {
    Path dir = uploadDirectory;
    return dir == null
        ? new HeapBytes(budget, chunkSizes)
        : new FileBytes(dir.resolve(Long.toString(uploadFileSequence.incrementAndGet())));
  }

  private static final class Repo {
    final Set<Digest> blobs = new HashSet<>();
    final Map<Digest, StoredManifest> manifests = new HashMap<>();
    final TreeMap<String, Digest> tags = new TreeMap<>();

    boolean isEmpty() {
      return blobs.isEmpty() && manifests.isEmpty() && tags.isEmpty();
    }
  }

  private <T> T read(Supplier<T> action) {
    lock.readLock().lock();
    try {
      return action.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  private <T> T write(Supplier<T> action) {
    lock.writeLock().lock();
    try {
      return action.get();
    } finally {
      lock.writeLock().unlock();
    }
  }

  // ---- blobs ----

  /**
   * Links {@code content} as blob {@code digest} in {@code repository}. When the registry already
   * holds this content (in any repository), the held copy is kept and {@code content} is dropped.
   *
   * @param repository the repository name
   * @param digest the digest of {@code content}; the caller has verified it
   * @param content the content
   */
  public void putBlob(String repository, Digest digest, BlobContent content) {
    write(
        () -> {
          if (contents.putIfAbsent(digest, content) == null && uploadDirectory == null) {
            budget.add(content.size());
          }
          repositories.computeIfAbsent(repository, r -> new Repo()).blobs.add(digest);
          return null;
        });
  }

  /**
   * The blob {@code digest} as linked in {@code repository}.
   *
   * @param repository the repository name
   * @param digest the blob digest
   * @return the content, or empty when the repository does not link that blob
   */
  public Optional<BlobContent> blob(String repository, Digest digest) {
    return read(
        () -> {
          Repo repo = repositories.get(repository);
          if (repo == null || !repo.blobs.contains(digest)) {
            return Optional.empty();
          }
          return Optional.ofNullable(contents.get(digest));
        });
  }

  /**
   * The content with {@code digest}, whichever repository links it.
   *
   * @param digest the digest
   * @return the content, or empty
   */
  public Optional<BlobContent> content(Digest digest) {
    return read(() -> Optional.ofNullable(contents.get(digest)));
  }

  /**
   * Links blob {@code digest} from repository {@code from} into {@code to}.
   *
   * @param from the source repository
   * @param to the target repository
   * @param digest the blob
   * @return whether {@code from} had it (and {@code to} now has it)
   */
  public boolean mount(String from, String to, Digest digest) {
    return write(
        () -> {
          Repo source = repositories.get(from);
          if (source == null || !source.blobs.contains(digest)) {
            return false;
          }
          repositories.computeIfAbsent(to, r -> new Repo()).blobs.add(digest);
          return true;
        });
  }

  /**
   * The repositories linking blob {@code digest}, sorted.
   *
   * @param digest the blob
   * @return repository names
   */
  public List<String> repositoriesWithBlob(Digest digest) {
    return read(
        () -> {
          List<String> names = new ArrayList<>();
          repositories.forEach(
              (name, repo) -> {
                if (repo.blobs.contains(digest)) {
                  names.add(name);
                }
              });
          names.sort(null);
          return names;
        });
  }

  /**
   * Unlinks blob {@code digest} from {@code repository}; the content is dropped when no repository
   * links it any more.
   *
   * @param repository the repository name
   * @param digest the blob
   * @return whether the repository linked it
   */
  public boolean deleteBlob(String repository, Digest digest) {
    return write(
        () -> {
          Repo repo = repositories.get(repository);
          if (repo == null || !repo.blobs.remove(digest)) {
            return false;
          }
          boolean stillLinked =
              repositories.values().stream().anyMatch(r -> r.blobs.contains(digest));
          if (!stillLinked) {
            BlobContent removed = contents.remove(digest);
            if (removed != null && uploadDirectory == null) {
              budget.release(removed.size());
            }
          }
          if (repo.isEmpty()) {
            repositories.remove(repository);
          }
          return true;
        });
  }

  /**
   * The blobs linked in {@code repository}, sorted.
   *
   * @param repository the repository name
   * @return digests
   */
  public Set<Digest> blobs(String repository) {
    return read(
        () -> {
          Repo repo = repositories.get(repository);
          return repo == null ? Set.of() : Set.copyOf(new TreeSet<>(repo.blobs));
        });
  }

  /**
   * The number of distinct contents held (each stored once, however many repositories link it).
   *
   * @return the count
   */
  public int distinctBlobCount() {
    return read(contents::size);
  }

  /**
   * The total size of the distinct contents held.
   *
   * @return bytes
   */
  public long distinctBlobBytes() {
    return read(() -> contents.values().stream().mapToLong(BlobContent::size).sum());
  }

  // ---- manifests and tags ----

  /**
   * Stores {@code manifest} in {@code repository} and points {@code tags} at it.
   *
   * @param repository the repository name
   * @param manifest the manifest
   * @param tags tags to point at it (may be empty)
   */
  public void putManifest(String repository, StoredManifest manifest, Collection<String> tags) {
    write(
        () -> {
          Repo repo = repositories.computeIfAbsent(repository, r -> new Repo());
          repo.manifests.put(manifest.digest(), manifest);
          for (String tag : tags) {
            repo.tags.put(tag, manifest.digest());
          }
          return null;
        });
  }

  /**
   * The manifest with digest {@code digest} in {@code repository}.
   *
   * @param repository the repository name
   * @param digest the manifest digest
   * @return the manifest, or empty
   */
  public Optional<StoredManifest> manifest(String repository, Digest digest) {
    return read(
        () -> {
          Repo repo = repositories.get(repository);
          return repo == null ? Optional.empty() : Optional.ofNullable(repo.manifests.get(digest));
        });
  }

  /**
   * The manifest tag {@code tag} points at in {@code repository}.
   *
   * @param repository the repository name
   * @param tag the tag
   * @return the manifest, or empty
   */
  public Optional<StoredManifest> manifestByTag(String repository, String tag) {
    return read(
        () -> {
          Repo repo = repositories.get(repository);
          if (repo == null) {
            return Optional.empty();
          }
          Digest digest = repo.tags.get(tag);
          return digest == null
              ? Optional.empty()
              : Optional.ofNullable(repo.manifests.get(digest));
        });
  }

  /**
   * All manifests of {@code repository}.
   *
   * @param repository the repository name
   * @return manifests, sorted by digest
   */
  public List<StoredManifest> manifests(String repository) {
    return read(
        () -> {
          Repo repo = repositories.get(repository);
          if (repo == null) {
            return List.of();
          }
          List<StoredManifest> all = new ArrayList<>(repo.manifests.values());
          all.sort((a, b) -> a.digest().compareTo(b.digest()));
          return List.copyOf(all);
        });
  }

  /**
   * The tags of {@code repository}, in ASCII order.
   *
   * @param repository the repository name
   * @return tags
   */
  public List<String> tags(String repository) {
    return read(
        () -> {
          Repo repo = repositories.get(repository);
          return repo == null ? List.of() : List.copyOf(repo.tags.keySet());
        });
  }

  /**
   * Removes tag {@code tag} (the manifest stays).
   *
   * @param repository the repository name
   * @param tag the tag
   * @return whether the tag existed
   */
  public boolean deleteTag(String repository, String tag) {
    return write(
        () -> {
          Repo repo = repositories.get(repository);
          if (repo == null || repo.tags.remove(tag) == null) {
            return false;
          }
          if (repo.isEmpty()) {
            repositories.remove(repository);
          }
          return true;
        });
  }

  /**
   * Removes manifest {@code digest} and every tag pointing at it.
   *
   * @param repository the repository name
   * @param digest the manifest digest
   * @return whether the manifest existed
   */
  public boolean deleteManifest(String repository, Digest digest) {
    return write(
        () -> {
          Repo repo = repositories.get(repository);
          if (repo == null || repo.manifests.remove(digest) == null) {
            return false;
          }
          repo.tags.values().removeIf(digest::equals);
          if (repo.isEmpty()) {
            repositories.remove(repository);
          }
          return true;
        });
  }

  // ---- repositories ----

  /**
   * Whether {@code repository} holds anything (a blob, a manifest or a tag).
   *
   * @param repository the repository name
   * @return whether it exists
   */
  public boolean repositoryExists(String repository) {
    return read(() -> repositories.containsKey(repository));
  }

  /**
   * The repositories holding anything, in ASCII order.
   *
   * @return repository names
   */
  public List<String> repositories() {
    return read(() -> List.copyOf(new TreeSet<>(repositories.keySet())));
  }

  // ---- uploads ----

  /**
   * Opens an upload session in {@code repository}. Ids are sequential UUIDs ({@code
   * 00000000-0000-0000-0000-000000000001}, …) so runs are reproducible.
   *
   * @param repository the repository name
   * @return the session
   */
  public UploadSession startUpload(String repository) {
    Instant now = clock.instant();
    expireUploads(now);
    String id = new UUID(0, uploadSequence.incrementAndGet()).toString();
    UploadSession session = new UploadSession(id, repository, now, newSessionBytes());
    uploads.put(id, session);
    return session;
  }

  /**
   * The open session {@code id}, marked as active now.
   *
   * @param id the session id
   * @return the session, or empty when unknown, completed, cancelled or expired
   */
  public Optional<UploadSession> upload(String id) {
    Instant now = clock.instant();
    expireUploads(now);
    UploadSession session = uploads.get(id);
    if (session != null) {
      session.touch(now);
    }
    return Optional.ofNullable(session);
  }

  /**
   * A session for a single-request upload ({@code POST ?digest=}): not listed among the open
   * uploads, dropped with its bytes if the upload is refused.
   *
   * @param repository the repository name
   * @return the session
   */
  public UploadSession scratchUpload(String repository) {
    return new UploadSession("single-request", repository, clock.instant(), newSessionBytes());
  }

  /**
   * How many more bytes of content the storage can take (see {@link HeapBudget}). An upload
   * declaring more is refused before a byte is read.
   *
   * @return bytes
   */
  public long capacity() {
    Path dir = uploadDirectory;
    if (dir == null) {
      return budget.remaining();
    }
    try {
      return Files.getFileStore(dir).getUsableSpace();
    } catch (IOException e) {
      return Long.MAX_VALUE;
    }
  }

  /**
   * Why an upload of {@code length} bytes is refused, naming the setting that would make room.
   *
   * @param length the declared length
   * @return the message
   */
  public String refusal(long length) {
    Path dir = uploadDirectory;
    if (dir == null) {
      return budget.refusal(length);
    }
    return "the fake registry's storage directory "
        + dir.getParent()
        + " has "
        + capacity()
        + " bytes free, not "
        + length;
  }

  /**
   * Gives a single-request upload's bytes back to the budget once it is stored or refused (stored
   * content is counted as a blob).
   *
   * @param scratch a session from {@link #scratchUpload(String)}
   */
  public void finishScratch(UploadSession scratch) {
    scratch.release();
  }

  /**
   * The time a request last touched a session, for upload expiry.
   *
   * @return the clock's instant
   */
  public Instant now() {
    return clock.instant();
  }

  /**
   * Drops the sessions untouched for longer than the upload expiry (abandoned uploads: a client
   * that died mid-push never completes or cancels them), with the bytes they hold.
   */
  private void expireUploads(Instant now) {
    if (uploadExpiry.isZero()) {
      return;
    }
    Instant cutoff = now.minus(uploadExpiry);
    uploads
        .values()
        .removeIf(
            session -> {
              boolean expired = session.lastActive().isBefore(cutoff);
              if (expired) {
                session.release();
              }
              return expired;
            });
  }

  /** Drops every open upload session (and the bytes they hold); content stays. */
  public void clearUploads() {
    uploads
        .values()
        .removeIf(
            session -> {
              session.release();
              return true;
            });
  }

  /**
   * Closes session {@code id} (completed or cancelled); its bytes are dropped.
   *
   * @param id the session id
   * @return whether it was open
   */
  public boolean removeUpload(String id) {
    UploadSession removed = uploads.remove(id);
    if (removed != null) {
      removed.release();
    }
    return removed != null;
  }

  /**
   * The ids of the open upload sessions.
   *
   * @return ids in creation order
   */
  public List<String> openUploads() {
    Set<String> ids = new LinkedHashSet<>(new TreeSet<>(uploads.keySet()));
    return List.copyOf(ids);
  }

  /** Drops everything and restarts upload ids at 1. */
  public void clear() {
    write(
        () -> {
          contents.clear();
          repositories.clear();
          uploads.values().forEach(UploadSession::release);
          uploads.clear();
          budget.clear();
          uploadSequence.set(0);
          return null;
        });
  }
}
