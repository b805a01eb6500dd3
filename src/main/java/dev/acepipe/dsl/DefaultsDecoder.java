package dev.acepipe.dsl;

import static dev.acepipe.dsl.Nodes.describe;
import static dev.acepipe.dsl.Nodes.intOrNull;

import dev.acepipe.diagnostic.Codes;
import dev.acepipe.dsl.model.Expect;
import dev.acepipe.dsl.model.LoraAdapter;
import dev.acepipe.dsl.model.SourceLocation;
import dev.acepipe.dsl.model.StepField;
import dev.acepipe.dsl.model.StepKind;
import dev.acepipe.dsl.model.Template;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * The {@code defaults:} sections (of included files, then the pipeline's own) and how a step falls
 * back on them. Keeps the take checks of every {@code defaults:} read so far.
 */
final class DefaultsDecoder {
  private final Nodes nodes;
  private final ValueDecoder values;
  private final ExpectDecoder expectDecoder;

  /** {@code expect:}, {@code on_fail:} and {@code lint:} of every {@code defaults:} read so far. */
  private Expect.Checks defaultChecks = Expect.Checks.NONE;

  DefaultsDecoder(Nodes nodes, ValueDecoder values) {
    this.nodes = nodes;
    this.values = values;
    this.expectDecoder = new ExpectDecoder(nodes);
  }

  /**
   * A step's {@code expect:}, {@code on_fail:} and {@code lint:} ({@code e}, of a step of {@code
   * kind}) over the take checks every step inherits.
   */
  Expect.Checks checks(Map<String, NodeTuple> e, StepKind kind) {
    return expectDecoder.checks(e, kind).over(defaultChecks);
  }

  Defaults defaults(Node node) {
    if (!(node instanceof MappingNode map)) {
      nodes.error(
          Codes.WRONG_TYPE, node, "'defaults' must be a map of step fields, got " + describe(node));
      return Defaults.NONE;
    }
    Map<String, NodeTuple> e =
        nodes.entries(
            map,
            Vocabulary.defaultKeys(),
            "defaults",
            "type, from, reference, needs and matrix belong on each step");
    Map<StepField, Template> fields = new EnumMap<>(StepField.class);
    Map<String, SourceLocation> locations = new LinkedHashMap<>();
    for (StepField f : StepField.values()) {
      NodeTuple t = e.get(f.key());
      if (t != null) {
        locations.put(f.key(), nodes.locate(t.getValueNode()));
        Template value = values.field(f, t.getValueNode());
        if (value != null) {
          fields.put(f, value);
        }
      }
    }
    Integer takes =
        e.containsKey("takes")
            ? intOrNull(
                nodes.wholeNumber(e.get("takes").getValueNode(), "takes", 1, Vocabulary.MAX_TAKES))
            : null;
    Integer retries =
        e.containsKey("retries")
            ? intOrNull(
                nodes.wholeNumber(
                    e.get("retries").getValueNode(), "retries", 0, Vocabulary.MAX_RETRIES))
            : null;
    Duration timeout =
        e.containsKey("timeout") ? values.timeout(e.get("timeout").getValueNode()) : null;
    Map<String, Object> extra =
        e.containsKey("extra") ? values.extra(e.get("extra").getValueNode()) : Map.of();
    List<LoraAdapter> lora =
        e.containsKey("lora")
            ? new LoraDecoder(nodes).adapters(e.get("lora").getValueNode())
            : null;
    defaultChecks = expectDecoder.checks(e, null).over(defaultChecks);
    for (String k : Vocabulary.STRUCTURAL_DEFAULT_KEYS) {
      if (e.containsKey(k)) {
        locations.put(k, nodes.locate(e.get(k).getValueNode()));
      }
    }
    return new Defaults(fields, takes, retries, timeout, extra, locations, lora);
  }

  /** A step's {@code retries}: its own, else the defaults', else the built-in default. */
  int retries(Map<String, NodeTuple> e, Defaults defaults, Map<String, SourceLocation> locations) {
    return pick(
        e,
        "retries",
        0,
        Vocabulary.MAX_RETRIES,
        defaults.retries(),
        dev.acepipe.dsl.model.Step.DEFAULT_RETRIES,
        defaults,
        locations);
  }

  int pick(
      Map<String, NodeTuple> e,
      String key,
      long min,
      long max,
      Integer fallback,
      int standard,
      Defaults defaults,
      Map<String, SourceLocation> locations) {
    if (e.containsKey(key)) {
      Long v = nodes.wholeNumber(e.get(key).getValueNode(), key, min, max);
      return v == null ? (fallback == null ? standard : fallback) : v.intValue();
    }
    if (fallback != null) {
      locations.put(key, defaults.locations().get(key));
      return fallback;
    }
    return standard;
  }
}
