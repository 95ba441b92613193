package dev.registrykit.core.text;

import java.util.Objects;

/**
 * Makes text a remote party supplied safe for a terminal or a log line, before it becomes part of
 * an exception message or command-line output.
 *
 * <p>A registry controls its error messages, headers and token answers; printed raw, an {@code ESC}
 * sequence can rewrite the terminal (move the cursor, change the title, hide earlier lines), {@code
 * BEL} rings, and a bidirectional override ({@code U+202E}) makes the text read differently from
 * what it is. So:
 *
 * <ul>
 *   <li>line breaks and tabs become one space (a message stays on one line);
 *   <li>other C0 controls, {@code DEL} and the C1 controls ({@code U+0080}–{@code U+009F}) are
 *       escaped as {@code \xHH};
 *   <li>bidirectional controls ({@code U+061C}, {@code U+200E}, {@code U+200F}, {@code
 *       U+202A}–{@code U+202E}, {@code U+2066}–{@code U+2069}) and lone surrogates are escaped as
 *       {@code \}{@code uHHHH};
 *   <li>a backslash stays as it is: the escapes are for a reader, not to be decoded again.
 * </ul>
 *
 * @see <a href="https://www.unicode.org/reports/tr9/#Directional_Formatting_Characters">UAX #9,
 *     directional formatting characters</a>
 */
public final class UntrustedText {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private UntrustedText() {}

  /** {@code text} made safe to display; see the class documentation for the rule. */
  public static String display(String text) {
    return display(text, Integer.MAX_VALUE);
  }

  /**
   * {@code text} made safe to display and cut to at most {@code maxChars} characters of the
   * original, with {@code …} appended when cut.
   *
   * @throws IllegalArgumentException when {@code maxChars} is negative
   */
  public static String display(String text, int maxChars) {
    Objects.requireNonNull(text, "text");
    if (maxChars < 0) {
      throw new IllegalArgumentException("maxChars is negative: " + maxChars);
    }
    int end = Math.min(text.length(), maxChars);
    if (end > 0 && end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--; // do not cut a pair in half
    }
    if (end == text.length() && isSafe(text)) {
      return text;
    }
    StringBuilder sb = new StringBuilder(end + 16);
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r' || c == '\t') {
        sb.append(' ');
      } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
        sb.append("\\x").append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
      } else if (isBidiControl(c) || isLoneSurrogate(text, i)) {
        sb.append("\\u")
            .append(HEX[(c >> 12) & 0xf])
            .append(HEX[(c >> 8) & 0xf])
            .append(HEX[(c >> 4) & 0xf])
            .append(HEX[c & 0xf]);
      } else {
        sb.append(c);
      }
    }
    if (end < text.length()) {
      sb.append('…');
    }
    return sb.toString();
  }

  private static boolean isSafe(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || isBidiControl(c) || isLoneSurrogate(text, i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isBidiControl(char c) {
    return c == '\u061c'
        || c == '\u200e'
        || c == '\u200f'
        || (c >= '\u202a' && c <= '\u202e')
        || (c >= '\u2066' && c <= '\u2069');
  }

  private static boolean isLoneSurrogate(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
    }
    return false;
  }
}
