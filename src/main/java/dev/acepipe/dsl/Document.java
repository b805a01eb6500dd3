package dev.acepipe.dsl;

import dev.acepipe.dsl.model.SourceLocation;
import java.util.List;
import java.util.Objects;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A composed YAML file: the node tree (every node with its marks) and the source lines for printing
 * diagnostics.
 *
 * @param file the file name as the user gave it
 * @param root the top-level node; never null (an empty file does not become a document)
 * @param lines the source text split into lines, for carets
 */
public record Document(String file, Node root, List<String> lines) {
  public Document {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(root, "root");
    lines = List.copyOf(lines);
  }

  /** Where {@code node} starts, 1-based. */
  public SourceLocation locate(Node node) {
    return locate(node.getStartMark());
  }

  public SourceLocation locate(Mark mark) {
    return mark == null
        ? new SourceLocation(file, 1, 1)
        : new SourceLocation(file, mark.getLine() + 1, mark.getColumn() + 1);
  }
}
