package dev.acepipe.dsl;

import static dev.acepipe.dsl.Nodes.describe;
import static dev.acepipe.dsl.Nodes.text;

import dev.acepipe.diagnostic.Codes;
import dev.acepipe.diagnostic.Diagnostic;
import dev.acepipe.dsl.model.Expect;
import dev.acepipe.dsl.model.LoraAdapter;
import dev.acepipe.dsl.model.SourceLocation;
import dev.acepipe.dsl.model.Step;
import dev.acepipe.dsl.model.StepField;
import dev.acepipe.dsl.model.StepKind;
import dev.acepipe.dsl.model.StepRef;
import dev.acepipe.dsl.model.Template;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/** The {@code steps:} map: each step, with its template ({@code use:}) and defaults applied. */
final class StepDecoder {
  private final Nodes nodes;
  private final ValueDecoder values;
  private final ReferenceDecoder refs;
  private final DefaultsDecoder defaultReader;
  private final SelectDecoder selects;
  private final Set<String> declared = new LinkedHashSet<>();
  private final Map<String, MappingNode> templates = new LinkedHashMap<>();

  /**
   * Shares the pipeline's value and defaults decoders (the latter keeps the take checks of every
   * {@code defaults:} read and decodes a step's over them); references and select steps it decodes
   * itself.
   */
  StepDecoder(Nodes nodes, ValueDecoder values, DefaultsDecoder defaultReader) {
    this.nodes = nodes;
    this.values = values;
    this.defaultReader = defaultReader;
    this.refs = new ReferenceDecoder(nodes);
    this.selects = new SelectDecoder(nodes, refs);
  }

  /**
   * Every step id written, valid or not, in order (so references to a broken step are not
   * "unknown").
   */
  Set<String> declared() {
    return declared;
  }

  /**
   * Makes {@code more} available to {@code use:}; a later template replaces one of the same name.
   */
  void addTemplates(Map<String, MappingNode> more) {
    templates.putAll(more);
  }

  Map<String, Step> steps(Node node, Defaults defaults) {
    Map<String, Step> steps = new LinkedHashMap<>();
    MappingNode map = nodes.mapping(node, "'steps' must be a map from step id to step", "");
    if (map == null) {
      return steps;
    }
    if (map.getValue().isEmpty()) {
      nodes.error(Codes.MISSING_FIELD, node, "'steps' is empty", "add at least one step");
      return steps;
    }
    int index = 0;
    for (NodeTuple t : map.getValue()) {
      String id = text(t.getKeyNode());
      declared.add(id);
      if (!Expressions.STEP_ID.matcher(id).matches()) {
        nodes.error(
            Codes.WRONG_TYPE,
            t.getKeyNode(),
            "step id '"
                + id
                + "' must start with a letter or '_' and hold only letters, digits, '_' or '-'");
        continue;
      }
      Step step = step(id, index, t.getKeyNode(), t.getValueNode(), defaults);
      if (step != null) {
        steps.put(id, step);
      }
      index++;
    }
    return steps;
  }

