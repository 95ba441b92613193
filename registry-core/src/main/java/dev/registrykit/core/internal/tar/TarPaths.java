package dev.registrykit.core.internal.tar;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Checks and normalizes entry names so that no name can address anything outside its root. */
public final class TarPaths {
  private TarPaths() {}

  /**
   * The normalized form of a relative entry name: {@code .} segments, repeated slashes and a
   * trailing slash removed ({@code ./a//b/} → {@code a/b}).
   *
   * @return empty when the name is absolute, contains a {@code ..} segment, a NUL or a backslash,
   *     or names the root itself — anything that could escape a target directory
   */
  /**
   * The normalized name of an entry read from an archive that is never extracted, only looked up by
   * name (an OCI layout tar, a {@code docker save} archive).
   *
   * @param entry the entry
   * @param unsafe makes the exception for a name that could escape, given the raw name
   * @return the {@link #safeRelative safe relative} name, or empty for a directory entry naming the
   *     root itself ({@code ./}, as {@code tar -C dir .} writes), which readers skip
   * @throws E when the name is absolute, climbs with {@code ..}, or is otherwise unsafe
   */
  public static <E extends Exception> Optional<String> entryName(
      TarEntry entry, Function<String, E> unsafe) throws E {
    Optional<String> name = safeRelative(entry.name());
    if (name.isEmpty() && !(entry.type() == TarEntry.Type.DIRECTORY && isRoot(entry.name()))) {
      throw unsafe.apply(entry.name());
    }
    return name;
  }

  /** {@code .}, {@code ./}, {@code .//./}: relative, and nothing but {@code .} segments. */
  private static boolean isRoot(String name) {
    if (name.isEmpty() || name.startsWith("/")) {
      return false;
    }
    for (String segment : name.split("/", -1)) {
      if (!segment.isEmpty() && !segment.equals(".")) {
        return false;
      }
    }
    return true;
  }

  public static Optional<String> safeRelative(String name) {
    if (name.isEmpty()
        || name.startsWith("/")
        || name.indexOf('\0') >= 0
        || name.indexOf('\\') >= 0) {
      return Optional.empty();
    }
    List<String> segments = new ArrayList<>();
    for (String segment : name.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        return Optional.empty();
      }
      segments.add(segment);
    }
    if (segments.isEmpty()) {
      return Optional.empty();
    }
    // Windows drive letters ("C:") would make a path absolute there.
    if (segments.get(0).length() == 2 && segments.get(0).charAt(1) == ':') {
      return Optional.empty();
    }
    return Optional.of(String.join("/", segments));
  }
}
