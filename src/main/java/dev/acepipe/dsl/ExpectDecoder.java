package dev.acepipe.dsl;

import static dev.acepipe.dsl.Nodes.describe;
import static dev.acepipe.dsl.Nodes.isScalar;
import static dev.acepipe.dsl.Nodes.text;

import dev.acepipe.diagnostic.Codes;
import dev.acepipe.dsl.model.Expect;
import dev.acepipe.dsl.model.StepKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Take checks and lint of a step or of {@code defaults:}: {@code expect}, {@code on_fail}, {@code
 * lint}.
 */
final class ExpectDecoder {
  private final Nodes nodes;

  ExpectDecoder(Nodes nodes) {
    this.nodes = nodes;
  }

  /**
   * {@code expect:}, {@code on_fail:} and {@code lint:} of a step ({@code kind} non-null) or of
   * {@code defaults:} ({@code kind} null). Expectations apply to the takes of server jobs only.
   */
  Expect.Checks checks(Map<String, NodeTuple> e, StepKind kind) {
    boolean job =
        kind == null
            || EnumSet.of(
                    StepKind.GENERATE,
                    StepKind.SAMPLE,
                    StepKind.CONTINUE,
                    StepKind.REPAINT,
                    StepKind.COVER,
                    StepKind.EXTRACT,
                    StepKind.LEGO,
                    StepKind.COMPLETE)
                .contains(kind);
    Expect expect = Expect.NONE;
    Expect.OnFail onFail = null;
    for (String key : List.of("expect", "on_fail")) {
      if (e.containsKey(key) && !job) {
        nodes.error(
            Codes.UNKNOWN_KEY,
            e.get(key).getKeyNode(),
            "'" + key + "' does not apply to a " + kind.yamlName() + " step",
            "takes are checked on generate, sample, continue, repaint and cover steps");
      }
    }
    if (job && e.containsKey("expect")) {
      expect = expect(e.get("expect").getValueNode());
    }
    if (job && e.containsKey("on_fail")) {
      Node n = e.get("on_fail").getValueNode();
      onFail =
          n instanceof ScalarNode && !n.getTag().equals(Tag.NULL)
              ? Expect.OnFail.fromYaml(text(n)).orElse(null)
              : null;
      if (onFail == null) {
        nodes.error(
            Codes.WRONG_TYPE,
            n,
            "'on_fail' must be fail or reroll, got " + describe(n),
            "reroll asks for new takes with new seeds, up to 'retries' times");
      }
    }
    List<String> ignore =
        e.containsKey("lint") ? lintIgnore(e.get("lint").getValueNode()) : List.of();
    return new Expect.Checks(expect, onFail, ignore);
  }

  Expect expect(Node node) {
    MappingNode map =
        nodes.mapping(
            node, "'expect' must be a map such as {loudness: [-16, -8], true_peak: -1}", "");
    if (map == null) {
      return Expect.NONE;
    }
    Map<String, NodeTuple> e =
        nodes.entries(map, Expect.KEYS, "expect", "expect takes " + String.join(", ", Expect.KEYS));
    Double lo = null;
    Double hi = null;
    if (e.containsKey("loudness")) {
      Node n = e.get("loudness").getValueNode();
      if (n instanceof SequenceNode seq && seq.getValue().size() == 2) {
        Double a = nodes.number(seq.getValue().get(0), "loudness", -70, 0);
        Double b = nodes.number(seq.getValue().get(1), "loudness", -70, 0);
        if (a != null && b != null && a > b) {
          nodes.error(
              Codes.OUT_OF_RANGE,
              n,
              "'loudness' must be [lowest, highest] LUFS, got " + a + " above " + b,
              "write e.g. loudness: [-16, -8]");
        } else if (a != null && b != null) {
          lo = a;
          hi = b;
        }
      } else {
        nodes.error(
            Codes.WRONG_TYPE,
            n,
            "'loudness' must be a range [lowest, highest] in LUFS, got " + describe(n),
            "write e.g. loudness: [-16, -8]");
      }
    }
    Double truePeak = nodes.number(e, "true_peak", -30, 6);
    Double silence = nodes.number(e, "max_silence", 0, 600);
    Double threshold = nodes.number(e, "silence_threshold", -120, -20);
    Double duration = nodes.number(e, "duration_tolerance", 0, 600);
    Double tempo = nodes.number(e, "tempo_tolerance", 0, 60);
    Boolean clipping = null;
    if (e.containsKey("clipping")) {
      Node n = e.get("clipping").getValueNode();
      if (isScalar(n, Tag.BOOL)) {
        clipping = Boolean.parseBoolean(text(n).toLowerCase(java.util.Locale.ROOT));
      } else {
        nodes.error(
            Codes.WRONG_TYPE,
            n,
            "'clipping' must be true or false, got " + describe(n),
            "clipping: false fails takes with clipped samples");
      }
    }
    return new Expect(lo, hi, truePeak, silence, threshold, duration, tempo, clipping);
  }

  /** {@code lint: {ignore: [code, ...]}}: every code must be a lint code. */
  List<String> lintIgnore(Node node) {
    MappingNode map =
        nodes.mapping(
            node, "'lint' must be a map such as {ignore: [" + Codes.LINT.get(0) + "]}", "");
    if (map == null) {
      return List.of();
    }
    Map<String, NodeTuple> e =
        nodes.entries(map, List.of("ignore"), "lint", "lint takes ignore: [code, ...]");
    if (!e.containsKey("ignore")) {
      return List.of();
    }
    Node n = e.get("ignore").getValueNode();
    List<Node> items = n instanceof SequenceNode seq ? seq.getValue() : List.of(n);
    List<String> codes = new ArrayList<>();
    for (Node item : items) {
      String code = text(item);
      if (!(item instanceof ScalarNode) || !Codes.LINT.contains(code)) {
        String hint =
            Suggest.didYouMean(code, Codes.LINT)
                .orElse("lint codes: " + String.join(", ", Codes.LINT));
        nodes.error(Codes.UNKNOWN_KEY, item, "'" + code + "' is not a lint code", hint);
      } else {
        codes.add(code);
      }
    }
    return codes;
  }
}
