package dev.acepipe.dsl;

import static dev.acepipe.dsl.Nodes.describe;
import static dev.acepipe.dsl.Nodes.text;

import dev.acepipe.diagnostic.Codes;
import dev.acepipe.dsl.model.SourceLocation;
import dev.acepipe.dsl.model.StepRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** How a step names other steps ({@code from}, {@code reference}, {@code needs}) and its matrix. */
final class ReferenceDecoder {
  private final Nodes nodes;

  ReferenceDecoder(Nodes nodes) {
    this.nodes = nodes;
  }

  StepRef stepRef(Node node, String key) {
    if (!(node instanceof ScalarNode) || node.getTag().equals(Tag.NULL)) {
      nodes.error(
          Codes.WRONG_TYPE,
          node,
          "'" + key + "' must be a step id or step#take, got " + describe(node));
      return null;
    }
    String text = text(node);
    StepRef ref = StepRef.parse(text).orElse(null);
    if (ref == null || !Expressions.STEP_ID.matcher(ref.step()).matches()) {
      nodes.error(
          Codes.WRONG_TYPE,
          node,
          "'" + key + ": " + text + "' must be a step id or step#take",
          "e.g. 'draft' or 'draft#1'");
      return null;
    }
    return ref;
  }

  List<String> needs(Node node, Map<String, SourceLocation> locations) {
    List<Node> items;
    if (node instanceof SequenceNode seq) {
      items = seq.getValue();
    } else if (node instanceof ScalarNode && !node.getTag().equals(Tag.NULL)) {
      items = List.of(node);
    } else {
      nodes.error(
          Codes.WRONG_TYPE,
          node,
          "'needs' must be a step id or a list of step ids, got " + describe(node));
      return List.of();
    }
    List<String> needs = new ArrayList<>();
    for (Node item : items) {
      if (!(item instanceof ScalarNode)
          || item.getTag().equals(Tag.NULL)
          || !Expressions.STEP_ID.matcher(text(item)).matches()) {
        nodes.error(
            Codes.WRONG_TYPE, item, "'needs' entries must be step ids, got " + describe(item));
        continue;
      }
      locations.put("needs[" + needs.size() + "]", nodes.locate(item));
      needs.add(text(item));
    }
    return needs;
  }

  Map<String, List<String>> matrix(Node node, Map<String, SourceLocation> locations) {
    Map<String, List<String>> matrix = new LinkedHashMap<>();
    if (!(node instanceof MappingNode map) || map.getValue().isEmpty()) {
      nodes.error(
          Codes.WRONG_TYPE,
          node,
          "'matrix' must be a map from key to a list of values, got " + describe(node),
          "e.g. matrix: {mood: [calm, dark]}");
      return matrix;
    }
    long instances = 1;
    for (NodeTuple t : map.getValue()) {
      if (!nodes.isName(t.getKeyNode(), "matrix key")) {
        continue;
      }
      String key = text(t.getKeyNode());
      Node value = t.getValueNode();
      if (!(value instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
        nodes.error(
            Codes.WRONG_TYPE,
            value,
            "matrix '" + key + "' must be a non-empty list of values, got " + describe(value));
        continue;
      }
      List<String> values = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (Node item : seq.getValue()) {
        if (!(item instanceof ScalarNode) || item.getTag().equals(Tag.NULL)) {
          nodes.error(
              Codes.WRONG_TYPE, item, "matrix values must be plain values, got " + describe(item));
          continue;
        }
        String v = text(item);
        if (v.contains("${") || v.contains(",") || v.contains("]") || v.contains("=")) {
          nodes.error(
              Codes.WRONG_TYPE,
              item,
              "matrix value '" + v + "' may not contain '${', ',', '=' or ']'",
              "these characters would make instance ids ambiguous");
          continue;
        }
        if (!seen.add(v)) {
          nodes.error(Codes.DUPLICATE_KEY, item, "matrix '" + key + "' lists '" + v + "' twice");
          continue;
        }
        values.add(v);
      }
      if (!values.isEmpty()) {
        matrix.put(key, values);
        locations.put("matrix." + key, nodes.locate(value));
        instances *= values.size();
      }
    }
    if (instances > Vocabulary.MAX_MATRIX_INSTANCES) {
      nodes.error(
          Codes.OUT_OF_RANGE,
          node,
          "matrix expands to "
              + instances
              + " instances; the limit is "
              + Vocabulary.MAX_MATRIX_INSTANCES);
      return Map.of();
    }
    return matrix;
  }
}
