package dev.acepipe.dsl;

import static dev.acepipe.dsl.Nodes.describe;
import static dev.acepipe.dsl.Nodes.isScalar;
import static dev.acepipe.dsl.Nodes.text;

import dev.acepipe.diagnostic.Codes;
import dev.acepipe.diagnostic.Diagnostic;
import dev.acepipe.dsl.model.AlbumSpec;
import dev.acepipe.dsl.model.OutputSpec;
import dev.acepipe.dsl.model.ParamSpec;
import dev.acepipe.dsl.model.Pipeline;
import dev.acepipe.dsl.model.ServerSpec;
import dev.acepipe.dsl.model.SourceLocation;
import dev.acepipe.dsl.model.Step;
import dev.acepipe.dsl.model.StoreSpec;
import dev.acepipe.dsl.model.Template;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The top level of a pipeline: version, name, seed, the included files layered under the pipeline's
 * own {@code vars}, {@code defaults}, {@code params} and {@code templates}, then every section
 * through its own decoder.
 */
final class PipelineDecoder {
  private final Document doc;
  private final List<Document> included;
  private final Nodes nodes;
  private final ValueDecoder values;
  private final ServerDecoder servers;
  private final DefaultsDecoder defaultReader;
  private final ParamsDecoder paramDecoder;
  private final TemplateDecoder templateDecoder;
  private final StepDecoder stepDecoder;
  private final OutputsDecoder outputDecoder;
  private final AlbumDecoder albumDecoder;

  /** One decoding of {@code doc} with the files its {@code include:} names. */
  PipelineDecoder(Document doc, List<Document> included) {
    this.doc = doc;
    this.included = List.copyOf(included);
    this.nodes = new Nodes(doc, this.included);
    this.values = new ValueDecoder(nodes);
    this.defaultReader = new DefaultsDecoder(nodes, values);
    this.servers = new ServerDecoder(nodes, values);
    this.paramDecoder = new ParamsDecoder(nodes);
    this.templateDecoder = new TemplateDecoder(nodes);
    this.stepDecoder = new StepDecoder(nodes, values, defaultReader);
    this.outputDecoder = new OutputsDecoder(nodes);
    this.albumDecoder = new AlbumDecoder(nodes);
  }

