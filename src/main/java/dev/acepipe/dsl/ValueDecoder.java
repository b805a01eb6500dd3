package dev.acepipe.dsl;

import static dev.acepipe.dsl.Nodes.describe;
import static dev.acepipe.dsl.Nodes.isScalar;
import static dev.acepipe.dsl.Nodes.text;
import static dev.acepipe.dsl.Nodes.typeWords;

import dev.acepipe.diagnostic.Codes;
import dev.acepipe.diagnostic.Diagnostic;
import dev.acepipe.dsl.model.FieldValue;
import dev.acepipe.dsl.model.SourceLocation;
import dev.acepipe.dsl.model.Step;
import dev.acepipe.dsl.model.StepField;
import dev.acepipe.dsl.model.Template;
import dev.acepipe.dsl.model.ValueType;
import dev.acepipe.secret.Credentials;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Scalar values of steps and their neighbours: typed step fields, {@code ${...}} templates,
 * timeouts and the free-form {@code extra} map (which must hold no credential).
 */
final class ValueDecoder {
  private static final Pattern TIMEOUT = Pattern.compile("(\\d{1,6})\\s*(ms|s|m|h)?");

  private final Nodes nodes;

  ValueDecoder(Nodes nodes) {
    this.nodes = nodes;
  }

  /** A step field value; null (with a diagnostic) when it is not usable. */
  Template field(StepField f, Node node) {
    if (f.isList() && node instanceof SequenceNode seq) {
      return list(f, seq);
    }
    if (!(node instanceof ScalarNode scalar)) {
      nodes.error(
          Codes.WRONG_TYPE,
          node,
          "'" + f.key() + "' must be " + typeWords(f.type()) + ", got " + describe(node));
      return null;
    }
    if (node.getTag().equals(Tag.NULL)) {
      nodes.error(
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
        nodes.error(
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
      nodes.error(
          Codes.WRONG_TYPE,
          node,
          "'" + f.key() + "' must be " + typeWords(f.type()) + ", got " + describe(node),
          hint);
      return null;
    }
    FieldValue value = f.read(text);
    if (!value.isValid()) {
      String hint =
          f.type() == ValueType.STRING ? Suggest.didYouMean(text, f.allowed()).orElse("") : "";
      nodes.error(Codes.of(value.problem()), node, value.message(), hint);
      return null;
    }
    return Template.literal(text, nodes.locate(node));
  }

  /**
   * A list field written as a YAML list of literal names, each checked against the field's allowed
   * values; held as comma-separated text.
   */
  private Template list(StepField f, SequenceNode seq) {
    List<String> items = new ArrayList<>();
    boolean ok = true;
    for (Node item : seq.getValue()) {
      String name = nodes.literalText(item, "each item of '" + f.key() + "'");
      if (name == null) {
        ok = false;
      } else if (!f.allowed().contains(name.strip())) {
        nodes.error(
            Codes.OUT_OF_RANGE,
            item,
            "'"
                + f.key()
                + "' must list "
                + String.join(", ", f.allowed())
                + ", got '"
                + name
                + "'",
            Suggest.didYouMean(name.strip(), f.allowed()).orElse(""));
        ok = false;
      } else if (items.contains(name.strip())) {
        nodes.error(Codes.DUPLICATE_KEY, item, "'" + f.key() + "' lists '" + name + "' twice");
        ok = false;
      } else {
        items.add(name.strip());
      }
    }
    if (ok && items.isEmpty()) {
      nodes.error(
          Codes.MISSING_FIELD,
          seq,
          "'" + f.key() + "' is empty",
          "e.g. '" + f.key() + ": [drums, bass]'");
      return null;
    }
    return ok ? Template.literal(String.join(",", items), nodes.locate(seq)) : null;
  }

  /** Any scalar as a template (vars, server); null with a diagnostic otherwise. */
  Template template(Node node, String what, Set<Expressions.Scope> scopes) {
    if (!(node instanceof ScalarNode scalar) || node.getTag().equals(Tag.NULL)) {
      nodes.error(Codes.WRONG_TYPE, node, "'" + what + "' must be text, got " + describe(node));
      return null;
    }
    if (node.getTag().equals(Tag.STR)) {
      return parseTemplate(scalar, what, scopes);
    }
    return Template.literal(scalar.getValue(), nodes.locate(node));
  }

  Template parseTemplate(ScalarNode scalar, String what, Set<Expressions.Scope> scopes) {
    SourceLocation at = nodes.locate(scalar);
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
      nodes.report(
          Diagnostic.error(
              Codes.BAD_EXPRESSION, where, "'" + what + "': " + ex.getMessage(), ex.hint()));
      return null;
    }
  }

  /**
   * A step's timeout: its own {@code timeout:} (a broken one is reported and falls back to {@link
   * Step#DEFAULT_TIMEOUT}), else the defaults' timeout, else {@link Step#DEFAULT_TIMEOUT}.
   */
  Duration stepTimeout(Map<String, NodeTuple> e, Defaults defaults) {
    if (e.containsKey("timeout")) {
      Duration d = timeout(e.get("timeout").getValueNode());
      return d == null ? Step.DEFAULT_TIMEOUT : d;
    }
    return defaults.timeout() != null ? defaults.timeout() : Step.DEFAULT_TIMEOUT;
  }

  Duration timeout(Node node) {
    if (isScalar(node, Tag.INT)) {
      Long seconds = nodes.wholeNumber(node, "timeout", 1, Vocabulary.MAX_TIMEOUT.toSeconds());
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
        if (d.compareTo(Duration.ofSeconds(1)) < 0 || d.compareTo(Vocabulary.MAX_TIMEOUT) > 0) {
          nodes.error(
              Codes.OUT_OF_RANGE, node, "'timeout' must be between 1s and 24h, got " + text(node));
          return null;
        }
        return d;
      }
    }
    nodes.error(
        Codes.WRONG_TYPE,
        node,
        "'timeout' must be seconds or a duration like 90s, 10m, 1h; got " + describe(node));
    return null;
  }

  Map<String, Object> extra(Node node) {
    if (nodes.mapping(node, "'extra' must be a map of request fields", "") == null) {
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
  void credentialKeys(Node node, String path) {
    if (node instanceof MappingNode map) {
      for (NodeTuple t : map.getValue()) {
        String key = text(t.getKeyNode());
        if (Credentials.isCredentialName(key)) {
          nodes.error(
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
  Object plain(Node node) {
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
}
