package dev.acepipe.album;

import dev.acepipe.audio.AudioFormat;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;

/**
 * Turns track titles into file names that are safe on Linux, macOS and Windows, and into one-line
 * display titles.
 */
public final class TrackNames {
  /**
   * UTF-8 bytes kept of a title in a file name: leaves room for the number and extension under 255.
   */
  static final int MAX_TITLE_BYTES = 200;

  private static final String WINDOWS_RESERVED = "<>:\"/\\|?*";

  private TrackNames() {}

  /**
   * {@code "01 - Title.flac"}: the number padded to two digits (three for albums of 100 tracks or
   * more), then the sanitized title.
   */
  public static String fileName(int number, int totalTracks, String title, AudioFormat format) {
    int width = Math.max(2, Integer.toString(totalTracks).length());
    String digits = String.format(Locale.ROOT, "%0" + width + "d", number);
    return digits + " - " + sanitize(title) + "." + format.extension();
  }

  /**
   * A title fit for a file name: Unicode NFC; control and line-separator characters become spaces;
   * the path separators and the other characters Windows reserves ({@code < > : " / \ | ? *})
   * become {@code _}; runs of whitespace collapse to one space; leading and trailing spaces and
   * trailing dots (which Windows drops) are removed; at most {@value #MAX_TITLE_BYTES} UTF-8 bytes,
   * cut between characters. A title with nothing left is {@code "Untitled"}.
   */
  public static String sanitize(String title) {
    String t = Normalizer.normalize(displayTitle(title), Normalizer.Form.NFC);
    StringBuilder b = new StringBuilder(t.length());
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      b.append(WINDOWS_RESERVED.indexOf(c) >= 0 ? '_' : c);
    }
    String s = truncateUtf8(b.toString(), MAX_TITLE_BYTES);
    s = stripTrailingDotsAndSpaces(s.strip());
    return s.isEmpty() ? "Untitled" : s;
  }

  /**
   * The title on one line for playlists and reports: control characters become spaces, whitespace
   * collapses.
   */
  public static String displayTitle(String title) {
    StringBuilder b = new StringBuilder(title.length());
    boolean space = false;
    for (int i = 0; i < title.length(); i++) {
      char c = title.charAt(i);
      boolean blank =
          Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSpaceChar(c);
      if (blank) {
        space = true;
      } else {
        if (space && b.length() > 0) {
          b.append(' ');
        }
        space = false;
        b.append(c);
      }
    }
    return b.toString();
  }

  private static String stripTrailingDotsAndSpaces(String s) {
    int end = s.length();
    while (end > 0 && (s.charAt(end - 1) == '.' || s.charAt(end - 1) == ' ')) {
      end--;
    }
    return s.substring(0, end);
  }

  private static String truncateUtf8(String s, int maxBytes) {
    if (s.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
      return s;
    }
    int bytes = 0;
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + len > maxBytes) {
        break;
      }
      bytes += len;
      i += Character.charCount(cp);
    }
    return s.substring(0, i);
  }
}
