package dev.acepipe.dsl;

import dev.acepipe.diagnostic.Codes;
import dev.acepipe.diagnostic.Diagnostic;
import dev.acepipe.dsl.model.SourceLocation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Composes a pipeline file into a node tree without constructing any objects, so no YAML tag can
 * instantiate a class. Rejects, with a located diagnostic: files over {@link #MAX_BYTES}, text that
 * is not UTF-8 or not printable, syntax errors, more than one document, tags other than the plain
 * JSON-like ones ({@code unsafe-yaml}), more than {@link #MAX_COLLECTION_ALIASES} aliases of
 * collections, trees that aliases expand past {@link #MAX_EXPANDED_NODES} nodes, recursive
 * structures, nesting deeper than {@link #MAX_DEPTH}, non-scalar keys and duplicate keys.
 *
 * <p>Stateless and thread-safe.
 */
public final class YamlLoader {
  /** About 3 MB: far more than any hand-written pipeline. */
  public static final int MAX_BYTES = 3 * 1024 * 1024;

  public static final int MAX_COLLECTION_ALIASES = 50;
  public static final int MAX_DEPTH = 64;
  public static final int MAX_EXPANDED_NODES = 200_000;

  private static final Set<Tag> PLAIN_TAGS =
      Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.MAP, Tag.SEQ, Tag.TIMESTAMP);

  /** Reads and composes {@code path}; {@code displayName} is used in locations. */
  public LoadResult load(Path path, String displayName) {
    try {
      long size = Files.size(path);
      if (size > MAX_BYTES) {
        return failed(
            List.of(),
            Diagnostic.error(
                Codes.TOO_LARGE,
                new SourceLocation(displayName, 1, 1),
                "file is " + size + " bytes; the limit is " + MAX_BYTES,
                "split the pipeline or move long lyrics into vars"));
      }
      byte[] bytes = Files.readAllBytes(path);
      String text;
      try {
        text =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
      } catch (CharacterCodingException e) {
        return failed(
            List.of(),
            Diagnostic.error(
                Codes.YAML_SYNTAX,
                new SourceLocation(displayName, 1, 1),
                "file is not UTF-8 text",
                "pipelines are YAML text files; is this an audio file?"));
      }
      return load(text, displayName);
    } catch (IOException e) {
      return failed(
          List.of(),
          Diagnostic.error(
              Codes.YAML_SYNTAX,
              new SourceLocation(displayName, 1, 1),
              "cannot read file: " + e.getMessage()));
    }
  }

  /** Composes {@code text}; {@code displayName} is used in locations. */
  public LoadResult load(String text, String displayName) {
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<String> lines = List.of(text.split("\r?\n", -1));
    SourceLocation start = new SourceLocation(displayName, 1, 1);
    if (text.length() > MAX_BYTES) {
      return failed(
          lines,
          Diagnostic.error(
              Codes.TOO_LARGE, start, "file is larger than " + MAX_BYTES + " characters"));
    }
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
    options.setAllowRecursiveKeys(false);
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setCodePointLimit(MAX_BYTES);
    options.setProcessComments(false);
    Node root;
    try {
      Composer composer =
          new Composer(new ParserImpl(new StreamReader(text), options), new Resolver(), options);
      root = composer.getSingleNode();
    } catch (MarkedYAMLException e) {
      var mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      SourceLocation at =
          mark == null
              ? start
              : new SourceLocation(displayName, mark.getLine() + 1, mark.getColumn() + 1);
      String problem = e.getProblem() == null ? "invalid YAML" : e.getProblem();
      if (e.getContext() != null && !e.getContext().isBlank()) {
        problem = e.getContext() + ": " + problem;
      }
      if (problem.contains("Global tag is not allowed")) {
        return failed(
            lines,
            Diagnostic.error(
                Codes.UNSAFE_YAML,
                at,
                "tag '"
                    + problem
                        .substring(problem.indexOf(':', problem.indexOf("allowed")) + 1)
                        .strip()
                    + "' is not allowed",
                "pipelines use plain YAML: strings, numbers, booleans, lists and maps"));
      }
      if (problem.contains("expected a single document")) {
        return failed(
            lines,
            Diagnostic.error(
                Codes.YAML_SYNTAX,
                at,
                "more than one YAML document",
                "a pipeline file holds one document; remove the '---'"));
      }
      return failed(lines, Diagnostic.error(Codes.YAML_SYNTAX, at, problem));
    } catch (ReaderException e) {
      SourceLocation at = locateIndex(text, e.getPosition(), displayName);
      return failed(
          lines,
          Diagnostic.error(
              Codes.YAML_SYNTAX,
              at,
              String.format("character U+%04X is not allowed in YAML", e.getCodePoint()),
              "pipelines are YAML text files; is this a binary file?"));
    } catch (YAMLException e) {
      String m = String.valueOf(e.getMessage());
      if (m.contains("code points") || m.contains("exceeds the limit")) {
        return failed(
            lines,
            Diagnostic.error(
                Codes.TOO_LARGE, start, "file is larger than " + MAX_BYTES + " characters"));
      }
      if (m.contains("aliases")) {
        return failed(
            lines,
            Diagnostic.error(
                Codes.UNSAFE_YAML,
                start,
                "more than " + MAX_COLLECTION_ALIASES + " aliases of collections",
                "use defaults: or vars: instead of many anchors"));
      }
      if (m.contains("Nesting Depth") || m.contains("nesting")) {
        return failed(
            lines,
            Diagnostic.error(
                Codes.UNSAFE_YAML, start, "YAML nested deeper than " + MAX_DEPTH + " levels"));
      }
      return failed(lines, Diagnostic.error(Codes.YAML_SYNTAX, start, m));
    } catch (StackOverflowError e) {
      return failed(lines, Diagnostic.error(Codes.UNSAFE_YAML, start, "YAML nested too deeply"));
    }
    if (root == null
        || (root instanceof ScalarNode s
            && root.getTag().equals(Tag.NULL)
            && s.getValue().isEmpty())) {
      return failed(
          lines,
          Diagnostic.error(
              Codes.MISSING_FIELD,
              start,
              "file is empty; a pipeline needs 'version' and 'steps'",
              "start with 'version: 1'"));
    }
    List<Diagnostic> problems = new ArrayList<>();
    new Walk(new Document(displayName, root, lines), problems).check();
    if (!problems.isEmpty()) {
      return new LoadResult(null, lines, problems);
    }
    return new LoadResult(new Document(displayName, root, lines), lines, List.of());
  }

  private static LoadResult failed(List<String> lines, Diagnostic d) {
    return new LoadResult(null, lines, List.of(d));
  }

  private static SourceLocation locateIndex(String text, int index, String file) {
    int line = 1;
    int col = 1;
    for (int i = 0; i < Math.min(index, text.length()); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        col = 1;
      } else {
        col++;
      }
    }
    return new SourceLocation(file, line, col);
  }

  /**
   * One pass over the tree. Collections reached twice through aliases are checked once (colouring),
   * so the walk is linear in the composed size, while their expanded size is still counted.
   */
  private static final class Walk {
    private final Document doc;
    private final List<Diagnostic> out;
    private final Map<Node, Long> done = new IdentityHashMap<>();
    private final Set<Node> inProgress =
        java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean aborted;

    Walk(Document doc, List<Diagnostic> out) {
      this.doc = doc;
      this.out = out;
    }

    void check() {
      long size = visit(doc.root());
      if (!aborted && size > MAX_EXPANDED_NODES) {
        out.add(
            Diagnostic.error(
                Codes.UNSAFE_YAML,
                doc.locate(doc.root()),
                "aliases expand this document to more than " + MAX_EXPANDED_NODES + " nodes"));
      }
    }

    private long visit(Node node) {
      if (aborted) {
        return 0;
      }
      Long known = done.get(node);
      if (known != null) {
        return known;
      }
      if (!PLAIN_TAGS.contains(node.getTag())) {
        out.add(
            Diagnostic.error(
                Codes.UNSAFE_YAML,
                doc.locate(node),
                "tag '" + node.getTag().getValue() + "' is not allowed",
                "pipelines use plain YAML: strings, numbers, booleans, lists and maps"));
        done.put(node, 1L);
        return 1;
      }
      if (node instanceof ScalarNode) {
        return 1;
      }
      if (!inProgress.add(node)) {
        out.add(
            Diagnostic.error(
                Codes.UNSAFE_YAML,
                doc.locate(node),
                "recursive alias: a collection contains itself"));
        aborted = true;
        return 0;
      }
      long size = 1;
      if (node instanceof SequenceNode seq) {
        for (Node child : seq.getValue()) {
          size = saturatingAdd(size, visit(child));
        }
      } else if (node instanceof MappingNode map) {
        Map<String, Node> seen = new HashMap<>();
        for (NodeTuple t : map.getValue()) {
          Node key = t.getKeyNode();
          if (!(key instanceof ScalarNode sk) || !PLAIN_TAGS.contains(key.getTag())) {
            if (key.getTag().equals(Tag.MERGE)) {
              out.add(
                  Diagnostic.error(
                      Codes.UNSAFE_YAML,
                      doc.locate(key),
                      "merge keys ('<<') are not supported",
                      "use defaults: to share step settings"));
            } else {
              out.add(
                  Diagnostic.error(Codes.WRONG_TYPE, doc.locate(key), "keys must be plain text"));
            }
            continue;
          }
          Node first = seen.putIfAbsent(sk.getValue(), key);
          if (first != null) {
            out.add(
                Diagnostic.error(
                    Codes.DUPLICATE_KEY,
                    doc.locate(key),
                    "duplicate key '" + sk.getValue() + "'",
                    "first defined at line " + (first.getStartMark().getLine() + 1)));
          }
          size = saturatingAdd(size, 1 + visit(t.getValueNode()));
        }
      }
      inProgress.remove(node);
      done.put(node, size);
      return size;
    }

    private static long saturatingAdd(long a, long b) {
      long r = a + b;
      return r < 0 ? Long.MAX_VALUE : Math.min(r, Long.MAX_VALUE / 4);
    }
  }
}