  Step step(String id, int index, Node idNode, Node node, Defaults defaults) {
    SourceLocation location = nodes.locate(idNode);
    MappingNode written = nodes.mapping(node, "step '" + id + "' must be a map with a 'type'", "");
    if (written == null) {
      return null;
    }
    String template = null;
    MappingNode map = written;
    NodeTuple use =
        written.getValue().stream()
            .filter(t -> text(t.getKeyNode()).equals("use"))
            .findFirst()
            .orElse(null);
    if (use != null) {
      Node un = use.getValueNode();
      if (!(un instanceof ScalarNode) || un.getTag().equals(Tag.NULL)) {
        nodes.error(Codes.WRONG_TYPE, un, "'use' must name a template, got " + describe(un));
        return null;
      }
      template = text(un);
      MappingNode t = templates.get(template);
      if (t == null) {
        String hint =
            Suggest.didYouMean(template, templates.keySet())
                .orElse(
                    templates.isEmpty()
                        ? "declare it under 'templates:' (here or in an included file)"
                        : "templates are: " + String.join(", ", templates.keySet()));
        nodes.error(Codes.UNKNOWN_TEMPLATE, un, "'use: " + template + "' names no template", hint);
        return null;
      }
      map = merged(t, written);
    }
    Map<String, NodeTuple> e = nodes.entries(map, Vocabulary.stepKeys(), "step '" + id + "'", "");
    NodeTuple typeEntry = e.get("type");
    if (typeEntry == null) {
      nodes.report(
          Diagnostic.error(
              Codes.MISSING_FIELD,
              location,
              "step '" + id + "' has no 'type'",
              "one of " + String.join(", ", StepKind.yamlNames())));
      return null;
    }
    Node typeNode = typeEntry.getValueNode();
    if (!(typeNode instanceof ScalarNode) || typeNode.getTag().equals(Tag.NULL)) {
      nodes.error(
          Codes.WRONG_TYPE,
          typeNode,
          "'type' must be a step kind, got " + describe(typeNode),
          "one of " + String.join(", ", StepKind.yamlNames()));
      return null;
    }
    String typeName = text(typeNode);
    StepKind kind = StepKind.fromYaml(typeName).orElse(null);
    if (kind == null) {
      String hint =
          Suggest.didYouMean(typeName, StepKind.yamlNames())
              .orElse("one of " + String.join(", ", StepKind.yamlNames()));
      nodes.error(Codes.UNKNOWN_KIND, typeNode, "unknown step type '" + typeName + "'", hint);
      return null;
    }

    Map<String, SourceLocation> locations = new LinkedHashMap<>();
    e.forEach((k, t) -> locations.put(k, nodes.locate(t.getValueNode())));
    if (kind == StepKind.SELECT) {
      SelectDecoder.Selection picked = selects.selection(e);
      return new Step(
          id,
          kind,
          index,
          Map.of(),
          picked.from(),
          null,
          needs(e, locations),
          1,
          defaultReader.retries(e, defaults, locations),
          values.stepTimeout(e, defaults),
          Map.of(),
          Map.of(),
          location,
          locations,
          picked.rule(),
          template,
          Expect.Checks.NONE,
          List.of());
    }
    if (e.containsKey("pick")) {
      nodes.error(
          Codes.UNKNOWN_KEY,
          e.get("pick").getKeyNode(),
          "'pick' does not apply to a " + kind.yamlName() + " step",
          "'pick' is for select steps");
    }
    Map<StepField, Template> fields = new EnumMap<>(StepField.class);
    for (StepField f : StepField.values()) {
      NodeTuple t = e.get(f.key());
      if (t == null) {
        continue;
      }
      if (!f.appliesTo(kind)) {
        String users = String.join(", ", f.kinds().stream().map(StepKind::yamlName).toList());
        nodes.error(
            Codes.UNKNOWN_KEY,
            t.getKeyNode(),
            "'"
                + f.key()
                + "' does not apply to "
                + ("aeiou".indexOf(kind.yamlName().charAt(0)) >= 0 ? "an " : "a ")
                + kind.yamlName()
                + " step",
            "'" + f.key() + "' is for " + users + " steps");
        continue;
      }
      Template value = values.field(f, t.getValueNode());
      if (value != null) {
        fields.put(f, value);
      }
    }
    defaults
        .fields()
        .forEach(
            (f, value) -> {
              if (f.appliesTo(kind) && !fields.containsKey(f) && !e.containsKey(f.key())) {
                fields.put(f, value);
                locations.put(f.key(), defaults.locations().get(f.key()));
              }
            });

    StepRef from =
        e.containsKey("from") ? refs.stepRef(e.get("from").getValueNode(), "from") : null;
    StepRef reference =
        e.containsKey("reference")
            ? refs.stepRef(e.get("reference").getValueNode(), "reference")
            : null;
    List<String> needs = needs(e, locations);

    int takes =
        defaultReader.pick(
            e,
            "takes",
            1,
            Vocabulary.MAX_TAKES,
            defaults.takes(),
            Step.DEFAULT_TAKES,
            defaults,
            locations);
    int retries = defaultReader.retries(e, defaults, locations);
    Duration timeout = values.stepTimeout(e, defaults);
    Map<String, List<String>> matrix =
        e.containsKey("matrix") ? refs.matrix(e.get("matrix").getValueNode(), locations) : Map.of();
    Map<String, Object> extra = new LinkedHashMap<>(defaults.extra());
    if (e.containsKey("extra")) {
      extra.putAll(values.extra(e.get("extra").getValueNode()));
    }
    Expect.Checks checks = defaultReader.checks(e, kind);
    List<LoraAdapter> lora = List.of();
    if (e.containsKey("lora")) {
      lora = new LoraDecoder(nodes).adapters(e.get("lora").getValueNode());
    } else if (defaults.lora() != null) {
      lora = defaults.lora();
      locations.put("lora", defaults.locations().get("lora"));
    }
    return new Step(
        id, kind, index, fields, from, reference, needs, takes, retries, timeout, matrix, extra,
        location, locations, null, template, checks, lora);
  }

  /** {@code needs:}, the steps a step of any kind waits for beyond those it reads. */
  private List<String> needs(Map<String, NodeTuple> e, Map<String, SourceLocation> locations) {
    return e.containsKey("needs")
        ? refs.needs(e.get("needs").getValueNode(), locations)
        : List.of();
  }

  /** A template's keys under the step's own: the step wins key by key. */
  MappingNode merged(MappingNode template, MappingNode step) {
    Set<String> own = new HashSet<>();
    step.getValue().forEach(t -> own.add(text(t.getKeyNode())));
    List<NodeTuple> tuples = new ArrayList<>();
    for (NodeTuple t : template.getValue()) {
      String key = text(t.getKeyNode());
      // unknown keys of a template were reported where the template is declared
      if (!own.contains(key) && Vocabulary.stepKeys().contains(key) && !key.equals("use")) {
        tuples.add(t);
      }
    }
    step.getValue().stream().filter(t -> !text(t.getKeyNode()).equals("use")).forEach(tuples::add);
    return new MappingNode(Tag.MAP, tuples, step.getFlowStyle());
  }
}
