package dev.acepipe.dsl;

import static dev.acepipe.dsl.Nodes.describe;
import static dev.acepipe.dsl.Nodes.isScalar;
import static dev.acepipe.dsl.Nodes.text;

import dev.acepipe.diagnostic.Codes;
import dev.acepipe.dsl.model.SelectRule;
import dev.acepipe.dsl.model.StepRef;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/** What a {@code select} step adds to the scheduling keys: its {@code from:} and {@code pick:}. */
final class SelectDecoder {
  private final Nodes nodes;
  private final ReferenceDecoder refs;

  /** The step a select picks among and its rule ({@code from} null when missing or broken). */
  record Selection(StepRef from, SelectRule rule) {}

  SelectDecoder(Nodes nodes, ReferenceDecoder refs) {
    this.nodes = nodes;
    this.refs = refs;
  }

  /**
   * {@code from} and {@code pick} of a select step, reporting every key that does not apply to it
   * (it takes only these and the scheduling keys).
   */
  Selection selection(Map<String, NodeTuple> e) {
    for (Map.Entry<String, NodeTuple> entry : e.entrySet()) {
      if (!Vocabulary.SELECT_STEP_KEYS.contains(entry.getKey())) {
        nodes.error(
            Codes.UNKNOWN_KEY,
            entry.getValue().getKeyNode(),
            "'" + entry.getKey() + "' does not apply to a select step",
            "a select step takes from, pick, needs, retries and timeout");
      }
    }
    StepRef from =
        e.containsKey("from") ? refs.stepRef(e.get("from").getValueNode(), "from") : null;
    if (from != null
        && e.get("from").getValueNode() instanceof ScalarNode fs
        && fs.getValue().contains("#")) {
      nodes.error(
          Codes.SELECT_RULE,
          fs,
          "a select step picks among all takes of '"
              + from.step()
              + "'; 'from' names a step, not a take",
          "write 'from: " + from.step() + "'");
      from = null;
    }
    SelectRule rule = e.containsKey("pick") ? pickRule(e.get("pick").getValueNode()) : null;
    if (rule == null) {
      // a missing 'pick' is reported by RequiredFieldsRule, a broken one above; the step is kept
      // (with
      // a stand-in rule) so that references to it are not reported as unknown
      rule = new SelectRule.Manual();
    }
    return new Selection(from, rule);
  }

  SelectRule pickRule(Node node) {
    String hint = "write pick: loudest, longest, manual, {index: N} or {closest_duration: SECONDS}";
    if (node instanceof ScalarNode && !node.getTag().equals(Tag.NULL)) {
      String name = text(node);
      switch (name) {
        case "loudest":
          return new SelectRule.Loudest();
        case "longest":
          return new SelectRule.Longest();
        case "manual":
          return new SelectRule.Manual();
        case "index", "closest_duration":
          nodes.error(
              Codes.SELECT_RULE,
              node,
              "pick rule '" + name + "' needs a value",
              "write pick: {" + name + ": " + (name.equals("index") ? "0" : "30") + "}");
          return null;
        default:
          nodes.error(
              Codes.SELECT_RULE,
              node,
              "unknown pick rule '" + name + "'",
              Suggest.didYouMean(name, SelectRule.yamlNames()).orElse(hint));
          return null;
      }
    }
    if (!(node instanceof MappingNode map) || map.getValue().size() != 1) {
      nodes.error(
          Codes.SELECT_RULE,
          node,
          "'pick' must be a rule name or a map with one rule, got " + describe(node),
          hint);
      return null;
    }
    NodeTuple t = map.getValue().get(0);
    String name = text(t.getKeyNode());
    Node value = t.getValueNode();
    switch (name) {
      case "index":
        {
          Long i =
              nodes.wholeNumber(
                  value,
                  "index",
                  0,
                  (long) Vocabulary.MAX_TAKES * Vocabulary.MAX_MATRIX_INSTANCES - 1);
          return i == null ? null : new SelectRule.Index(i.intValue());
        }
      case "closest_duration":
        {
          if (!isScalar(value, Tag.INT) && !isScalar(value, Tag.FLOAT)) {
            nodes.error(
                Codes.WRONG_TYPE,
                value,
                "'closest_duration' must be seconds, got " + describe(value));
            return null;
          }
          double d;
          try {
            d = Double.parseDouble(text(value).replace("_", ""));
          } catch (NumberFormatException ex) {
            nodes.error(
                Codes.WRONG_TYPE,
                value,
                "'closest_duration' must be seconds, got " + describe(value));
            return null;
          }
          if (!(d >= 1 && d <= 600)) {
            nodes.error(
                Codes.OUT_OF_RANGE,
                value,
                "'closest_duration' must be between 1 and 600 seconds, got " + text(value));
            return null;
          }
          return new SelectRule.ClosestDuration(d);
        }
      case "loudest", "longest", "manual":
        nodes.error(
            Codes.SELECT_RULE,
            t.getKeyNode(),
            "pick rule '" + name + "' takes no value",
            "write pick: " + name);
        return null;
      default:
        nodes.error(
            Codes.SELECT_RULE,
            t.getKeyNode(),
            "unknown pick rule '" + name + "'",
            Suggest.didYouMean(name, SelectRule.yamlNames()).orElse(hint));
        return null;
    }
  }
}
