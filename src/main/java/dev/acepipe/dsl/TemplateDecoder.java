package dev.acepipe.dsl;

import static dev.acepipe.dsl.Nodes.describe;
import static dev.acepipe.dsl.Nodes.text;

import dev.acepipe.diagnostic.Codes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/** The {@code templates:} map: partial steps that steps pull in with {@code use:}. */
final class TemplateDecoder {
  private final Nodes nodes;

  TemplateDecoder(Nodes nodes) {
    this.nodes = nodes;
  }

  Map<String, MappingNode> templates(Node node) {
    Map<String, MappingNode> out = new LinkedHashMap<>();
    MappingNode map =
        nodes.mapping(node, "'templates' must be a map from template name to a partial step", "");
    if (map == null) {
      return out;
    }
    List<String> keys = Vocabulary.stepKeys().stream().filter(k -> !k.equals("use")).toList();
    for (NodeTuple t : map.getValue()) {
      if (!nodes.isName(t.getKeyNode(), "template name")) {
        continue;
      }
      String name = text(t.getKeyNode());
      if (!(t.getValueNode() instanceof MappingNode tm)) {
        nodes.error(
            Codes.WRONG_TYPE,
            t.getValueNode(),
            "template '"
                + name
                + "' must be a map of step keys, got "
                + describe(t.getValueNode()));
        continue;
      }
      nodes.entries(tm, keys, "template '" + name + "'", "templates cannot 'use' other templates");
      out.put(name, tm);
    }
    return out;
  }
}
