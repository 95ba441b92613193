package dev.registrykit.core.reference;

import dev.registrykit.core.reference.InvalidReferenceException.Reason;

/** Builds {@link InvalidReferenceException}s with uniform, bounded, printable messages. */
final class ReferenceErrors {
  /**
   * Inputs are quoted up to this many characters, so a 100k-character input gives a short message.
   */
  private static final int MAX_QUOTED = 100;

  /** {@code <what>: "<part>"}. */
  static InvalidReferenceException of(Reason reason, String what, String part) {
    return new InvalidReferenceException(reason, what + ": " + quote(part));
  }

  /**
   * {@code <what>: unexpected character 'x' at position N in "<input>"}, or "unexpected end" when
   * {@code position} is the input's length.
   */
  static InvalidReferenceException at(Reason reason, String what, String input, int position) {
    String found =
        position >= input.length()
            ? "unexpected end at position " + position
            : "unexpected character "
                + describe(input.charAt(position))
                + " at position "
                + position;
    return new InvalidReferenceException(reason, what + ": " + found + " in " + quote(input));
  }

  /** The input in double quotes, control characters escaped, long inputs cut with their length. */
  static String quote(String s) {
    boolean cut = s.length() > MAX_QUOTED;
    String shown = cut ? s.substring(0, MAX_QUOTED) : s;
    StringBuilder b = new StringBuilder(shown.length() + 24).append('"');
    for (int i = 0; i < shown.length(); i++) {
      appendEscaped(b, shown.charAt(i));
    }
    b.append('"');
    if (cut) {
      b.append("…(").append(s.length()).append(" characters)");
    }
    return b.toString();
  }

  private static String describe(char c) {
    StringBuilder b = new StringBuilder("'");
    appendEscaped(b, c);
    return b.append('\'').toString();
  }

  private static void appendEscaped(StringBuilder b, char c) {
    switch (c) {
      case '\n' -> b.append("\\n");
      case '\r' -> b.append("\\r");
      case '\t' -> b.append("\\t");
      case '"' -> b.append("\\\"");
      case '\\' -> b.append("\\\\");
      default -> {
        if (c < 0x20 || c == 0x7f || Character.isSurrogate(c)) {
          b.append(String.format("\\u%04x", (int) c));
        } else {
          b.append(c);
        }
      }
    }
  }

  private ReferenceErrors() {}
}
