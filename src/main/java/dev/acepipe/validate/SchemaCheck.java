package dev.acepipe.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.acepipe.diagnostic.Codes;
import dev.acepipe.diagnostic.Diagnostic;
import dev.acepipe.dsl.Document;
import dev.acepipe.dsl.model.SourceLocation;
import dev.acepipe.json.JsonMappers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Validates a document against {@code schemas/pipeline.schema.json} (JSON Schema 2020-12, packaged
 * in the jar as {@value #RESOURCE}) and maps every error back to the line:column of the offending
 * YAML node.
 *
 * <p>The schema and its validator are loaded on first use only ({@link #instance()}), so commands
 * that never reach the schema do not pay for it. Thread-safe.
 */
public final class SchemaCheck {
  /**
   * Where the schema lives on the classpath ({@code schemas/pipeline.schema.json}, packaged by the
   * build).
   */
  public static final String RESOURCE = "/schemas/pipeline.schema.json";

  private final JsonSchema schema;

  private SchemaCheck(JsonSchema schema) {
    this.schema = schema;
  }

  private static final class Holder {
    static final SchemaCheck INSTANCE = load();
  }

  /**
   * Starts loading the schema and its validator on a daemon thread, so that class loading overlaps
   * with reading and decoding YAML on the caller's thread. {@link #instance()} then waits for it
   * (class initialization is thread-safe). Calling it more than once is harmless.
   */
  public static void preloadInBackground() {
    Thread t = new Thread(SchemaCheck::instance, "acepipe-schema-preload");
    t.setDaemon(true);
    t.start();
  }

  /** The shared instance; loads the schema on first call. */
  public static SchemaCheck instance() {
    return Holder.INSTANCE;
  }

  private static SchemaCheck load() {
    try (InputStream in = SchemaCheck.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("schema " + RESOURCE + " is missing from the classpath");
      }
      JsonNode json = JsonMappers.standard().readTree(in);
      SchemaValidatorsConfig config =
          SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();
      return new SchemaCheck(
          JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(json, config));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every schema violation of {@code doc}, located. */
  public List<Diagnostic> check(Document doc) {
    Locations where = new Locations(doc);
    JsonNode json = where.convert(doc.root(), "");
    Set<ValidationMessage> messages = schema.validate(json);
    List<Diagnostic> out = new ArrayList<>();
    for (ValidationMessage m : messages) {
      String pointer = m.getInstanceLocation().toString();
      String property = m.getProperty();
      String message = m.getMessage().replaceFirst("^/[^:]*: ", "");
      JsonNode forbidden = m.getSchemaNode() == null ? null : m.getSchemaNode().path("required");
      if ("not".equals(m.getType()) && forbidden != null && forbidden.size() == 1) {
        // the kind-specific rule: "then: {not: {required: [field]}}"
        property = forbidden.get(0).asText();
        message =
            "'"
                + property
                + "' does not apply to a "
                + json.at(pointer).path("type").asText("?")
                + " step";
      }
      String child = property == null ? null : pointer + "/" + escape(property);
      SourceLocation at =
          child != null && where.keys.containsKey(child)
              ? where.keys.get(child)
              : where.values.getOrDefault(pointer, new SourceLocation(doc.file(), 1, 1));
      out.add(
          Diagnostic.error(
              code(m.getType()),
              at,
              "schema: " + message,
              "checked against schemas/pipeline.schema.json"));
    }
    return out;
  }

  private static String code(String keyword) {
    return switch (keyword) {
      case "required" -> Codes.MISSING_FIELD;
      case "additionalProperties", "not", "propertyNames" -> Codes.UNKNOWN_KEY;
      case "minimum",
          "maximum",
          "exclusiveMinimum",
          "exclusiveMaximum",
          "enum",
          "minItems",
          "minProperties",
          "minLength" ->
          Codes.OUT_OF_RANGE;
      case "const" -> Codes.UNSUPPORTED_VERSION;
      default -> Codes.WRONG_TYPE;
    };
  }

  private static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }

  /** YAML → JSON, remembering where each value and each key was written by JSON pointer. */
  private static final class Locations {
    final Document doc;
    final Map<String, SourceLocation> values = new HashMap<>();
    final Map<String, SourceLocation> keys = new HashMap<>();

    Locations(Document doc) {
      this.doc = doc;
    }

    JsonNode convert(Node node, String pointer) {
      values.put(pointer, doc.locate(node));
      JsonNodeFactory f = JsonNodeFactory.instance;
      if (node instanceof MappingNode map) {
        ObjectNode o = f.objectNode();
        for (NodeTuple t : map.getValue()) {
          String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "";
          String child = pointer + "/" + escape(key);
          keys.put(child, doc.locate(t.getKeyNode()));
          o.set(key, convert(t.getValueNode(), child));
        }
        return o;
      }
      if (node instanceof SequenceNode seq) {
        var a = f.arrayNode();
        for (int i = 0; i < seq.getValue().size(); i++) {
          a.add(convert(seq.getValue().get(i), pointer + "/" + i));
        }
        return a;
      }
      String text = ((ScalarNode) node).getValue();
      Tag tag = node.getTag();
      try {
        if (tag.equals(Tag.NULL)) {
          return f.nullNode();
        }
        if (tag.equals(Tag.BOOL)) {
          return f.booleanNode(
              text.equalsIgnoreCase("true")
                  || text.equalsIgnoreCase("yes")
                  || text.equalsIgnoreCase("on")
                  || text.equalsIgnoreCase("y"));
        }
        if (tag.equals(Tag.INT)) {
          return f.numberNode(new BigInteger(text.replace("_", "")));
        }
        if (tag.equals(Tag.FLOAT)) {
          return f.numberNode(Double.parseDouble(text.replace("_", "")));
        }
      } catch (NumberFormatException e) {
        // YAML 1.1 spellings (0x1A, .inf): compare as text
      }
      return f.textNode(text);
    }
  }
}
