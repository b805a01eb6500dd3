package dev.acepipe.dsl;

import static dev.acepipe.dsl.Nodes.describe;

import dev.acepipe.diagnostic.Codes;
import dev.acepipe.dsl.model.LoraAdapter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Server state a step needs but cannot send: {@code lora:} (on a step or in {@code defaults:}), a
 * list of {@code {path, scale, name}}, and the pipeline's {@code models:} block. The server checks
 * nothing but the path, and only when it loads, so the range and the uniqueness of names are
 * checked here, where they can be located.
 */
final class LoraDecoder {
  private final Nodes nodes;

  LoraDecoder(Nodes nodes) {
    this.nodes = nodes;
  }

  /**
   * {@code models: {switch: true}}: whether the run may load a step's model with {@code /v1/init}
   * when the server has it but runs another; false when not written or broken (reported).
   */
  boolean switchModels(Node node) {
    if (!(node instanceof MappingNode map)) {
      nodes.error(
          Codes.WRONG_TYPE,
          node,
          "'models' must be a map, got " + describe(node),
          "e.g. 'models: {switch: true}'");
      return false;
    }
    Map<String, NodeTuple> e = nodes.entries(map, Vocabulary.MODELS_KEYS, "'models'", "");
    NodeTuple t = e.get("switch");
    if (t == null) {
      return false;
    }
    Node v = t.getValueNode();
    if (!Nodes.isScalar(v, Tag.BOOL)) {
      nodes.error(
          Codes.WRONG_TYPE,
          v,
          "'models.switch' must be true or false, got " + describe(v),
          "true lets engine run load a step's model between jobs (POST /v1/init)");
      return false;
    }
    return Boolean.parseBoolean(((ScalarNode) v).getValue().toLowerCase(java.util.Locale.ROOT));
  }

  /** The adapters written; the broken ones are reported and left out. */
  List<LoraAdapter> adapters(Node node) {
    List<LoraAdapter> out = new ArrayList<>();
    if (!(node instanceof SequenceNode seq)) {
      nodes.error(
          Codes.WRONG_TYPE,
          node,
          "'lora' must be a list of adapters, got " + describe(node),
          "e.g. 'lora: [{path: /models/lora/jazz, scale: 0.8}]'");
      return out;
    }
    Map<String, Node> names = new HashMap<>();
    Map<String, Node> paths = new HashMap<>();
    for (int i = 0; i < seq.getValue().size(); i++) {
      Node item = seq.getValue().get(i);
      String where = "lora[" + i + "]";
      if (!(item instanceof MappingNode map)) {
        nodes.error(
            Codes.WRONG_TYPE,
            item,
            "'" + where + "' must be a map with 'path', got " + describe(item),
            "e.g. '{path: /models/lora/jazz, scale: 0.8, name: jazz}'");
        continue;
      }
      Map<String, NodeTuple> e = nodes.entries(map, Vocabulary.LORA_KEYS, "'" + where + "'", "");
      if (!e.containsKey("path")) {
        nodes.error(
            Codes.MISSING_FIELD,
            item,
            "'" + where + "' has no 'path'",
            "the adapter's directory or .safetensors file on the server");
        continue;
      }
      String path = nodes.literalText(e.get("path").getValueNode(), "'" + where + ".path'");
      Double scale =
          e.containsKey("scale")
              ? nodes.number(e.get("scale").getValueNode(), where + ".scale", 0, 1)
              : Double.valueOf(LoraAdapter.DEFAULT_SCALE);
      String name =
          e.containsKey("name")
              ? nodes.literalText(e.get("name").getValueNode(), "'" + where + ".name'")
              : null;
      boolean broken = path == null || scale == null || (e.containsKey("name") && name == null);
      if (path != null && paths.putIfAbsent(path, item) != null) {
        nodes.error(
            Codes.DUPLICATE_KEY,
            e.get("path").getValueNode(),
            "LoRA '" + path + "' is listed twice",
            "the server refuses to load an adapter a second time; list it once");
        broken = true;
      }
      if (name != null && names.putIfAbsent(name, item) != null) {
        nodes.error(
            Codes.DUPLICATE_KEY,
            e.get("name").getValueNode(),
            "two LoRA adapters are named '" + name + "'",
            "adapter names must be unique on a server; rename one");
        broken = true;
      }
      if (!broken) {
        out.add(new LoraAdapter(path, scale, name, nodes.locate(item)));
      }
    }
    return out;
  }
}
