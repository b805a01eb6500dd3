package dev.acepipe.validate;

import dev.acepipe.diagnostic.Codes;
import dev.acepipe.diagnostic.Diagnostic;
import dev.acepipe.dsl.Document;
import java.util.List;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Every string in a file is well-formed Unicode: a lone UTF-16 surrogate (written as a {@code
 * "\ud800"} escape) cannot be encoded as UTF-8, so a server would receive {@code ?} instead of what
 * was written.
 */
final class TextCheck {
  private TextCheck() {}

  /**
   * Adds a located {@code bad-text} error for each key or value of {@code doc} holding a lone
   * surrogate.
   */
  static void check(Document doc, List<Diagnostic> out) {
    visit(doc, doc.root(), out);
  }

  private static void visit(Document doc, Node node, List<Diagnostic> out) {
    if (node instanceof ScalarNode s) {
      int at = loneSurrogate(s.getValue());
      if (at >= 0) {
        out.add(
            Diagnostic.error(
                Codes.BAD_TEXT,
                doc.locate(node),
                "text holds a lone surrogate \\u"
                    + String.format("%04X", (int) s.getValue().charAt(at))
                    + " at character "
                    + (at + 1)
                    + ", which is not valid Unicode",
                "write the whole character, or remove the escape"));
      }
    } else if (node instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        visit(doc, t.getKeyNode(), out);
        visit(doc, t.getValueNode(), out);
      }
    } else if (node instanceof SequenceNode seq) {
      seq.getValue().forEach(n -> visit(doc, n, out));
    }
  }

  /** The index of the first unpaired surrogate in {@code s}, or -1. */
  static int loneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        return i;
      }
      if (Character.isLowSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }
}