  Decoded decode() {
    Node root = doc.root();
    if (!(root instanceof MappingNode map)) {
      nodes.error(
          Codes.WRONG_TYPE,
          root,
          "a pipeline must be a map of keys (version, steps, ...), got " + describe(root));
      return new Decoded(null, stepDecoder.declared(), nodes.diagnostics());
    }
    Map<String, NodeTuple> top = nodes.entries(map, Vocabulary.TOP_KEYS, "top level", "");
    SourceLocation start = new SourceLocation(doc.file(), 1, 1);

    int version = Vocabulary.VERSION;
    NodeTuple v = top.get("version");
    if (v == null) {
      nodes.report(
          Diagnostic.error(
              Codes.MISSING_FIELD, start, "missing 'version'", "add 'version: 1' at the top"));
    } else {
      Node vn = v.getValueNode();
      if (!isScalar(vn, Tag.INT)) {
        nodes.error(
            Codes.WRONG_TYPE,
            vn,
            "'version' must be a whole number, got " + describe(vn),
            "write 'version: 1'");
      } else if (!text(vn).equals("1")) {
        nodes.error(
            Codes.UNSUPPORTED_VERSION,
            vn,
            "version " + text(vn) + " is not supported; this engine reads version 1",
            "write 'version: 1'");
      }
    }

    String name = defaultName(doc.file());
    NodeTuple n = top.get("name");
    if (n != null) {
      Node nn = n.getValueNode();
      if (!(nn instanceof ScalarNode) || nn.getTag().equals(Tag.NULL) || text(nn).isBlank()) {
        nodes.error(Codes.WRONG_TYPE, nn, "'name' must be text, got " + describe(nn));
      } else {
        name = text(nn);
      }
    }

    long seed = Integer.toUnsignedLong(name.hashCode());
    NodeTuple s = top.get("seed");
    if (s != null) {
      Long value = nodes.wholeNumber(s.getValueNode(), "seed", 0, Vocabulary.MAX_SEED);
      if (value != null) {
        seed = value;
      }
    }

    ServerSpec server =
        top.containsKey("server") ? servers.server(top.get("server").getValueNode()) : null;
    Map<String, Template> vars = new LinkedHashMap<>();
    Defaults defaults = Defaults.NONE;
    Map<String, ParamSpec> params = new LinkedHashMap<>();
    List<String> includes = new ArrayList<>();
    List<Map<String, NodeTuple>> layers = new ArrayList<>();
    for (Document d : included) {
      includes.add(d.file());
      if (!(d.root() instanceof MappingNode lib)) {
        nodes.error(
            Codes.WRONG_TYPE,
            d.root(),
            "an included file must be a map of defaults, vars, params and templates, got "
                + describe(d.root()));
        continue;
      }
      Map<String, NodeTuple> layer =
          nodes.entries(
              lib,
              Vocabulary.LIBRARY_KEYS,
              "an included file",
              "an included file holds version, include, params, defaults, vars and templates");
      NodeTuple lv = layer.get("version");
      if (lv != null
          && !(isScalar(lv.getValueNode(), Tag.INT) && text(lv.getValueNode()).equals("1"))) {
        nodes.error(
            Codes.UNSUPPORTED_VERSION,
            lv.getValueNode(),
            "included file has version "
                + describe(lv.getValueNode())
                + "; this engine reads version 1",
            "write 'version: 1' or leave it out");
      }
      layers.add(layer);
    }
    layers.add(top);
    for (Map<String, NodeTuple> layer : layers) {
      if (layer.containsKey("vars")) {
        vars.putAll(vars(layer.get("vars").getValueNode()));
      }
      if (layer.containsKey("defaults")) {
        defaults =
            defaults.overriddenBy(defaultReader.defaults(layer.get("defaults").getValueNode()));
      }
      if (layer.containsKey("params")) {
        params.putAll(paramDecoder.params(layer.get("params").getValueNode()));
      }
      if (layer.containsKey("templates")) {
        stepDecoder.addTemplates(templateDecoder.templates(layer.get("templates").getValueNode()));
      }
    }

    Map<String, Step> steps = new LinkedHashMap<>();
    NodeTuple st = top.get("steps");
    if (st == null) {
      nodes.report(
          Diagnostic.error(
              Codes.MISSING_FIELD,
              start,
              "missing 'steps'",
              "add a 'steps:' map with at least one step"));
    } else {
      steps = stepDecoder.steps(st.getValueNode(), defaults);
    }

    List<OutputSpec> outputs =
        top.containsKey("outputs")
            ? outputDecoder.outputs(top.get("outputs").getValueNode())
            : List.of();
    AlbumSpec album =
        top.containsKey("album") ? albumDecoder.album(top.get("album").getValueNode()) : null;
    StoreSpec store =
        top.containsKey("store") ? servers.store(top.get("store").getValueNode()) : null;
    boolean switchModels =
        top.containsKey("models")
            && new LoraDecoder(nodes).switchModels(top.get("models").getValueNode());
    Pipeline p =
        new Pipeline(
            doc.file(),
            version,
            name,
            seed,
            server,
            vars,
            steps,
            outputs,
            params,
            album,
            includes,
            store,
            switchModels);
    return new Decoded(p, stepDecoder.declared(), nodes.diagnostics());
  }

  Map<String, Template> vars(Node node) {
    return nodes.named(
        node,
        "'vars' must be a map of names to text",
        "",
        "var name",
        (key, t) -> values.template(t.getValueNode(), "vars." + key, Expressions.VAR_SCOPES));
  }

  static String defaultName(String file) {
    String base = file.replace('\\', '/');
    base = base.substring(base.lastIndexOf('/') + 1);
    int dot = base.lastIndexOf('.');
    base = dot > 0 ? base.substring(0, dot) : base;
    return base.isBlank() ? "pipeline" : base;
  }
}
