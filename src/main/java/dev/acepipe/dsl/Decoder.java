package dev.acepipe.dsl;

import dev.acepipe.diagnostic.Codes;
import dev.acepipe.diagnostic.Diagnostic;
import dev.acepipe.dsl.model.AlbumSpec;
import dev.acepipe.dsl.model.Expect;
import dev.acepipe.dsl.model.OutputSpec;
import dev.acepipe.dsl.model.ParamSpec;
import dev.acepipe.dsl.model.ParamType;
import dev.acepipe.dsl.model.Pipeline;
import dev.acepipe.dsl.model.SelectRule;
import dev.acepipe.dsl.model.ServerSpec;
import dev.acepipe.dsl.model.SourceLocation;
import dev.acepipe.dsl.model.Step;
import dev.acepipe.dsl.model.StepField;
import dev.acepipe.dsl.model.StepKind;
import dev.acepipe.dsl.model.StepRef;
import dev.acepipe.dsl.model.StoreSpec;
import dev.acepipe.dsl.model.Template;
import dev.acepipe.dsl.model.ValueType;
import dev.acepipe.secret.Credentials;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns a {@link Document} into a {@link Pipeline}, reporting every structural problem: {@code
 * unknown-key}, {@code wrong-type}, {@code missing-field} (document level and {@code type}), {@code
 * out-of-range} for literal values, {@code unknown-kind}, {@code unsupported-version} and malformed
 * {@code ${...}} ({@code bad-expression}), {@code unknown-template} and {@code select-rule}. It
 * also decodes {@code params:}, {@code templates:}, {@code album:} and the libraries an {@code
 * include:} pulled in (merged under the including file; every diagnostic names the file the node
 * comes from). Semantic rules across steps live in {@code validate}.
 *
 * <p>The key lists here are the decoder's whole vocabulary; a test checks the JSON Schema against
 * them. Stateless and thread-safe.
 */
public final class Decoder {
  public static final int VERSION = 1;

  public static final List<String> TOP_KEYS =
      List.of(
          "version",
          "name",
          "seed",
          "include",
          "params",
          "server",
          "defaults",
          "vars",
          "templates",
          "steps",
          "outputs",
          "album",
          "store");

  /** The top-level keys of a file named by {@code include:}. */
  public static final List<String> LIBRARY_KEYS =
      List.of("version", "include", "params", "defaults", "vars", "templates");

  public static final List<String> PARAM_KEYS = List.of("type", "values", "default", "description");
  public static final List<String> ALBUM_KEYS =
      List.of(
          "title", "artist", "format", "loudness", "loudness_mode", "true_peak", "dir", "tracks");
  public static final List<String> TRACK_KEYS = List.of("step", "title");

  /** The only keys a {@code select} step takes. */
  public static final List<String> SELECT_STEP_KEYS =
      List.of("type", "use", "from", "pick", "needs", "retries", "timeout");

  public static final List<String> SERVER_KEYS = List.of("url", "api_key");

  /**
   * The keys of {@code store:} (a shared remote store); credentials are deliberately not among
   * them.
   */
  public static final List<String> STORE_KEYS = List.of("remote", "endpoint", "region");

  private static final java.util.regex.Pattern CREDENTIAL_KEY =
      java.util.regex.Pattern.compile("(?i)key|secret|token|password|credential");

  /** Step keys that are not {@link StepField}s. */
  public static final List<String> STRUCTURAL_STEP_KEYS =
      List.of(
          "type",
          "use",
          "from",
          "pick",
          "reference",
          "needs",
          "takes",
          "retries",
          "timeout",
          "matrix",
          "extra",
          "expect",
          "on_fail",
          "lint");

  /** The non-field keys {@code defaults:} accepts. */
  public static final List<String> STRUCTURAL_DEFAULT_KEYS =
      List.of("takes", "retries", "timeout", "extra", "expect", "on_fail", "lint");

  public static final int MAX_TAKES = 8;
  public static final int MAX_RETRIES = 10;
  public static final int MAX_MATRIX_INSTANCES = 1000;
  public static final long MAX_SEED = 4_294_967_295L;
  public static final Duration MAX_TIMEOUT = Duration.ofHours(24);

