package dev.acepipe.report.html;

/** Escaping for text and attribute values in HTML and SVG. */
final class Html {
  private Html() {}

  /**
   * {@code s} safe inside element text and double- or single-quoted attributes. Control characters
   * other than tab and newline are dropped: they are invalid in HTML and mean nothing to a reader.
   */
  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> {
          if (c >= 0x20 && c != 0x7F || c == '\n' || c == '\t') {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  /**
   * A relative path as a URL reference: each segment percent-encoded, so a file named {@code a#1
   * b.wav} still resolves and nothing in it can become a scheme or a query.
   */
  static String relativeUrl(String relativePath) {
    StringBuilder b = new StringBuilder();
    for (String seg : relativePath.split("/", -1)) {
      if (b.length() > 0) {
        b.append('/');
      }
      b.append(
          java.net.URLEncoder.encode(seg, java.nio.charset.StandardCharsets.UTF_8)
              .replace("+", "%20"));
    }
    // ':' is encoded too, so no segment can read as a scheme.
    return b.toString();
  }

  /**
   * Opens an inline {@code <svg>} image of {@code width} × {@code height} user units (the view box
   * equals the size), with a CSS class and an accessible label.
   */
  static void openSvg(StringBuilder b, String cssClass, String label, int width, int height) {
    b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"")
        .append(cssClass)
        .append("\" role=\"img\" aria-label=\"")
        .append(esc(label))
        .append("\" width=\"")
        .append(width)
        .append("\" height=\"")
        .append(height)
        .append("\" viewBox=\"0 0 ")
        .append(width)
        .append(' ')
        .append(height)
        .append("\">\n");
  }
}
