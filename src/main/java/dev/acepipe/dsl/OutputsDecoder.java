package dev.acepipe.dsl;

import static dev.acepipe.dsl.Nodes.describe;
import static dev.acepipe.dsl.Nodes.text;

import dev.acepipe.diagnostic.Codes;
import dev.acepipe.dsl.model.OutputSpec;
import dev.acepipe.dsl.model.StepRef;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/** The {@code outputs:} map: which take is copied to which file. */
final class OutputsDecoder {
  private final Nodes nodes;

  OutputsDecoder(Nodes nodes) {
    this.nodes = nodes;
  }

  List<OutputSpec> outputs(Node node) {
    List<OutputSpec> outputs = new ArrayList<>();
    MappingNode map =
        nodes.mapping(node, "'outputs' must be a map from step (or step#take) to a file path", "");
    if (map == null) {
      return outputs;
    }
    for (NodeTuple t : map.getValue()) {
      String key = text(t.getKeyNode());
      StepRef ref = StepRef.parse(key).orElse(null);
      if (ref == null) {
        nodes.error(
            Codes.WRONG_TYPE,
            t.getKeyNode(),
            "output key '" + key + "' must be a step id or step#take");
        continue;
      }
      Node value = t.getValueNode();
      if (!(value instanceof ScalarNode)
          || value.getTag().equals(Tag.NULL)
          || text(value).isBlank()) {
        nodes.error(
            Codes.WRONG_TYPE,
            value,
            "output path for '" + key + "' must be text, got " + describe(value));
        continue;
      }
      if (Expressions.hasReference(text(value))) {
        nodes.error(
            Codes.BAD_EXPRESSION, value, "output paths are literal; '${' is not allowed here");
        continue;
      }
      outputs.add(new OutputSpec(ref, text(value), nodes.locate(value)));
    }
    return outputs;
  }
}
