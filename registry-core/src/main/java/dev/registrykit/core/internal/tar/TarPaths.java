package dev.registrykit.core.internal.tar;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
  public static Optional<String> safeRelative(String name) {
    if (name.isEmpty() || name.startsWith("/") || name.indexOf('\0') >= 0 || name.indexOf('\\') >= 0) {
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
