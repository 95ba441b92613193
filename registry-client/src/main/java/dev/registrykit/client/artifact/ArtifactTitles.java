package dev.registrykit.client.artifact;

import java.util.Optional;

/**
 * The one rule for a file's title ({@code org.opencontainers.image.title}): a relative path of
 * {@code /}-separated names that stays below the directory it is pulled into, and names a file.
 */
final class ArtifactTitles {
  /** The annotation that names a layer's file. */
  static final String TITLE = "org.opencontainers.image.title";

  private ArtifactTitles() {}

  /**
   * Why {@code title} cannot name a file below a directory, or empty when it can: it must not be
   * empty, absolute (also as a Windows drive), end in {@code /} (a directory), contain {@code .},
   * {@code ..} or empty segments, a backslash, a NUL or another control character.
   */
  static Optional<String> problem(String title) {
    if (title.isEmpty()) {
      return Optional.of("the title is empty");
    }
    if (title.startsWith("/")) {
      return Optional.of("the title is an absolute path");
    }
    if (title.endsWith("/")) {
      return Optional.of("the title names a directory");
    }
    for (int i = 0; i < title.length(); i++) {
      char c = title.charAt(i);
      if (c == '\\') {
        return Optional.of("the title contains a backslash");
      }
      if (c < 0x20 || c == 0x7f) {
        return Optional.of("the title contains a control character");
      }
    }
    String[] segments = title.split("/", -1);
    for (String segment : segments) {
      if (segment.isEmpty() || segment.equals(".")) {
        return Optional.of("the title has an empty or \".\" segment");
      }
      if (segment.equals("..")) {
        return Optional.of("the title climbs out of its directory with \"..\"");
      }
    }
    // "C:" and "C:name" address a drive on Windows.
    if (segments[0].length() >= 2
        && segments[0].charAt(1) == ':'
        && Character.isLetter(segments[0].charAt(0))) {
      return Optional.of("the title starts with a drive letter");
    }
    return Optional.empty();
  }
}
