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
      } else if (isControl(c)) {
        sb.append("\\x").append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
      } else if (isUnsafe(text, i)) {
        appendUnicodeEscape(sb, c);
      } else {
        sb.append(c);
      }
    }
    if (end < text.length()) {
      sb.append('…');
    }
    return sb.toString();
  }

  /**
   * JSON text made safe to display while it stays the same JSON, for a document a registry supplied
   * (a manifest, a config) printed to a terminal. Inside strings, every character {@link #display}
   * would escape, line breaks and tabs included (JSON allows none of them raw there), becomes the
   * JSON escape {@code \}{@code uHHHH}, which a JSON reader turns back into the same character.
   * Between values the layout stays: spaces, tabs and line breaks, except a carriage return that
   * does not end a line, which becomes a line feed (it would let later text overwrite the line).
   * Anything else {@link #display} would escape found there (not JSON, then) becomes {@code
   * \}{@code uHHHH} as well. Text that needs none of this is returned as it is.
   *
   * @see <a href="https://www.rfc-editor.org/rfc/rfc8259#section-7">RFC 8259 section 7: strings and
   *     their escapes</a>
   */
  public static String displayJson(String json) {
    Objects.requireNonNull(json, "json");
    StringBuilder sb = null;
    boolean inString = false;
    boolean escaped = false; // the previous character was a backslash inside a string
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      String replacement = null;
      if (inString) {
        if (isUnsafe(json, i)) {
          // After a backslash, "u" + the code makes the whole a JSON escape of the character.
          replacement = (escaped ? "" : "\\") + unicodeEscape(c);
        } else if (!escaped && c == '"') {
          inString = false;
        }
        escaped = !escaped && c == '\\';
      } else if (c == '"') {
        inString = true;
      } else if (c == '\r') {
        if (i + 1 >= json.length() || json.charAt(i + 1) != '\n') {
          replacement = "\n";
        }
      } else if (c != '\n' && c != '\t' && isUnsafe(json, i)) {
        replacement = "\\" + unicodeEscape(c);
      }
      if (replacement != null && sb == null) {
        sb = new StringBuilder(json.length() + 16).append(json, 0, i);
      }
      if (sb != null) {
        if (replacement != null) {
          sb.append(replacement);
        } else {
          sb.append(c);
        }
      }
    }
    return sb == null ? json : sb.toString();
  }

  private static boolean isSafe(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (isUnsafe(text, i)) {
        return false;
      }
    }
    return true;
  }

  /** Whether the character at {@code i} is one a terminal could act on: the class's rule. */
  private static boolean isUnsafe(String text, int i) {
    char c = text.charAt(i);
    return isControl(c) || isBidiControl(c) || isLoneSurrogate(text, i);
  }

  /** C0 controls, {@code DEL}, C1 controls. */
  private static boolean isControl(char c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f);
  }

  private static void appendUnicodeEscape(StringBuilder sb, char c) {
    sb.append('\\').append(unicodeEscape(c));
  }

  /** {@code uHHHH}: the escape of {@code c} after its backslash. */
  private static String unicodeEscape(char c) {
    return new String(
        new char[] {
          'u', HEX[(c >> 12) & 0xf], HEX[(c >> 8) & 0xf], HEX[(c >> 4) & 0xf], HEX[c & 0xf]
        });
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
