package dev.acepipe.dsl;

import static dev.acepipe.dsl.Nodes.describe;
import static dev.acepipe.dsl.Nodes.text;

import dev.acepipe.diagnostic.Codes;
import dev.acepipe.dsl.model.ParamSpec;
import dev.acepipe.dsl.model.ParamType;
import dev.acepipe.dsl.model.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** The {@code params:} map: typed values given on the command line with {@code --set}. */
final class ParamsDecoder {
  private final Nodes nodes;

  ParamsDecoder(Nodes nodes) {
    this.nodes = nodes;
  }

  Map<String, ParamSpec> params(Node node) {
    return nodes.named(
        node,
        "'params' must be a map from name to {type, default}",
        "e.g. params: {bpm: {type: int, default: 100}}",
        "param name",
        (name, t) -> param(name, t.getKeyNode(), t.getValueNode()));
  }

  ParamSpec param(String name, Node keyNode, Node node) {
    MappingNode map =
        nodes.mapping(
            node,
            "param '" + name + "' must be a map with 'type' (and 'default')",
            "e.g. " + name + ": {type: string, default: calm}");
    if (map == null) {
      return null;
    }
    Map<String, NodeTuple> e =
        nodes.entries(map, Vocabulary.PARAM_KEYS, "param '" + name + "'", "");
    if (!e.containsKey("type")) {
      nodes.error(
          Codes.MISSING_FIELD,
          keyNode,
          "param '" + name + "' has no 'type'",
          "one of " + String.join(", ", ParamType.yamlNames()));
      return null;
    }
    Node tn = e.get("type").getValueNode();
    ParamType type = tn instanceof ScalarNode ? ParamType.fromYaml(text(tn)).orElse(null) : null;
    if (type == null) {
      String hint =
          Suggest.didYouMean(text(tn), ParamType.yamlNames())
              .orElse("one of " + String.join(", ", ParamType.yamlNames()));
      nodes.error(Codes.WRONG_TYPE, tn, "param '" + name + "': unknown type " + describe(tn), hint);
      return null;
    }
    List<String> values = new ArrayList<>();
    if (e.containsKey("values")) {
      Node vn = e.get("values").getValueNode();
      if (type != ParamType.ENUM) {
        nodes.error(
            Codes.UNKNOWN_KEY,
            e.get("values").getKeyNode(),
            "param '" + name + "': 'values' is for enum params",
            "write 'type: enum' or remove 'values'");
      } else if (!(vn instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
        nodes.error(
            Codes.WRONG_TYPE,
            vn,
            "param '" + name + "': 'values' must be a non-empty list, got " + describe(vn));
        return null;
      } else {
        for (Node item : seq.getValue()) {
          if (!(item instanceof ScalarNode) || item.getTag().equals(Tag.NULL)) {
            nodes.error(
                Codes.WRONG_TYPE,
                item,
                "param '" + name + "': enum values must be plain values, got " + describe(item));
          } else if (values.contains(text(item))) {
            nodes.error(
                Codes.DUPLICATE_KEY, item, "param '" + name + "' lists '" + text(item) + "' twice");
          } else {
            values.add(text(item));
          }
        }
        if (values.isEmpty()) {
          return null;
        }
      }
    } else if (type == ParamType.ENUM) {
      nodes.error(
          Codes.MISSING_FIELD,
          keyNode,
          "enum param '" + name + "' has no 'values'",
          "e.g. values: [calm, dark]");
      return null;
    }
    if (type != ParamType.ENUM) {
      values.clear();
    }
    String def = null;
    SourceLocation defAt = null;
    if (e.containsKey("default")) {
      Node dn = e.get("default").getValueNode();
      defAt = nodes.locate(dn);
      if (!(dn instanceof ScalarNode) || dn.getTag().equals(Tag.NULL)) {
        nodes.error(
            Codes.WRONG_TYPE,
            dn,
            "param '" + name + "': 'default' must be a plain value, got " + describe(dn));
      } else {
        def = type.canonical(text(dn), values).orElse(null);
        if (def == null) {
          String hint = type == ParamType.ENUM ? "one of " + String.join(", ", values) : "";
          nodes.error(
              Codes.WRONG_TYPE,
              dn,
              "param '"
                  + name
                  + "' is "
                  + type.yamlName()
                  + ", but its default "
                  + describe(dn)
                  + " is not "
                  + type.words(),
              hint);
        }
      }
    }
    String description = null;
    if (e.containsKey("description")) {
      Node dn = e.get("description").getValueNode();
      if (!(dn instanceof ScalarNode) || dn.getTag().equals(Tag.NULL)) {
        nodes.error(
            Codes.WRONG_TYPE,
            dn,
            "param '" + name + "': 'description' must be text, got " + describe(dn));
      } else {
        description = text(dn);
      }
    }
    return new ParamSpec(name, type, values, def, description, nodes.locate(keyNode), defAt);
  }
}
