package dev.acepipe.diagnostic;

import java.io.PrintWriter;
import java.util.List;

/**
 * Prints diagnostics for people, one block each:
 *
 * <pre>
 * night-drive.yaml:14:11: error[unknown-step]: 'from: draf' names no step
 *     from: draf
 *           ^
 * hint: did you mean 'draft'?
 * </pre>
 *
 * The source line is printed as written (tabs kept, so the caret lines up); it is left out when the
 * location is outside the text. Very long lines are cut around the caret.
 */
public final class DiagnosticPrinter {
  private static final int MAX_LINE = 160;

  private DiagnosticPrinter() {}

  /**
   * Prints each diagnostic with the source line of the file it points into ({@code sources} by
   * display name; a file not in the map gets no source line).
   */
  public static void print(
      List<Diagnostic> diagnostics, java.util.Map<String, List<String>> sources, PrintWriter out) {
    for (Diagnostic d : diagnostics) {
      print(d, sources.getOrDefault(d.location().file(), List.of()), out);
    }
  }

  public static void print(List<Diagnostic> diagnostics, List<String> lines, PrintWriter out) {
    for (Diagnostic d : diagnostics) {
      print(d, lines, out);
    }
  }

  public static void print(Diagnostic d, List<String> lines, PrintWriter out) {
    out.println(d);
    int line = d.location().line();
    if (line <= lines.size()) {
      String source = lines.get(line - 1);
      int col = Math.min(d.location().column() - 1, source.length());
      int from = 0;
      if (source.length() > MAX_LINE) {
        from = Math.max(0, Math.min(col - MAX_LINE / 2, source.length() - MAX_LINE));
        source = source.substring(from, Math.min(source.length(), from + MAX_LINE));
        col -= from;
      }
      out.println(printable(source));
      StringBuilder caret = new StringBuilder();
      for (int i = 0; i < col && i < source.length(); i++) {
        caret.append(source.charAt(i) == '\t' ? '\t' : ' ');
      }
      out.println(caret.append('^'));
    }
    d.hintText().ifPresent(h -> out.println("hint: " + h));
  }

  /** Control characters would garble the terminal (binary input); show them as '?'. */
  private static String printable(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints()
        .forEach(
            c ->
                b.appendCodePoint(
                    c == '\t' || (c >= 0x20 && c != 0x7f && !(c >= 0x80 && c < 0xa0)) ? c : '?'));
    return b.toString();
  }
}
