package dev.registrykit.core.internal.tar;

import java.util.Objects;

/**
 * One tar entry's header, after PAX and GNU extensions have been applied.
 *
 * @param name the entry's path as stored (directories usually end with {@code /})
 * @param type what the entry is
 * @param mode permission bits (e.g. {@code 0644})
 * @param uid owner id
 * @param gid group id
 * @param userName owner name, possibly empty
 * @param groupName group name, possibly empty
 * @param modificationTime seconds since the epoch
 * @param size content length in bytes (0 for everything but regular files)
 * @param linkName the target of a symbolic or hard link, empty otherwise
 */
public record TarEntry(
    String name,
    Type type,
    int mode,
    long uid,
    long gid,
    String userName,
    String groupName,
    long modificationTime,
    long size,
    String linkName) {

  /** The kinds of entry a layer can hold. */
  public enum Type {
    /** A regular file, with content. */
    FILE,
    /** A directory. */
    DIRECTORY,
    /** A symbolic link to {@link TarEntry#linkName()}. */
    SYMLINK,
    /** A hard link to the earlier entry {@link TarEntry#linkName()}. */
    HARDLINK,
    /** A device, FIFO or unknown type. */
    OTHER
  }

  /** Validates the components. */
  public TarEntry {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(userName, "userName");
    Objects.requireNonNull(groupName, "groupName");
    Objects.requireNonNull(linkName, "linkName");
    if (size < 0 || uid < 0 || gid < 0) {
      throw new IllegalArgumentException("size, uid and gid must not be negative: " + name);
    }
    if (type != Type.FILE && type != Type.OTHER && size != 0) {
      throw new IllegalArgumentException("only regular files have content: " + name);
    }
  }

  /** A regular file entry owned by root, with the given mode and modification time. */
  public static TarEntry file(String name, long size, int mode, long modificationTime) {
    return new TarEntry(name, Type.FILE, mode, 0, 0, "", "", modificationTime, size, "");
  }

  /** A directory entry owned by root; a trailing {@code /} is added when missing. */
  public static TarEntry directory(String name, int mode, long modificationTime) {
    String dirName = name.endsWith("/") ? name : name + "/";
    return new TarEntry(dirName, Type.DIRECTORY, mode, 0, 0, "", "", modificationTime, 0, "");
  }

  /** A copy with another owner. */
  public TarEntry withOwner(long newUid, long newGid, String newUserName, String newGroupName) {
    return new TarEntry(
        name,
        type,
        mode,
        newUid,
        newGid,
        newUserName,
        newGroupName,
        modificationTime,
        size,
        linkName);
  }
}
