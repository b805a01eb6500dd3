package dev.acepipe.dsl;

import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/** The {@code templates:} map: partial steps that steps pull in with {@code use:}. */
final class TemplateDecoder {
  private final Nodes nodes;

  TemplateDecoder(Nodes nodes) {
    this.nodes = nodes;
  }

  Map<String, MappingNode> templates(Node node) {
    List<String> keys = Vocabulary.stepKeys().stream().filter(k -> !k.equals("use")).toList();
    return nodes.named(
        node,
        "'templates' must be a map from template name to a partial step",
        "",
        "template name",
        (name, t) -> template(name, t.getValueNode(), keys));
  }

  private MappingNode template(String name, Node node, List<String> keys) {
    MappingNode tm = nodes.mapping(node, "template '" + name + "' must be a map of step keys", "");
    if (tm == null) {
      return null;
    }
    nodes.entries(tm, keys, "template '" + name + "'", "templates cannot 'use' other templates");
    return tm;
  }
}
