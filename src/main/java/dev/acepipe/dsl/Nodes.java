package dev.acepipe.dsl;

import dev.acepipe.diagnostic.Codes;
import dev.acepipe.diagnostic.Diagnostic;
import dev.acepipe.dsl.model.SourceLocation;
import dev.acepipe.dsl.model.ValueType;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One decoding's diagnostics and the helpers every part decoder shares: where a node comes from
 * (the pipeline file or an included one), how a node is described in a message, and the checks for
 * plain values (text, whole numbers, numbers in a range, unknown keys).
 */
final class Nodes {
  private final Document doc;
  private final List<Diagnostic> out = new ArrayList<>();

  /** Which file a node of an included document comes from (nodes of {@code doc} are not listed). */
  private final Map<Node, Document> owner = new IdentityHashMap<>();

  Nodes(Document doc, List<Document> included) {
    this.doc = doc;
    for (Document d : included) {
      register(d.root(), d);
    }
  }

  /** The diagnostics reported so far, in order. */
  List<Diagnostic> diagnostics() {
    return out;
  }

  void report(Diagnostic d) {
    out.add(d);
  }

  private void register(Node node, Document d) {
    if (owner.put(node, d) != null) {
      return; // aliases share nodes
    }
    if (node instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        register(t.getKeyNode(), d);
        register(t.getValueNode(), d);
      }
    } else if (node instanceof SequenceNode q) {
      q.getValue().forEach(n -> register(n, d));
    }
  }

  SourceLocation locate(Node node) {
    return owner.getOrDefault(node, doc).locate(node);
  }

  /** A non-blank scalar without {@code ${}; null with a diagnostic otherwise. */
  String literalText(Node node, String what) {
    if (!(node instanceof ScalarNode) || node.getTag().equals(Tag.NULL) || text(node).isBlank()) {
      error(Codes.WRONG_TYPE, node, what + " must be text, got " + describe(node));
      return null;
    }
    if (Expressions.hasReference(text(node))) {
      error(Codes.BAD_EXPRESSION, node, what + " is literal; '${' is not allowed here");
      return null;
    }
    return text(node);
  }

  Long wholeNumber(Node node, String key, long min, long max) {
    if (!isScalar(node, Tag.INT)) {
      error(Codes.WRONG_TYPE, node, "'" + key + "' must be a whole number, got " + describe(node));
      return null;
    }
    long v;
    try {
      v = Long.parseLong(text(node).replace("_", ""));
    } catch (NumberFormatException ex) {
      error(
          Codes.WRONG_TYPE, node, "'" + key + "' must be a whole number, got '" + text(node) + "'");
      return null;
    }
    if (v < min || v > max) {
      error(
          Codes.OUT_OF_RANGE,
          node,
          "'" + key + "' must be between " + min + " and " + max + ", got " + v);
      return null;
    }
    return v;
  }

  /** A plain number in {@code [min, max]}, or null after reporting why not. */
  Double number(Node node, String key, double min, double max) {
    if (!(isScalar(node, Tag.INT) || isScalar(node, Tag.FLOAT))) {
      error(Codes.WRONG_TYPE, node, "'" + key + "' must be a number, got " + describe(node));
      return null;
    }
    double v;
    try {
      v = Double.parseDouble(text(node).replace("_", ""));
    } catch (NumberFormatException ex) {
      error(Codes.WRONG_TYPE, node, "'" + key + "' must be a plain number, got " + describe(node));
      return null;
    }
    if (!(v >= min && v <= max)) {
      error(
          Codes.OUT_OF_RANGE,
          node,
          "'"
              + key
              + "' must be between "
              + plainNumber(min)
              + " and "
              + plainNumber(max)
              + ", got "
              + text(node));
      return null;
    }
    return v;
  }

  private static String plainNumber(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  /**
   * The entries of {@code map} by key; unknown keys are reported (duplicates were caught by the
   * loader).
   */
  Map<String, NodeTuple> entries(
      MappingNode map, List<String> allowed, String where, String extraHint) {
    Map<String, NodeTuple> e = new LinkedHashMap<>();
    for (NodeTuple t : map.getValue()) {
      String key = text(t.getKeyNode());
      if (allowed.contains(key)) {
        e.put(key, t);
      } else {
        String hint = Suggest.didYouMean(key, allowed).orElse(extraHint);
        if (hint.isEmpty() && where.startsWith("step") && key.equals("select")) {
          hint = "select is a step kind: write 'type: select' with 'from' and 'pick'";
        }
        error(Codes.UNKNOWN_KEY, t.getKeyNode(), "unknown key '" + key + "' in " + where, hint);
      }
    }
    return e;
  }

  static Integer intOrNull(Long v) {
    return v == null ? null : v.intValue();
  }

  static boolean isScalar(Node node, Tag tag) {
    return node instanceof ScalarNode && node.getTag().equals(tag);
  }

  static String text(Node node) {
    return node instanceof ScalarNode s ? s.getValue() : "";
  }

  static String describe(Node node) {
    if (node instanceof MappingNode) {
      return "a map";
    }
    if (node instanceof SequenceNode seq) {
      return seq.getValue().isEmpty() ? "an empty list" : "a list";
    }
    Tag tag = node.getTag();
    String v = text(node);
    String shown = v.length() > 40 ? v.substring(0, 37) + "..." : v;
    if (tag.equals(Tag.NULL)) {
      return "nothing";
    }
    if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) {
      return "the number " + shown;
    }
    if (tag.equals(Tag.BOOL)) {
      return shown;
    }
    return "'" + shown + "'";
  }

  static String typeWords(ValueType type) {
    return switch (type) {
      case STRING -> "text";
      case INTEGER -> "a whole number";
      case NUMBER -> "a number";
      case BOOLEAN -> "true or false";
    };
  }

  /**
   * {@code node} as a map; else reports {@code wrong-type} ("{@code mustBe}, got a list") and
   * answers null.
   */
  MappingNode mapping(Node node, String mustBe, String hint) {
    if (node instanceof MappingNode map) {
      return map;
    }
    error(Codes.WRONG_TYPE, node, mustBe + ", got " + describe(node), hint);
    return null;
  }

  /** The number under {@code key} (range-checked as {@link #number}), or null when not written. */
  Double number(Map<String, NodeTuple> e, String key, double min, double max) {
    return e.containsKey(key) ? number(e.get(key).getValueNode(), key, min, max) : null;
  }

  /**
   * A map from names to values, in written order: {@code node} must be a map ({@code mustBe},
   * {@code hint}), each key a name ({@code what}, see {@link #isName}); {@code value} reads one
   * entry from its name and tuple, answering null for an entry it reported.
   */
  <T> Map<String, T> named(
      Node node, String mustBe, String hint, String what, BiFunction<String, NodeTuple, T> value) {
    Map<String, T> out = new LinkedHashMap<>();
    MappingNode map = mapping(node, mustBe, hint);
    if (map == null) {
      return out;
    }
    for (NodeTuple t : map.getValue()) {
      if (isName(t.getKeyNode(), what)) {
        String name = text(t.getKeyNode());
        T v = value.apply(name, t);
        if (v != null) {
          out.put(name, v);
        }
      }
    }
    return out;
  }

  /**
   * True when the key's text is a name ({@link Expressions#NAME}); else reports {@code wrong-type}
   * at the key, as "{@code what} 'KEY' must be letters, digits, '_' or '-'".
   */
  boolean isName(Node key, String what) {
    String name = text(key);
    if (Expressions.NAME.matcher(name).matches()) {
      return true;
    }
    error(Codes.WRONG_TYPE, key, what + " '" + name + "' must be letters, digits, '_' or '-'");
    return false;
  }

  void error(String code, Node node, String message) {
    out.add(Diagnostic.error(code, locate(node), message));
  }

  void error(String code, Node node, String message, String hint) {
    out.add(Diagnostic.error(code, locate(node), message, hint));
  }
}
