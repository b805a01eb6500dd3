package dev.acepipe.dsl;

import dev.acepipe.diagnostic.Codes;
import dev.acepipe.diagnostic.Diagnostic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Loads the files an {@code include:} list names, depth first, each relative to the file that names
 * it. Reports with the including file's location: a path that is not text, an absolute path or one
 * that is not a {@code .yaml}/{@code .yml} file, a file that does not exist ({@code include}), and
 * a cycle ({@code include}, naming the chain); problems inside an included file are located in that
 * file. A file included twice (a diamond) is loaded once.
 *
 * <p>Precedence, lowest first: a file's includes in the order written (later ones win over earlier
 * ones), each after its own includes; the including file wins over all of them. Stateless apart
 * from the loader; thread-safe.
 */
public final class Includes {
  /** At most this many files per pipeline, so a runaway include tree stays cheap. */
  public static final int MAX_FILES = 64;

  private final YamlLoader loader;

  public Includes(YamlLoader loader) {
    this.loader = Objects.requireNonNull(loader, "loader");
  }

  /**
   * What was loaded.
   *
   * @param documents included documents, lowest precedence first (the root document is not among
   *     them)
   * @param lines the source lines of every included file by display name, for printing diagnostics
   */
  public record Result(
      List<Document> documents, Map<String, List<String>> lines, List<Diagnostic> diagnostics) {
    public Result {
      documents = List.copyOf(documents);
      lines = Map.copyOf(lines);
      diagnostics = List.copyOf(diagnostics);
    }
  }

  /**
   * Resolves the includes of {@code root}.
   *
   * @param rootPath the file {@code root} was read from (its directory anchors relative paths)
   */
  public Result resolve(Document root, Path rootPath) {
    Run run = new Run();
    run.visit(root, rootPath.toAbsolutePath().normalize(), new ArrayList<>());
    return new Result(run.documents, run.lines, run.out);
  }

  private final class Run {
    final List<Document> documents = new ArrayList<>();
    final Map<String, List<String>> lines = new LinkedHashMap<>();
    final List<Diagnostic> out = new ArrayList<>();
    final Map<Path, Document> loaded = new LinkedHashMap<>();

    /**
     * Loads the includes of {@code doc} (read from {@code path}); {@code chain} holds the files
     * above it.
     */
    void visit(Document doc, Path path, List<Path> chain) {
      chain.add(path);
      for (Node item : includeItems(doc)) {
        String written = ((ScalarNode) item).getValue();
        Path target = path.getParent().resolve(written).normalize();
        String display = displayName(doc.file(), written);
        int at = chain.indexOf(target);
        if (at >= 0) {
          List<String> names = new ArrayList<>();
          for (Path p : chain.subList(at, chain.size())) {
            names.add(p.getFileName().toString());
          }
          names.add(target.getFileName().toString());
          out.add(
              Diagnostic.error(
                  Codes.INCLUDE,
                  doc.locate(item),
                  "include cycle: " + String.join(" → ", names),
                  "remove one of these includes"));
          continue;
        }
        if (loaded.containsKey(target)) {
          continue;
        }
        if (!Files.isRegularFile(target)) {
          out.add(
              Diagnostic.error(
                  Codes.INCLUDE,
                  doc.locate(item),
                  "included file '" + written + "' does not exist",
                  "paths are relative to " + doc.file()));
          continue;
        }
        if (loaded.size() >= MAX_FILES) {
          out.add(
              Diagnostic.error(
                  Codes.INCLUDE, doc.locate(item), "more than " + MAX_FILES + " included files"));
          return;
        }
        LoadResult r = loader.load(target, display);
        lines.put(display, r.lines());
        out.addAll(r.diagnostics());
        if (r.document() == null) {
          continue;
        }
        loaded.put(target, r.document());
        visit(r.document(), target, new ArrayList<>(chain));
        documents.add(r.document());
      }
    }

    /** The {@code include:} entries that are usable paths; the others are reported. */
    private List<Node> includeItems(Document doc) {
      if (!(doc.root() instanceof MappingNode map)) {
        return List.of();
      }
      for (NodeTuple t : map.getValue()) {
        if (!(t.getKeyNode() instanceof ScalarNode k) || !k.getValue().equals("include")) {
          continue;
        }
        Node v = t.getValueNode();
        List<Node> items = v instanceof SequenceNode seq ? seq.getValue() : List.of(v);
        List<Node> ok = new ArrayList<>();
        for (Node item : items) {
          if (!(item instanceof ScalarNode s)
              || item.getTag().equals(Tag.NULL)
              || s.getValue().isBlank()) {
            out.add(
                Diagnostic.error(
                    Codes.WRONG_TYPE,
                    doc.locate(item),
                    "'include' entries must be relative file paths",
                    "e.g. include: [lib/style.yaml]"));
          } else if (s.getValue().startsWith("/")
              || s.getValue().matches("^[A-Za-z]:.*")
              || s.getValue().contains("${")) {
            out.add(
                Diagnostic.error(
                    Codes.INCLUDE,
                    doc.locate(item),
                    "included file '" + s.getValue() + "' must be a literal relative path",
                    "paths are relative to " + doc.file()));
          } else if (!s.getValue().endsWith(".yaml") && !s.getValue().endsWith(".yml")) {
            // only YAML libraries: never echo lines of arbitrary files back in diagnostics
            out.add(
                Diagnostic.error(
                    Codes.INCLUDE,
                    doc.locate(item),
                    "included file '" + s.getValue() + "' is not a .yaml or .yml file"));
          } else {
            ok.add(item);
          }
        }
        return ok;
      }
      return List.of();
    }
  }

  /** {@code written} as seen from the directory of the display name {@code including}. */
  static String displayName(String including, String written) {
    String base = including.replace('\\', '/');
    int slash = base.lastIndexOf('/');
    String joined = slash < 0 ? written : base.substring(0, slash + 1) + written;
    try {
      return Path.of(joined).normalize().toString().replace('\\', '/');
    } catch (RuntimeException e) {
      return joined;
    }
  }
}
