package dev.acepipe.report.junit;

/** Escaping for XML 1.0 text and attribute values. */
final class XmlText {
  private XmlText() {}

  /**
   * {@code s} safe in element text and in double-quoted attributes: markup characters escaped,
   * characters XML 1.0 forbids (most C0 controls, lone surrogates, U+FFFE/U+FFFF) removed, since no
   * escape makes them legal. Tabs and line breaks in attributes become character references so a
   * parser keeps them.
   */
  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        b.append(c).append(s.charAt(++i));
        continue;
      }
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&apos;");
        case '\t' -> b.append("&#9;");
        case '\n' -> b.append("&#10;");
        case '\r' -> b.append("&#13;");
        default -> {
          if (legal(c)) {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  private static boolean legal(char c) {
    return c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD;
  }
}