  /** A step id, optionally with a matrix instance suffix {@code [k=v,...]}. */
  private static final Pattern INSTANCE_REF =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*(\\[[^\\]]+\\])?");

  private static final Pattern TIMEOUT = Pattern.compile("(\\d{1,6})\\s*(ms|s|m|h)?");

  private static final List<String> STEP_KEYS =
      Stream.of(
              Stream.of("type"),
              Arrays.stream(StepField.values()).map(StepField::key),
              STRUCTURAL_STEP_KEYS.stream().filter(k -> !k.equals("type")))
          .flatMap(s -> s)
          .toList();
  private static final List<String> DEFAULT_KEYS =
      Stream.concat(
              Arrays.stream(StepField.values()).map(StepField::key),
              STRUCTURAL_DEFAULT_KEYS.stream())
          .toList();

  /** Every key a step accepts, in documentation order. */
  public static List<String> stepKeys() {
    return STEP_KEYS;
  }

  /** Every key {@code defaults:} accepts. */
  public static List<String> defaultKeys() {
    return DEFAULT_KEYS;
  }

  /** Decodes {@code doc}, which includes nothing; never throws for bad input. */
  public Decoded decode(Document doc) {
    return decode(doc, List.of());
  }

  /**
   * Decodes {@code doc} with the files its {@code include:} names already loaded (see {@link
   * Includes}).
   *
   * @param included lowest precedence first; {@code doc} itself wins over all of them
   */
  public Decoded decode(Document doc, List<Document> included) {
    return new Run(doc, included).decode();
  }

  /** One decoding; collects diagnostics. */
  private static final class Run {
    private final Document doc;
    private final List<Diagnostic> out = new ArrayList<>();
    private final Set<String> declared = new LinkedHashSet<>();
    private final List<Document> included;

    /**
     * Which file a node of an included document comes from (nodes of {@code doc} are not listed).
     */
    private final Map<Node, Document> owner = new IdentityHashMap<>();

    private final Map<String, MappingNode> templates = new LinkedHashMap<>();

    /**
     * {@code expect:}, {@code on_fail:} and {@code lint:} of every {@code defaults:} read so far.
     */
    private Expect.Checks defaultChecks = Expect.Checks.NONE;

    Run(Document doc, List<Document> included) {
      this.doc = doc;
      this.included = List.copyOf(included);
      for (Document d : this.included) {
        register(d.root(), d);
      }
    }

    private void register(Node node, Document d) {
      if (owner.put(node, d) != null) {
        return; // aliases share nodes
      }
      if (node instanceof MappingNode m) {
        for (NodeTuple t : m.getValue()) {
          register(t.getKeyNode(), d);
          register(t.getValueNode(), d);
        }
      } else if (node instanceof SequenceNode q) {
        q.getValue().forEach(n -> register(n, d));
      }
    }

    private SourceLocation locate(Node node) {
      return owner.getOrDefault(node, doc).locate(node);
    }

    Decoded decode() {
      Node root = doc.root();
      if (!(root instanceof MappingNode map)) {
        error(
            Codes.WRONG_TYPE,
            root,
            "a pipeline must be a map of keys (version, steps, ...), got " + describe(root));
        return new Decoded(null, declared, out);
      }
      Map<String, NodeTuple> top = entries(map, TOP_KEYS, "top level", "");
      SourceLocation start = new SourceLocation(doc.file(), 1, 1);

      int version = VERSION;
      NodeTuple v = top.get("version");
      if (v == null) {
        out.add(
            Diagnostic.error(
                Codes.MISSING_FIELD, start, "missing 'version'", "add 'version: 1' at the top"));
      } else {
        Node vn = v.getValueNode();
        if (!isScalar(vn, Tag.INT)) {
          error(
              Codes.WRONG_TYPE,
              vn,
              "'version' must be a whole number, got " + describe(vn),
              "write 'version: 1'");
        } else if (!text(vn).equals("1")) {
          error(
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
          error(Codes.WRONG_TYPE, nn, "'name' must be text, got " + describe(nn));
        } else {
          name = text(nn);
        }
      }

      long seed = Integer.toUnsignedLong(name.hashCode());
      NodeTuple s = top.get("seed");
      if (s != null) {
        Long value = wholeNumber(s.getValueNode(), "seed", 0, MAX_SEED);
        if (value != null) {
          seed = value;
        }
      }

      ServerSpec server =
          top.containsKey("server") ? server(top.get("server").getValueNode()) : null;
      Map<String, Template> vars = new LinkedHashMap<>();
      Defaults defaults = Defaults.NONE;
      Map<String, ParamSpec> params = new LinkedHashMap<>();
      List<String> includes = new ArrayList<>();
      List<Map<String, NodeTuple>> layers = new ArrayList<>();
      for (Document d : included) {
        includes.add(d.file());
        if (!(d.root() instanceof MappingNode lib)) {
          error(
              Codes.WRONG_TYPE,
              d.root(),
              "an included file must be a map of defaults, vars, params and templates, got "
                  + describe(d.root()));
          continue;
        }
        Map<String, NodeTuple> layer =
            entries(
                lib,
                LIBRARY_KEYS,
                "an included file",
                "an included file holds version, include, params, defaults, vars and templates");
        NodeTuple lv = layer.get("version");
        if (lv != null
            && !(isScalar(lv.getValueNode(), Tag.INT) && text(lv.getValueNode()).equals("1"))) {
          error(
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
          defaults = defaults.overriddenBy(defaults(layer.get("defaults").getValueNode()));
        }
        if (layer.containsKey("params")) {
          params.putAll(params(layer.get("params").getValueNode()));
        }
        if (layer.containsKey("templates")) {
          templates.putAll(templates(layer.get("templates").getValueNode()));
        }
      }

      Map<String, Step> steps = new LinkedHashMap<>();
      NodeTuple st = top.get("steps");
      if (st == null) {
        out.add(
            Diagnostic.error(
                Codes.MISSING_FIELD,
                start,
                "missing 'steps'",
                "add a 'steps:' map with at least one step"));
      } else {
        steps = steps(st.getValueNode(), defaults);
      }

      List<OutputSpec> outputs =
          top.containsKey("outputs") ? outputs(top.get("outputs").getValueNode()) : List.of();
      AlbumSpec album = top.containsKey("album") ? album(top.get("album").getValueNode()) : null;
      StoreSpec store = top.containsKey("store") ? store(top.get("store").getValueNode()) : null;
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
              store);
      return new Decoded(p, declared, out);
    }

    // ---- sections ---------------------------------------------------------------------------

    private ServerSpec server(Node node) {
      if (!(node instanceof MappingNode map)) {
        error(
            Codes.WRONG_TYPE,
            node,
            "'server' must be a map with 'url' (and 'api_key'), got " + describe(node));
        return null;
      }
      Map<String, NodeTuple> e = entries(map, SERVER_KEYS, "server", "");
      Template url = null;
      if (!e.containsKey("url")) {
        error(
            Codes.MISSING_FIELD,
            map,
            "'server' has no 'url'",
            "remove 'server:' to use the embedded server");
      } else {
        url = template(e.get("url").getValueNode(), "url", Expressions.SERVER_SCOPES);
      }
      Template key =
          e.containsKey("api_key")
              ? template(e.get("api_key").getValueNode(), "api_key", Expressions.SERVER_SCOPES)
              : null;
      return url == null ? null : new ServerSpec(url, key);
    }

    /**
     * {@code store: {remote: s3://bucket/prefix, endpoint: URL, region: NAME}}; literal text, no
     * credentials.
     */
    private StoreSpec store(Node node) {
      if (!(node instanceof MappingNode map)) {
        error(
            Codes.WRONG_TYPE,
            node,
            "'store' must be a map with 'remote' (and 'endpoint', 'region'), got "
                + describe(node));
        return null;
      }
      // A credential-like key gets its own message (where credentials do go), not "did you mean".
      List<NodeTuple> rest = new ArrayList<>();
      for (NodeTuple t : map.getValue()) {
        if (CREDENTIAL_KEY.matcher(text(t.getKeyNode())).find()) {
          error(
              Codes.UNKNOWN_KEY,
              t.getKeyNode(),
              "credentials never go in the pipeline ('" + text(t.getKeyNode()) + "')",
              "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) in the environment");
        } else {
          rest.add(t);
        }
      }
      Map<String, NodeTuple> e =
          entries(new MappingNode(map.getTag(), rest, map.getFlowStyle()), STORE_KEYS, "store", "");
      String remote = storeText(e.get("remote"), "remote");
      String endpoint = storeText(e.get("endpoint"), "endpoint");
      String region = storeText(e.get("region"), "region");
      boolean ok = true;
      if (!e.containsKey("remote")) {
        error(
            Codes.MISSING_FIELD,
            map,
            "'store' has no 'remote'",
            "write 'remote: s3://bucket/prefix'");
        ok = false;
      } else if (remote != null
          && !remote.matches("(?i)s3://[a-z0-9][a-z0-9.\\-_]{1,61}[a-z0-9](/.*)?")) {
        error(
            Codes.WRONG_TYPE,
            e.get("remote").getValueNode(),
            "'remote' must be an s3://bucket/prefix URL, got "
                + describe(e.get("remote").getValueNode()),
            "e.g. s3://acme-renders/acepipe");
        ok = false;
      }
      if (endpoint != null && !endpoint.matches("(?i)https?://[^/@\\s]+(/[^?#\\s]*)?")) {
        error(
            Codes.WRONG_TYPE,
            e.get("endpoint").getValueNode(),
            "'endpoint' must be an http:// or https:// URL "
                + "without credentials, got "
                + describe(e.get("endpoint").getValueNode()),
            "e.g. http://minio.internal:9000");
        ok = false;
      }
      if (region != null && !region.matches("[a-z0-9][a-z0-9\\-]{0,62}")) {
        error(
            Codes.WRONG_TYPE,
            e.get("region").getValueNode(),
            "'region' must be a region name such as eu-central-1, got "
                + describe(e.get("region").getValueNode()));
        ok = false;
      }
      return ok && remote != null ? new StoreSpec(remote, endpoint, region) : null;
    }

    private String storeText(NodeTuple t, String key) {
      if (t == null) {
        return null;
      }
      Node v = t.getValueNode();
      if (!(v instanceof ScalarNode) || v.getTag().equals(Tag.NULL) || text(v).isBlank()) {
        error(Codes.WRONG_TYPE, v, "'" + key + "' in 'store' must be text, got " + describe(v));
        return null;
      }
      return text(v).strip();
    }

    private Map<String, Template> vars(Node node) {
      Map<String, Template> vars = new LinkedHashMap<>();
      if (!(node instanceof MappingNode map)) {
        error(
            Codes.WRONG_TYPE, node, "'vars' must be a map of names to text, got " + describe(node));
        return vars;
      }
      for (NodeTuple t : map.getValue()) {
        String key = text(t.getKeyNode());
        if (!Expressions.NAME.matcher(key).matches()) {
          error(
              Codes.WRONG_TYPE,
              t.getKeyNode(),
              "var name '" + key + "' must be letters, digits, '_' or '-'");
          continue;
        }
        Template value = template(t.getValueNode(), "vars." + key, Expressions.VAR_SCOPES);
        if (value != null) {
          vars.put(key, value);
        }
      }
      return vars;
    }

    /** {@code defaults:} values, each kept with its location. */
    private record Defaults(
        Map<StepField, Template> fields,
        Integer takes,
        Integer retries,
        Duration timeout,
        Map<String, Object> extra,
        Map<String, SourceLocation> locations) {
      static final Defaults NONE = new Defaults(Map.of(), null, null, null, Map.of(), Map.of());

      /** These defaults with every value {@code higher} sets replacing ours. */
      Defaults overriddenBy(Defaults higher) {
        Map<StepField, Template> f = new EnumMap<>(StepField.class);
        f.putAll(fields);
        f.putAll(higher.fields);
        Map<String, Object> x = new LinkedHashMap<>(extra);
        x.putAll(higher.extra);
        Map<String, SourceLocation> l = new LinkedHashMap<>(locations);
        l.putAll(higher.locations);
        return new Defaults(
            f,
            higher.takes != null ? higher.takes : takes,
            higher.retries != null ? higher.retries : retries,
            higher.timeout != null ? higher.timeout : timeout,
            x,
            l);
      }
    }

    private Defaults defaults(Node node) {
      if (!(node instanceof MappingNode map)) {
        error(
            Codes.WRONG_TYPE,
            node,
            "'defaults' must be a map of step fields, got " + describe(node));
        return Defaults.NONE;
      }
      Map<String, NodeTuple> e =
          entries(
              map,
              defaultKeys(),
              "defaults",
              "type, from, reference, needs and matrix belong on each step");
      Map<StepField, Template> fields = new EnumMap<>(StepField.class);
      Map<String, SourceLocation> locations = new LinkedHashMap<>();
      for (StepField f : StepField.values()) {
        NodeTuple t = e.get(f.key());
        if (t != null) {
          locations.put(f.key(), locate(t.getValueNode()));
          Template value = field(f, t.getValueNode());
          if (value != null) {
            fields.put(f, value);
          }
        }
      }
      Integer takes =
          e.containsKey("takes")
              ? intOrNull(wholeNumber(e.get("takes").getValueNode(), "takes", 1, MAX_TAKES))
              : null;
      Integer retries =
          e.containsKey("retries")
              ? intOrNull(wholeNumber(e.get("retries").getValueNode(), "retries", 0, MAX_RETRIES))
              : null;
      Duration timeout = e.containsKey("timeout") ? timeout(e.get("timeout").getValueNode()) : null;
      Map<String, Object> extra =
          e.containsKey("extra") ? extra(e.get("extra").getValueNode()) : Map.of();
      defaultChecks = checks(e, null).over(defaultChecks);
      for (String k : STRUCTURAL_DEFAULT_KEYS) {
        if (e.containsKey(k)) {
          locations.put(k, locate(e.get(k).getValueNode()));
        }
      }
      return new Defaults(fields, takes, retries, timeout, extra, locations);
    }

    private Map<String, Step> steps(Node node, Defaults defaults) {
      Map<String, Step> steps = new LinkedHashMap<>();
      if (!(node instanceof MappingNode map)) {
        error(
            Codes.WRONG_TYPE,
            node,
            "'steps' must be a map from step id to step, got " + describe(node));
        return steps;
      }
      if (map.getValue().isEmpty()) {
        error(Codes.MISSING_FIELD, node, "'steps' is empty", "add at least one step");
        return steps;
      }
      int index = 0;
      for (NodeTuple t : map.getValue()) {
        String id = text(t.getKeyNode());
        declared.add(id);
        if (!Expressions.STEP_ID.matcher(id).matches()) {
          error(
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

    private Step step(String id, int index, Node idNode, Node node, Defaults defaults) {
      SourceLocation location = locate(idNode);
      if (!(node instanceof MappingNode written)) {
        error(
            Codes.WRONG_TYPE,
            node,
            "step '" + id + "' must be a map with a 'type', got " + describe(node));
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
          error(Codes.WRONG_TYPE, un, "'use' must name a template, got " + describe(un));
          return null;
        }
        template = text(un);
        MappingNode t = templates.get(template);
        if (t == null) {
          String hint =
              Suggest.closest(template, templates.keySet())
                  .map(k -> "did you mean '" + k + "'?")
                  .orElse(
                      templates.isEmpty()
                          ? "declare it under 'templates:' (here or in an included file)"
                          : "templates are: " + String.join(", ", templates.keySet()));
          error(Codes.UNKNOWN_TEMPLATE, un, "'use: " + template + "' names no template", hint);
          return null;
        }
        map = merged(t, written);
      }
      Map<String, NodeTuple> e = entries(map, stepKeys(), "step '" + id + "'", "");
      NodeTuple typeEntry = e.get("type");
      if (typeEntry == null) {
        out.add(
            Diagnostic.error(
                Codes.MISSING_FIELD,
                location,
                "step '" + id + "' has no 'type'",
                "one of " + String.join(", ", StepKind.yamlNames())));
        return null;
      }
      Node typeNode = typeEntry.getValueNode();
      if (!(typeNode instanceof ScalarNode) || typeNode.getTag().equals(Tag.NULL)) {
        error(
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
            Suggest.closest(typeName, StepKind.yamlNames())
                .map(k -> "did you mean '" + k + "'?")
                .orElse("one of " + String.join(", ", StepKind.yamlNames()));
        error(Codes.UNKNOWN_KIND, typeNode, "unknown step type '" + typeName + "'", hint);
        return null;
      }

      Map<String, SourceLocation> locations = new LinkedHashMap<>();
      e.forEach((k, t) -> locations.put(k, locate(t.getValueNode())));
      if (kind == StepKind.SELECT) {
        return select(id, index, location, e, locations, defaults, template);
      }
      if (e.containsKey("pick")) {
        error(
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
          error(
              Codes.UNKNOWN_KEY,
              t.getKeyNode(),
              "'" + f.key() + "' does not apply to a " + kind.yamlName() + " step",
              "'" + f.key() + "' is for " + users + " steps");
          continue;
        }
        Template value = field(f, t.getValueNode());
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

      StepRef from = e.containsKey("from") ? stepRef(e.get("from").getValueNode(), "from") : null;
      StepRef reference =
          e.containsKey("reference")
              ? stepRef(e.get("reference").getValueNode(), "reference")
              : null;
      List<String> needs =
          e.containsKey("needs") ? needs(e.get("needs").getValueNode(), locations) : List.of();

      int takes =
          pick(e, "takes", 1, MAX_TAKES, defaults.takes(), Step.DEFAULT_TAKES, defaults, locations);
      int retries =
          pick(
              e,
              "retries",
              0,
              MAX_RETRIES,
              defaults.retries(),
              Step.DEFAULT_RETRIES,
              defaults,
              locations);
      Duration timeout = Step.DEFAULT_TIMEOUT;
      if (e.containsKey("timeout")) {
        Duration d = timeout(e.get("timeout").getValueNode());
        timeout = d == null ? timeout : d;
      } else if (defaults.timeout() != null) {
        timeout = defaults.timeout();
      }
      Map<String, List<String>> matrix =
          e.containsKey("matrix") ? matrix(e.get("matrix").getValueNode(), locations) : Map.of();
      Map<String, Object> extra = new LinkedHashMap<>(defaults.extra());
      if (e.containsKey("extra")) {
        extra.putAll(extra(e.get("extra").getValueNode()));
      }
      Expect.Checks checks = checks(e, kind).over(defaultChecks);
      return new Step(
          id, kind, index, fields, from, reference, needs, takes, retries, timeout, matrix, extra,
          location, locations, null, template, checks);
    }

    /** A template's keys under the step's own: the step wins key by key. */
    private MappingNode merged(MappingNode template, MappingNode step) {
      Set<String> own = new HashSet<>();
      step.getValue().forEach(t -> own.add(text(t.getKeyNode())));
      List<NodeTuple> tuples = new ArrayList<>();
      for (NodeTuple t : template.getValue()) {
        String key = text(t.getKeyNode());
        // unknown keys of a template were reported where the template is declared
        if (!own.contains(key) && stepKeys().contains(key) && !key.equals("use")) {
          tuples.add(t);
        }
      }
      step.getValue().stream()
          .filter(t -> !text(t.getKeyNode()).equals("use"))
          .forEach(tuples::add);
      return new MappingNode(Tag.MAP, tuples, step.getFlowStyle());
    }

    /**
     * A {@code select} step: {@code from}, {@code pick} and the scheduling keys; nothing else
     * applies.
     */
    private Step select(
        String id,
        int index,
        SourceLocation location,
        Map<String, NodeTuple> e,
        Map<String, SourceLocation> locations,
        Defaults defaults,
        String template) {
      for (Map.Entry<String, NodeTuple> entry : e.entrySet()) {
        if (!SELECT_STEP_KEYS.contains(entry.getKey())) {
          error(
              Codes.UNKNOWN_KEY,
              entry.getValue().getKeyNode(),
              "'" + entry.getKey() + "' does not apply to a select step",
              "a select step takes from, pick, needs, retries and timeout");
        }
      }
      StepRef from = e.containsKey("from") ? stepRef(e.get("from").getValueNode(), "from") : null;
      if (from != null
          && e.get("from").getValueNode() instanceof ScalarNode fs
          && fs.getValue().contains("#")) {
        error(
            Codes.SELECT_RULE,
            fs,
            "a select step picks among all takes of '"
                + from.step()
                + "'; 'from' names a step, not a take",
            "write 'from: " + from.step() + "'");
        from = null;
      }
      SelectRule rule = e.containsKey("pick") ? pickRule(e.get("pick").getValueNode()) : null;
      List<String> needs =
          e.containsKey("needs") ? needs(e.get("needs").getValueNode(), locations) : List.of();
      int retries =
          pick(
              e,
              "retries",
              0,
              MAX_RETRIES,
              defaults.retries(),
              Step.DEFAULT_RETRIES,
              defaults,
              locations);
      Duration timeout = Step.DEFAULT_TIMEOUT;
      if (e.containsKey("timeout")) {
        Duration d = timeout(e.get("timeout").getValueNode());
        timeout = d == null ? timeout : d;
      } else if (defaults.timeout() != null) {
        timeout = defaults.timeout();
      }
      if (rule == null) {
        // a missing 'pick' is reported by RequiredFieldsRule, a broken one above; the step is kept
        // (with
        // a stand-in rule) so that references to it are not reported as unknown
        rule = new SelectRule.Manual();
      }
      return new Step(
          id,
          StepKind.SELECT,
          index,
          Map.of(),
          from,
          null,
          needs,
          1,
          retries,
          timeout,
          Map.of(),
          Map.of(),
          location,
          locations,
          rule,
          template);
    }

    private SelectRule pickRule(Node node) {
      String hint =
          "write pick: loudest, longest, manual, {index: N} or {closest_duration: SECONDS}";
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
            error(
                Codes.SELECT_RULE,
                node,
                "pick rule '" + name + "' needs a value",
                "write pick: {" + name + ": " + (name.equals("index") ? "0" : "30") + "}");
            return null;
          default:
            error(
                Codes.SELECT_RULE,
                node,
                "unknown pick rule '" + name + "'",
                Suggest.closest(name, SelectRule.yamlNames())
                    .map(k -> "did you mean '" + k + "'?")
                    .orElse(hint));
            return null;
        }
      }
      if (!(node instanceof MappingNode map) || map.getValue().size() != 1) {
        error(
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
            Long i = wholeNumber(value, "index", 0, (long) MAX_TAKES * MAX_MATRIX_INSTANCES - 1);
            return i == null ? null : new SelectRule.Index(i.intValue());
          }
        case "closest_duration":
          {
            if (!isScalar(value, Tag.INT) && !isScalar(value, Tag.FLOAT)) {
              error(
                  Codes.WRONG_TYPE,
                  value,
                  "'closest_duration' must be seconds, got " + describe(value));
              return null;
            }
            double d;
            try {
              d = Double.parseDouble(text(value).replace("_", ""));
            } catch (NumberFormatException ex) {
              error(
                  Codes.WRONG_TYPE,
                  value,
                  "'closest_duration' must be seconds, got " + describe(value));
              return null;
            }
            if (!(d >= 1 && d <= 600)) {
              error(
                  Codes.OUT_OF_RANGE,
                  value,
                  "'closest_duration' must be between 1 and 600 seconds, got " + text(value));
              return null;
            }
            return new SelectRule.ClosestDuration(d);
          }
        case "loudest", "longest", "manual":
          error(
              Codes.SELECT_RULE,
              t.getKeyNode(),
              "pick rule '" + name + "' takes no value",
              "write pick: " + name);
          return null;
        default:
          error(
              Codes.SELECT_RULE,
              t.getKeyNode(),
              "unknown pick rule '" + name + "'",
              Suggest.closest(name, SelectRule.yamlNames())
                  .map(k -> "did you mean '" + k + "'?")
                  .orElse(hint));
          return null;
      }
    }

    private Map<String, MappingNode> templates(Node node) {
      Map<String, MappingNode> out = new LinkedHashMap<>();
      if (!(node instanceof MappingNode map)) {
        error(
            Codes.WRONG_TYPE,
            node,
            "'templates' must be a map from template name to a partial step, got "
                + describe(node));
        return out;
      }
      List<String> keys = stepKeys().stream().filter(k -> !k.equals("use")).toList();
      for (NodeTuple t : map.getValue()) {
        String name = text(t.getKeyNode());
        if (!Expressions.NAME.matcher(name).matches()) {
          error(
              Codes.WRONG_TYPE,
              t.getKeyNode(),
              "template name '" + name + "' must be letters, digits, '_' or '-'");
          continue;
        }
        if (!(t.getValueNode() instanceof MappingNode tm)) {
          error(
              Codes.WRONG_TYPE,
              t.getValueNode(),
              "template '"
                  + name
                  + "' must be a map of step keys, got "
                  + describe(t.getValueNode()));
          continue;
        }
        entries(tm, keys, "template '" + name + "'", "templates cannot 'use' other templates");
        out.put(name, tm);
      }
      return out;
    }

    private Map<String, ParamSpec> params(Node node) {
      Map<String, ParamSpec> out = new LinkedHashMap<>();
      if (!(node instanceof MappingNode map)) {
        error(
            Codes.WRONG_TYPE,
            node,
            "'params' must be a map from name to {type, default}, got " + describe(node),
            "e.g. params: {bpm: {type: int, default: 100}}");
        return out;
      }
      for (NodeTuple t : map.getValue()) {
        String name = text(t.getKeyNode());
        if (!Expressions.NAME.matcher(name).matches()) {
          error(
              Codes.WRONG_TYPE,
              t.getKeyNode(),
              "param name '" + name + "' must be letters, digits, '_' or '-'");
          continue;
        }
        ParamSpec p = param(name, t.getKeyNode(), t.getValueNode());
        if (p != null) {
          out.put(name, p);
        }
      }
      return out;
    }

    private ParamSpec param(String name, Node keyNode, Node node) {
      if (!(node instanceof MappingNode map)) {
        error(
            Codes.WRONG_TYPE,
            node,
            "param '" + name + "' must be a map with 'type' (and 'default'), got " + describe(node),
            "e.g. " + name + ": {type: string, default: calm}");
        return null;
      }
      Map<String, NodeTuple> e = entries(map, PARAM_KEYS, "param '" + name + "'", "");
      if (!e.containsKey("type")) {
        error(
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
            Suggest.closest(text(tn), ParamType.yamlNames())
                .map(k -> "did you mean '" + k + "'?")
                .orElse("one of " + String.join(", ", ParamType.yamlNames()));
        error(Codes.WRONG_TYPE, tn, "param '" + name + "': unknown type " + describe(tn), hint);
        return null;
      }
      List<String> values = new ArrayList<>();
      if (e.containsKey("values")) {
        Node vn = e.get("values").getValueNode();
        if (type != ParamType.ENUM) {
          error(
              Codes.UNKNOWN_KEY,
              e.get("values").getKeyNode(),
              "param '" + name + "': 'values' is for enum params",
              "write 'type: enum' or remove 'values'");
        } else if (!(vn instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
          error(
              Codes.WRONG_TYPE,
              vn,
              "param '" + name + "': 'values' must be a non-empty list, got " + describe(vn));
          return null;
        } else {
          for (Node item : seq.getValue()) {
            if (!(item instanceof ScalarNode) || item.getTag().equals(Tag.NULL)) {
              error(
                  Codes.WRONG_TYPE,
                  item,
                  "param '" + name + "': enum values must be plain values, got " + describe(item));
            } else if (values.contains(text(item))) {
              error(
                  Codes.DUPLICATE_KEY,
                  item,
                  "param '" + name + "' lists '" + text(item) + "' twice");
            } else {
              values.add(text(item));
            }
          }
          if (values.isEmpty()) {
            return null;
          }
        }
      } else if (type == ParamType.ENUM) {
        error(
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
        defAt = locate(dn);
        if (!(dn instanceof ScalarNode) || dn.getTag().equals(Tag.NULL)) {
          error(
              Codes.WRONG_TYPE,
              dn,
              "param '" + name + "': 'default' must be a plain value, got " + describe(dn));
        } else {
          def = type.canonical(text(dn), values).orElse(null);
          if (def == null) {
            String hint = type == ParamType.ENUM ? "one of " + String.join(", ", values) : "";
            error(
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
          error(
              Codes.WRONG_TYPE,
              dn,
              "param '" + name + "': 'description' must be text, got " + describe(dn));
        } else {
          description = text(dn);
        }
      }
      return new ParamSpec(name, type, values, def, description, locate(keyNode), defAt);
    }

    private AlbumSpec album(Node node) {
      if (!(node instanceof MappingNode map)) {
        error(
            Codes.WRONG_TYPE,
            node,
            "'album' must be a map with 'title' and 'tracks', got " + describe(node));
        return null;
      }
      Map<String, NodeTuple> e = entries(map, ALBUM_KEYS, "album", "");
      String title =
          e.containsKey("title") ? literalText(e.get("title").getValueNode(), "album title") : null;
      if (!e.containsKey("title")) {
        error(Codes.MISSING_FIELD, map, "'album' has no 'title'", "e.g. title: Night Drive");
      }
      String artist =
          e.containsKey("artist")
              ? literalText(e.get("artist").getValueNode(), "album artist")
              : null;
      String format = "flac";
      if (e.containsKey("format")) {
        Node fn = e.get("format").getValueNode();
        String f = literalText(fn, "album format");
        if (f != null && !AlbumSpec.FORMATS.contains(f)) {
          error(
              Codes.OUT_OF_RANGE,
              fn,
              "album format must be one of "
                  + String.join(", ", AlbumSpec.FORMATS)
                  + ", got '"
                  + f
                  + "'",
              Suggest.closest(f, AlbumSpec.FORMATS)
                  .map(k -> "did you mean '" + k + "'?")
                  .orElse(""));
        } else if (f != null) {
          format = f;
        }
      }
      Double loudness = null;
      if (e.containsKey("loudness")) {
        Node ln = e.get("loudness").getValueNode();
        if (!isScalar(ln, Tag.INT) && !isScalar(ln, Tag.FLOAT)) {
          error(
              Codes.WRONG_TYPE,
              ln,
              "album loudness must be a target in LUFS such as -14, got " + describe(ln));
        } else {
          try {
            double v = Double.parseDouble(text(ln).replace("_", ""));
            if (v < AlbumSpec.MIN_LUFS || v > AlbumSpec.MAX_LUFS) {
              error(
                  Codes.OUT_OF_RANGE,
                  ln,
                  "album loudness must be between -70 and -1 LUFS, got " + text(ln),
                  "streaming services use about -14");
            } else {
              loudness = v;
            }
          } catch (NumberFormatException ex) {
            error(Codes.WRONG_TYPE, ln, "album loudness must be a number, got " + describe(ln));
          }
        }
      }
      String dir =
          e.containsKey("dir") ? literalText(e.get("dir").getValueNode(), "album dir") : null;
      List<AlbumSpec.TrackSpec> tracks = new ArrayList<>();
      if (!e.containsKey("tracks")) {
        error(
            Codes.MISSING_FIELD,
            map,
            "'album' has no 'tracks'",
            "list them in order: tracks: [{step: intro, title: Intro}, ...]");
      } else if (!(e.get("tracks").getValueNode() instanceof SequenceNode seq)
          || seq.getValue().isEmpty()) {
        error(
            Codes.WRONG_TYPE,
            e.get("tracks").getValueNode(),
            "album 'tracks' must be a non-empty list of {step, title}, got "
                + describe(e.get("tracks").getValueNode()));
      } else {
        for (Node item : seq.getValue()) {
          AlbumSpec.TrackSpec t = track(item);
          if (t != null) {
            tracks.add(t);
          }
        }
      }
      if (title == null || tracks.isEmpty()) {
        return null;
      }
      SourceLocation dirAt = e.containsKey("dir") ? locate(e.get("dir").getValueNode()) : null;
      return new AlbumSpec(
          title, artist, format, loudness, dir, tracks, locate(map), dirAt, mastering(e));
    }

    private AlbumSpec.TrackSpec track(Node node) {
      if (!(node instanceof MappingNode map)) {
        error(
            Codes.WRONG_TYPE,
            node,
            "an album track must be a map {step: REF, title: TEXT}, got " + describe(node));
        return null;
      }
      Map<String, NodeTuple> e = entries(map, TRACK_KEYS, "album track", "");
      if (!e.containsKey("step") || !e.containsKey("title")) {
        error(
            Codes.MISSING_FIELD,
            map,
            "an album track needs 'step' and 'title'",
            "e.g. {step: intro, title: Intro}");
        return null;
      }
      Node sn = e.get("step").getValueNode();
      String refText = literalText(sn, "track step");
      if (refText == null) {
        return null;
      }
      StepRef ref = StepRef.parse(refText).orElse(null);
      if (ref == null || !INSTANCE_REF.matcher(ref.step()).matches()) {
        error(
            Codes.WRONG_TYPE,
            sn,
            "track step '"
                + refText
                + "' must be a step id, step#take or a matrix instance such as hook[mood=dark]");
        return null;
      }
      Node tn = e.get("title").getValueNode();
      String title = literalText(tn, "track title");
      if (title == null) {
        return null;
      }
      return new AlbumSpec.TrackSpec(ref, title, locate(sn), locate(tn));
    }

    /** A non-blank scalar without {@code ${}; null with a diagnostic otherwise. */
    private String literalText(Node node, String what) {
      if (!(node instanceof ScalarNode) || node.getTag().equals(Tag.NULL) || text(node).isBlank()) {
        error(Codes.WRONG_TYPE, node, what + " must be text, got " + describe(node));
        return null;
      }
      if (Expressions.hasReference(text(node))) {
        error(Codes.BAD_EXPRESSION, node, what + " is literal; '${' is not allowed here");
        return null;
      }
      return text(node);
    }

    private int pick(
        Map<String, NodeTuple> e,
        String key,
        long min,
        long max,
        Integer fallback,
        int standard,
        Defaults defaults,
        Map<String, SourceLocation> locations) {
      if (e.containsKey(key)) {
        Long v = wholeNumber(e.get(key).getValueNode(), key, min, max);
        return v == null ? (fallback == null ? standard : fallback) : v.intValue();
      }
      if (fallback != null) {
        locations.put(key, defaults.locations().get(key));
        return fallback;
      }
      return standard;
    }

    private List<OutputSpec> outputs(Node node) {
      List<OutputSpec> outputs = new ArrayList<>();
      if (!(node instanceof MappingNode map)) {
        error(
            Codes.WRONG_TYPE,
            node,
            "'outputs' must be a map from step (or step#take) to a file path, got "
                + describe(node));
        return outputs;
      }
      for (NodeTuple t : map.getValue()) {
        String key = text(t.getKeyNode());
        StepRef ref = StepRef.parse(key).orElse(null);
        if (ref == null) {
          error(
              Codes.WRONG_TYPE,
              t.getKeyNode(),
              "output key '" + key + "' must be a step id or step#take");
          continue;
        }
        Node value = t.getValueNode();
        if (!(value instanceof ScalarNode)
            || value.getTag().equals(Tag.NULL)
            || text(value).isBlank()) {
          error(
              Codes.WRONG_TYPE,
              value,
              "output path for '" + key + "' must be text, got " + describe(value));
          continue;
        }
        if (Expressions.hasReference(text(value))) {
          error(Codes.BAD_EXPRESSION, value, "output paths are literal; '${' is not allowed here");
          continue;
        }
        outputs.add(new OutputSpec(ref, text(value), locate(value)));
      }
      return outputs;
    }

    // ---- values -----------------------------------------------------------------------------

    /** A step field value; null (with a diagnostic) when it is not usable. */
    private Template field(StepField f, Node node) {
      if (!(node instanceof ScalarNode scalar)) {
        error(
            Codes.WRONG_TYPE,
            node,
            "'" + f.key() + "' must be " + typeWords(f.type()) + ", got " + describe(node));
        return null;
      }
      if (node.getTag().equals(Tag.NULL)) {
        error(
            Codes.WRONG_TYPE,
            node,
            "'" + f.key() + "' has no value",
            "give it a value or remove the key");
        return null;
      }
      String text = scalar.getValue();
      if (node.getTag().equals(Tag.STR) && text.contains("$")) {
        Template t = parseTemplate(scalar, f.key(), Expressions.STEP_SCOPES);
        if (t == null || !t.isConstant()) {
          return t;
        }
        if (f.type() != ValueType.STRING) {
          // a quoted "$${...}" number is still text
          error(
              Codes.WRONG_TYPE,
              node,
              "'" + f.key() + "' must be " + typeWords(f.type()) + ", got text");
          return null;
        }
        return t;
      }
      boolean typeOk =
          switch (f.type()) {
            case STRING -> true;
            case INTEGER -> node.getTag().equals(Tag.INT);
            case NUMBER -> node.getTag().equals(Tag.INT) || node.getTag().equals(Tag.FLOAT);
            case BOOLEAN -> node.getTag().equals(Tag.BOOL);
          };
      if (!typeOk) {
        String hint =
            node.getTag().equals(Tag.STR)
                    && f.type() != ValueType.STRING
                    && scalar.getScalarStyle() != DumperOptions.ScalarStyle.PLAIN
                ? "write it without quotes"
                : "";
        if (f.type() == ValueType.INTEGER && node.getTag().equals(Tag.FLOAT)) {
          hint = "use a whole number";
        }
        error(
            Codes.WRONG_TYPE,
            node,
            "'" + f.key() + "' must be " + typeWords(f.type()) + ", got " + describe(node),
            hint);
        return null;
      }
      if (f.type() != ValueType.STRING) {
        Object value;
        try {
          value = f.convert(text);
        } catch (IllegalArgumentException ex) {
          error(Codes.WRONG_TYPE, node, ex.getMessage());
          return null;
        }
        String problem = f.rangeProblem(value).orElse(null);
        if (problem != null) {
          error(Codes.OUT_OF_RANGE, node, problem);
          return null;
        }
      } else {
        String problem = f.rangeProblem(text).orElse(null);
        if (problem != null) {
          error(
              Codes.OUT_OF_RANGE,
              node,
              problem,
              Suggest.closest(text, f.allowed()).map(a -> "did you mean '" + a + "'?").orElse(""));
          return null;
        }
      }
      return Template.literal(text, locate(node));
    }

    /** Any scalar as a template (vars, server); null with a diagnostic otherwise. */
    private Template template(Node node, String what, Set<Expressions.Scope> scopes) {
      if (!(node instanceof ScalarNode scalar) || node.getTag().equals(Tag.NULL)) {
        error(Codes.WRONG_TYPE, node, "'" + what + "' must be text, got " + describe(node));
        return null;
      }
      if (node.getTag().equals(Tag.STR)) {
        return parseTemplate(scalar, what, scopes);
      }
      return Template.literal(scalar.getValue(), locate(node));
    }

    private Template parseTemplate(ScalarNode scalar, String what, Set<Expressions.Scope> scopes) {
      SourceLocation at = locate(scalar);
      try {
        return Expressions.parse(scalar.getValue(), at, scopes);
      } catch (ExpressionException ex) {
        SourceLocation where = at;
        boolean oneLine = scalar.getStartMark().getLine() == scalar.getEndMark().getLine();
        DumperOptions.ScalarStyle style = scalar.getScalarStyle();
        if (oneLine && style == DumperOptions.ScalarStyle.PLAIN) {
          where = at.plusColumns(ex.offset());
        } else if (oneLine
            && (style == DumperOptions.ScalarStyle.DOUBLE_QUOTED
                || style == DumperOptions.ScalarStyle.SINGLE_QUOTED)) {
          where = at.plusColumns(ex.offset() + 1);
        }
        out.add(
            Diagnostic.error(
                Codes.BAD_EXPRESSION, where, "'" + what + "': " + ex.getMessage(), ex.hint()));
        return null;
      }
    }

    private StepRef stepRef(Node node, String key) {
      if (!(node instanceof ScalarNode) || node.getTag().equals(Tag.NULL)) {
        error(
            Codes.WRONG_TYPE,
            node,
            "'" + key + "' must be a step id or step#take, got " + describe(node));
        return null;
      }
      String text = text(node);
      StepRef ref = StepRef.parse(text).orElse(null);
      if (ref == null || !Expressions.STEP_ID.matcher(ref.step()).matches()) {
        error(
            Codes.WRONG_TYPE,
            node,
            "'" + key + ": " + text + "' must be a step id or step#take",
            "e.g. 'draft' or 'draft#1'");
        return null;
      }
      return ref;
    }

    private List<String> needs(Node node, Map<String, SourceLocation> locations) {
      List<Node> items;
      if (node instanceof SequenceNode seq) {
        items = seq.getValue();
      } else if (node instanceof ScalarNode && !node.getTag().equals(Tag.NULL)) {
        items = List.of(node);
      } else {
        error(
            Codes.WRONG_TYPE,
            node,
            "'needs' must be a step id or a list of step ids, got " + describe(node));
        return List.of();
      }
      List<String> needs = new ArrayList<>();
      for (Node item : items) {
        if (!(item instanceof ScalarNode)
            || item.getTag().equals(Tag.NULL)
            || !Expressions.STEP_ID.matcher(text(item)).matches()) {
          error(Codes.WRONG_TYPE, item, "'needs' entries must be step ids, got " + describe(item));
          continue;
        }
        locations.put("needs[" + needs.size() + "]", locate(item));
        needs.add(text(item));
      }
      return needs;
    }

    private Map<String, List<String>> matrix(Node node, Map<String, SourceLocation> locations) {
      Map<String, List<String>> matrix = new LinkedHashMap<>();
      if (!(node instanceof MappingNode map) || map.getValue().isEmpty()) {
        error(
            Codes.WRONG_TYPE,
            node,
            "'matrix' must be a map from key to a list of values, got " + describe(node),
            "e.g. matrix: {mood: [calm, dark]}");
        return matrix;
      }
      long instances = 1;
      for (NodeTuple t : map.getValue()) {
        String key = text(t.getKeyNode());
        if (!Expressions.NAME.matcher(key).matches()) {
          error(
              Codes.WRONG_TYPE,
              t.getKeyNode(),
              "matrix key '" + key + "' must be letters, digits, '_' or '-'");
          continue;
        }
        Node value = t.getValueNode();
        if (!(value instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
          error(
              Codes.WRONG_TYPE,
              value,
              "matrix '" + key + "' must be a non-empty list of values, got " + describe(value));
          continue;
        }
        List<String> values = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Node item : seq.getValue()) {
          if (!(item instanceof ScalarNode) || item.getTag().equals(Tag.NULL)) {
            error(
                Codes.WRONG_TYPE,
                item,
                "matrix values must be plain values, got " + describe(item));
            continue;
          }
          String v = text(item);
          if (v.contains("${") || v.contains(",") || v.contains("]") || v.contains("=")) {
            error(
                Codes.WRONG_TYPE,
                item,
                "matrix value '" + v + "' may not contain '${', ',', '=' or ']'",
                "these characters would make instance ids ambiguous");
            continue;
          }
          if (!seen.add(v)) {
            error(Codes.DUPLICATE_KEY, item, "matrix '" + key + "' lists '" + v + "' twice");
            continue;
          }
          values.add(v);
        }
        if (!values.isEmpty()) {
          matrix.put(key, values);
          locations.put("matrix." + key, locate(value));
          instances *= values.size();
        }
      }
      if (instances > MAX_MATRIX_INSTANCES) {
        error(
            Codes.OUT_OF_RANGE,
            node,
            "matrix expands to " + instances + " instances; the limit is " + MAX_MATRIX_INSTANCES);
        return Map.of();
      }
      return matrix;
    }

    private Duration timeout(Node node) {
      if (isScalar(node, Tag.INT)) {
        Long seconds = wholeNumber(node, "timeout", 1, MAX_TIMEOUT.toSeconds());
        return seconds == null ? null : Duration.ofSeconds(seconds);
      }
      if (node instanceof ScalarNode && node.getTag().equals(Tag.STR)) {
        Matcher m = TIMEOUT.matcher(text(node).strip());
        if (m.matches()) {
          long n = Long.parseLong(m.group(1));
          String unit = m.group(2) == null ? "s" : m.group(2);
          Duration d =
              switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
              };
          if (d.compareTo(Duration.ofSeconds(1)) < 0 || d.compareTo(MAX_TIMEOUT) > 0) {
            error(
                Codes.OUT_OF_RANGE,
                node,
                "'timeout' must be between 1s and 24h, got " + text(node));
            return null;
          }
          return d;
        }
      }
      error(
          Codes.WRONG_TYPE,
          node,
          "'timeout' must be seconds or a duration like 90s, 10m, 1h; got " + describe(node));
      return null;
    }

    private Map<String, Object> extra(Node node) {
      if (!(node instanceof MappingNode)) {
        error(
            Codes.WRONG_TYPE,
            node,
            "'extra' must be a map of request fields, got " + describe(node));
        return Map.of();
      }
      credentialKeys(node, "extra");
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) plain(node);
      return m;
    }

    /**
     * Reports every credential-named key under {@code node}: a value there would be written to the
     * lockfile.
     */
    private void credentialKeys(Node node, String path) {
      if (node instanceof MappingNode map) {
        for (NodeTuple t : map.getValue()) {
          String key = text(t.getKeyNode());
          if (Credentials.isCredentialName(key)) {
            error(
                Codes.CREDENTIAL,
                t.getKeyNode(),
                "'"
                    + path
                    + "."
                    + key
                    + "' is a credential; its value would be "
                    + "written to the lockfile, the store and the run manifest",
                "give the key with server.api_key: "
                    + "${env.ACESTEP_API_KEY}, --api-key-file or $ACESTEP_API_KEY, never inside a step");
          } else {
            credentialKeys(t.getValueNode(), path + "." + key);
          }
        }
      } else if (node instanceof SequenceNode seq) {
        for (int i = 0; i < seq.getValue().size(); i++) {
          credentialKeys(seq.getValue().get(i), path + "[" + i + "]");
        }
      }
    }

    /** A JSON-like Java value for {@code extra}. */
    private Object plain(Node node) {
      if (node instanceof MappingNode map) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
          m.put(text(t.getKeyNode()), plain(t.getValueNode()));
        }
        return m;
      }
      if (node instanceof SequenceNode seq) {
        List<Object> l = new ArrayList<>();
        seq.getValue().forEach(n -> l.add(plain(n)));
        return l;
      }
      String text = text(node);
      Tag tag = node.getTag();
      try {
        if (tag.equals(Tag.NULL)) {
          return null;
        }
        if (tag.equals(Tag.BOOL)) {
          return StepField.THINKING.convert(text);
        }
        if (tag.equals(Tag.INT)) {
          return new BigInteger(text.replace("_", "")).longValueExact();
        }
        if (tag.equals(Tag.FLOAT)) {
          return Double.parseDouble(text.replace("_", ""));
        }
      } catch (RuntimeException ex) {
        // YAML 1.1 spellings Java does not parse (0x1A, 1:30, .inf, yes): keep the text
        return text;
      }
      return text;
    }

    private Long wholeNumber(Node node, String key, long min, long max) {
      if (!isScalar(node, Tag.INT)) {
        error(
            Codes.WRONG_TYPE, node, "'" + key + "' must be a whole number, got " + describe(node));
        return null;
      }
      long v;
      try {
        v = Long.parseLong(text(node).replace("_", ""));
      } catch (NumberFormatException ex) {
        error(
            Codes.WRONG_TYPE,
            node,
            "'" + key + "' must be a whole number, got '" + text(node) + "'");
        return null;
      }
      if (v < min || v > max) {
        error(
            Codes.OUT_OF_RANGE,
            node,
            "'" + key + "' must be between " + min + " and " + max + ", got " + v);
        return null;
      }
      return v;
    }

    // ---- helpers ----------------------------------------------------------------------------

    /**
     * The entries of {@code map} by key; unknown keys are reported (duplicates were caught by the
     * loader).
     */
    private Map<String, NodeTuple> entries(
        MappingNode map, List<String> allowed, String where, String extraHint) {
      Map<String, NodeTuple> e = new LinkedHashMap<>();
      for (NodeTuple t : map.getValue()) {
        String key = text(t.getKeyNode());
        if (allowed.contains(key)) {
          e.put(key, t);
        } else {
          String hint =
              Suggest.closest(key, allowed).map(k -> "did you mean '" + k + "'?").orElse(extraHint);
          if (hint.isEmpty() && where.startsWith("step") && key.equals("select")) {
            hint = "select is a step kind: write 'type: select' with 'from' and 'pick'";
          }
          error(Codes.UNKNOWN_KEY, t.getKeyNode(), "unknown key '" + key + "' in " + where, hint);
        }
      }
      return e;
    }

    // ---- take checks and lint ---------------------------------------------------------------

    /**
     * {@code expect:}, {@code on_fail:} and {@code lint:} of a step ({@code kind} non-null) or of
     * {@code defaults:} ({@code kind} null). Expectations apply to the takes of server jobs only.
     */
    private Expect.Checks checks(Map<String, NodeTuple> e, StepKind kind) {
      boolean job =
          kind == null
              || EnumSet.of(
                      StepKind.GENERATE,
                      StepKind.SAMPLE,
                      StepKind.CONTINUE,
                      StepKind.REPAINT,
                      StepKind.COVER)
                  .contains(kind);
      Expect expect = Expect.NONE;
      Expect.OnFail onFail = null;
      for (String key : List.of("expect", "on_fail")) {
        if (e.containsKey(key) && !job) {
          error(
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
          error(
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

    private Expect expect(Node node) {
      if (!(node instanceof MappingNode map)) {
        error(
            Codes.WRONG_TYPE,
            node,
            "'expect' must be a map such as {loudness: [-16, -8], true_peak: -1}, got "
                + describe(node));
        return Expect.NONE;
      }
      Map<String, NodeTuple> e =
          entries(map, Expect.KEYS, "expect", "expect takes " + String.join(", ", Expect.KEYS));
      Double lo = null;
      Double hi = null;
      if (e.containsKey("loudness")) {
        Node n = e.get("loudness").getValueNode();
        if (n instanceof SequenceNode seq && seq.getValue().size() == 2) {
          Double a = number(seq.getValue().get(0), "loudness", -70, 0);
          Double b = number(seq.getValue().get(1), "loudness", -70, 0);
          if (a != null && b != null && a > b) {
            error(
                Codes.OUT_OF_RANGE,
                n,
                "'loudness' must be [lowest, highest] LUFS, got " + a + " above " + b,
                "write e.g. loudness: [-16, -8]");
          } else if (a != null && b != null) {
            lo = a;
            hi = b;
          }
        } else {
          error(
              Codes.WRONG_TYPE,
              n,
              "'loudness' must be a range [lowest, highest] in LUFS, got " + describe(n),
              "write e.g. loudness: [-16, -8]");
        }
      }
      Double truePeak =
          e.containsKey("true_peak")
              ? number(e.get("true_peak").getValueNode(), "true_peak", -30, 6)
              : null;
      Double silence =
          e.containsKey("max_silence")
              ? number(e.get("max_silence").getValueNode(), "max_silence", 0, 600)
              : null;
      Double threshold =
          e.containsKey("silence_threshold")
              ? number(e.get("silence_threshold").getValueNode(), "silence_threshold", -120, -20)
              : null;
      Double duration =
          e.containsKey("duration_tolerance")
              ? number(e.get("duration_tolerance").getValueNode(), "duration_tolerance", 0, 600)
              : null;
      Double tempo =
          e.containsKey("tempo_tolerance")
              ? number(e.get("tempo_tolerance").getValueNode(), "tempo_tolerance", 0, 60)
              : null;
      Boolean clipping = null;
      if (e.containsKey("clipping")) {
        Node n = e.get("clipping").getValueNode();
        if (isScalar(n, Tag.BOOL)) {
          clipping = Boolean.parseBoolean(text(n).toLowerCase(java.util.Locale.ROOT));
        } else {
          error(
              Codes.WRONG_TYPE,
              n,
              "'clipping' must be true or false, got " + describe(n),
              "clipping: false fails takes with clipped samples");
        }
      }
      return new Expect(lo, hi, truePeak, silence, threshold, duration, tempo, clipping);
    }

    /** A plain number in {@code [min, max]}, or null after reporting why not. */
    private Double number(Node node, String key, double min, double max) {
      if (!(isScalar(node, Tag.INT) || isScalar(node, Tag.FLOAT))) {
        error(Codes.WRONG_TYPE, node, "'" + key + "' must be a number, got " + describe(node));
        return null;
      }
      double v;
      try {
        v = Double.parseDouble(text(node).replace("_", ""));
      } catch (NumberFormatException ex) {
        error(
            Codes.WRONG_TYPE, node, "'" + key + "' must be a plain number, got " + describe(node));
        return null;
      }
      if (!(v >= min && v <= max)) {
        error(
            Codes.OUT_OF_RANGE,
            node,
            "'"
                + key
                + "' must be between "
                + plainNumber(min)
                + " and "
                + plainNumber(max)
                + ", got "
                + text(node));
        return null;
      }
      return v;
    }

    private static String plainNumber(double v) {
      return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /**
     * The album's {@code loudness_mode} ({@code track} or {@code album}) and {@code true_peak}
     * ceiling.
     */
    private dev.acepipe.dsl.model.AlbumMastering mastering(Map<String, NodeTuple> e) {
      boolean album = false;
      if (e.containsKey("loudness_mode")) {
        Node n = e.get("loudness_mode").getValueNode();
        String mode = text(n);
        if (!(n instanceof ScalarNode) || !(mode.equals("track") || mode.equals("album"))) {
          error(
              Codes.OUT_OF_RANGE,
              n,
              "album loudness_mode must be track or album, got " + describe(n),
              "album keeps the tracks' loudness relative to each other; track brings each to the target");
        }
        album = mode.equals("album");
      }
      double ceiling = dev.acepipe.dsl.model.AlbumMastering.DEFAULT_TRUE_PEAK;
      if (e.containsKey("true_peak")) {
        Double v = number(e.get("true_peak").getValueNode(), "true_peak", -20, 0);
        ceiling = v == null ? ceiling : v;
      }
      return new dev.acepipe.dsl.model.AlbumMastering(album, ceiling);
    }

    /** {@code lint: {ignore: [code, ...]}}: every code must be a lint code. */
    private List<String> lintIgnore(Node node) {
      if (!(node instanceof MappingNode map)) {
        error(
            Codes.WRONG_TYPE,
            node,
            "'lint' must be a map such as {ignore: ["
                + Codes.LINT.get(0)
                + "]}, got "
                + describe(node));
        return List.of();
      }
      Map<String, NodeTuple> e =
          entries(map, List.of("ignore"), "lint", "lint takes ignore: [code, ...]");
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
              Suggest.closest(code, Codes.LINT)
                  .map(k -> "did you mean '" + k + "'?")
                  .orElse("lint codes: " + String.join(", ", Codes.LINT));
          error(Codes.UNKNOWN_KEY, item, "'" + code + "' is not a lint code", hint);
        } else {
          codes.add(code);
        }
      }
      return codes;
    }

    private static Integer intOrNull(Long v) {
      return v == null ? null : v.intValue();
    }

    private static boolean isScalar(Node node, Tag tag) {
      return node instanceof ScalarNode && node.getTag().equals(tag);
    }

    private static String text(Node node) {
      return node instanceof ScalarNode s ? s.getValue() : "";
    }

    private static String describe(Node node) {
      if (node instanceof MappingNode) {
        return "a map";
      }
      if (node instanceof SequenceNode seq) {
        return seq.getValue().isEmpty() ? "an empty list" : "a list";
      }
      Tag tag = node.getTag();
      String v = text(node);
      String shown = v.length() > 40 ? v.substring(0, 37) + "..." : v;
      if (tag.equals(Tag.NULL)) {
        return "nothing";
      }
      if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) {
        return "the number " + shown;
      }
      if (tag.equals(Tag.BOOL)) {
        return shown;
      }
      return "'" + shown + "'";
    }

    private static String typeWords(ValueType type) {
      return switch (type) {
        case STRING -> "text";
        case INTEGER -> "a whole number";
        case NUMBER -> "a number";
        case BOOLEAN -> "true or false";
      };
    }

    private static String defaultName(String file) {
      String base = file.replace('\\', '/');
      base = base.substring(base.lastIndexOf('/') + 1);
      int dot = base.lastIndexOf('.');
      base = dot > 0 ? base.substring(0, dot) : base;
      return base.isBlank() ? "pipeline" : base;
    }

    private void error(String code, Node node, String message) {
      out.add(Diagnostic.error(code, locate(node), message));
    }

    private void error(String code, Node node, String message, String hint) {
      out.add(Diagnostic.error(code, locate(node), message, hint));
    }
  }
}
