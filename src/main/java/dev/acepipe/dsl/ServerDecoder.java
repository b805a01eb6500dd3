package dev.acepipe.dsl;

import static dev.acepipe.dsl.Nodes.describe;
import static dev.acepipe.dsl.Nodes.text;

import dev.acepipe.diagnostic.Codes;
import dev.acepipe.dsl.model.ServerSpec;
import dev.acepipe.dsl.model.StoreSpec;
import dev.acepipe.dsl.model.Template;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The {@code server:} block (one server, or a pool as a list) and the {@code store:} block (a
 * shared remote store).
 */
final class ServerDecoder {
  /** A pool server's name: the rule {@code pool.PoolServer} holds names to. */
  private static final Pattern SERVER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

  private static final Pattern CREDENTIAL_KEY =
      Pattern.compile("(?i)key|secret|token|password|credential");

  private final Nodes nodes;
  private final ValueDecoder values;

  ServerDecoder(Nodes nodes, ValueDecoder values) {
    this.nodes = nodes;
    this.values = values;
  }

  /** {@code server:} as a map (one server) or as a list of entries (a pool). */
  ServerSpec server(Node node) {
    if (node instanceof SequenceNode seq) {
      return pool(seq);
    }
    if (!(node instanceof MappingNode map)) {
      nodes.error(
          Codes.WRONG_TYPE,
          node,
          "'server' must be a map with 'url' (and 'api_key'), or a list of such servers, got "
              + describe(node));
      return null;
    }
    Map<String, NodeTuple> e = nodes.entries(map, Vocabulary.SERVER_KEYS, "server", "");
    Template url = url(map, e, "'server' has no 'url'");
    return url == null ? null : new ServerSpec(url, apiKey(e));
  }

  /**
   * {@code server:} as a list: every entry located, names (given, else {@code gpu-N} by position)
   * and URLs unique.
   */
  private ServerSpec pool(SequenceNode seq) {
    if (seq.getValue().isEmpty()) {
      nodes.error(
          Codes.MISSING_FIELD,
          seq,
          "'server' lists no servers",
          "remove 'server:' to use the embedded server");
      return null;
    }
    List<ServerSpec.Entry> entries = new ArrayList<>();
    Map<String, Integer> names = new HashMap<>();
    Map<String, Integer> urls = new HashMap<>();
    boolean ok = true;
    for (int i = 1; i <= seq.getValue().size(); i++) {
      Node item = seq.getValue().get(i - 1);
      String where = "server entry " + i;
      if (!(item instanceof MappingNode map)) {
        nodes.error(
            Codes.WRONG_TYPE,
            item,
            where
                + " must be a map with 'url' (and 'api_key', 'name', ...), got "
                + describe(item));
        ok = false;
        continue;
      }
      Map<String, NodeTuple> e = nodes.entries(map, Vocabulary.SERVER_ENTRY_KEYS, where, "");
      Template url = url(map, e, where + " has no 'url'");
      ServerSpec.Traits traits = traits(e, i, where);
      if (url == null || traits == null) {
        ok = false;
        continue;
      }
      Node nameAt = e.containsKey("name") ? e.get("name").getValueNode() : map;
      ok &= unique(names, traits.name(), i, nameAt, "name '" + traits.name() + "'");
      // Only a literal URL can be compared here; resolved duplicates are refused by the run.
      String sameUrl = url.text().strip().replaceAll("/+$", "");
      ok &= unique(urls, sameUrl, i, e.get("url").getValueNode(), "url " + url.text());
      entries.add(new ServerSpec.Entry(url, apiKey(e), traits));
    }
    return ok ? new ServerSpec(entries) : null;
  }

  private boolean unique(Map<String, Integer> seen, String value, int entry, Node at, String what) {
    Integer first = seen.putIfAbsent(value, entry);
    if (first == null) {
      return true;
    }
    nodes.error(
        Codes.DUPLICATE_KEY,
        at,
        "server entry " + entry + " has the " + what + " of server entry " + first,
        "give each server once, each with its own name (unnamed entries are named gpu-N)");
    return false;
  }

  private Template url(MappingNode map, Map<String, NodeTuple> e, String missing) {
    if (!e.containsKey("url")) {
      nodes.error(Codes.MISSING_FIELD, map, missing, "remove 'server:' to use the embedded server");
      return null;
    }
    return values.template(e.get("url").getValueNode(), "url", Expressions.SERVER_SCOPES);
  }

  private Template apiKey(Map<String, NodeTuple> e) {
    return e.containsKey("api_key")
        ? values.template(e.get("api_key").getValueNode(), "api_key", Expressions.SERVER_SCOPES)
        : null;
  }

  /** The literal settings of entry {@code i}; null after reporting what is wrong. */
  private ServerSpec.Traits traits(Map<String, NodeTuple> e, int i, String where) {
    boolean ok = true;
    String name = "gpu-" + i;
    if (e.containsKey("name")) {
      Node n = e.get("name").getValueNode();
      name = nodes.literalText(n, "'name' in " + where);
      if (name != null && !SERVER_NAME.matcher(name).matches()) {
        nodes.error(
            Codes.WRONG_TYPE,
            n,
            "'name' in "
                + where
                + " must be 1-63 letters, digits, '.', '_' or '-', starting with a letter or digit,"
                + " got '"
                + name
                + "'");
        name = null;
      }
      ok = name != null;
    }
    Long maxParallel =
        e.containsKey("max_parallel")
            ? nodes.wholeNumber(e.get("max_parallel").getValueNode(), "max_parallel", 1, 64)
            : Long.valueOf(1);
    Double weight =
        e.containsKey("weight")
            ? nodes.number(e.get("weight").getValueNode(), "weight", 0.01, 100)
            : Double.valueOf(1);
    List<String> models = names(e.get("models"), "models", null);
    List<String> taskTypes = names(e.get("task_types"), "task_types", Vocabulary.SERVER_TASK_TYPES);
    List<String> adapters = names(e.get("adapters"), "adapters", null);
    if (!ok
        || maxParallel == null
        || weight == null
        || models == null
        || taskTypes == null
        || adapters == null) {
      return null;
    }
    return new ServerSpec.Traits(name, maxParallel.intValue(), weight, models, taskTypes, adapters);
  }

  /**
   * A list of literal names ({@code allowed} null = any name), each once; empty when absent, null
   * after reporting what is wrong.
   */
  private List<String> names(NodeTuple t, String key, List<String> allowed) {
    if (t == null) {
      return List.of();
    }
    if (!(t.getValueNode() instanceof SequenceNode seq)) {
      nodes.error(
          Codes.WRONG_TYPE,
          t.getValueNode(),
          "'" + key + "' must be a list of names, got " + describe(t.getValueNode()));
      return null;
    }
    List<String> out = new ArrayList<>();
    boolean ok = true;
    for (Node item : seq.getValue()) {
      String name = nodes.literalText(item, "each item of '" + key + "'");
      if (name == null) {
        ok = false;
      } else if (allowed != null && !allowed.contains(name.strip())) {
        nodes.error(
            Codes.OUT_OF_RANGE,
            item,
            "'" + key + "' must list " + String.join(", ", allowed) + ", got '" + name + "'",
            Suggest.didYouMean(name.strip(), allowed).orElse(""));
        ok = false;
      } else if (out.contains(name.strip())) {
        nodes.error(Codes.DUPLICATE_KEY, item, "'" + key + "' lists '" + name + "' twice");
        ok = false;
      } else {
        out.add(name.strip());
      }
    }
    return ok ? out : null;
  }

  /**
   * {@code store: {remote: s3://bucket/prefix, endpoint: URL, region: NAME}}; literal text, no
   * credentials.
   */
  StoreSpec store(Node node) {
    if (!(node instanceof MappingNode map)) {
      nodes.error(
          Codes.WRONG_TYPE,
          node,
          "'store' must be a map with 'remote' (and 'endpoint', 'region'), got " + describe(node));
      return null;
    }
    // A credential-like key gets its own message (where credentials do go), not "did you mean".
    List<NodeTuple> rest = new ArrayList<>();
    for (NodeTuple t : map.getValue()) {
      if (CREDENTIAL_KEY.matcher(text(t.getKeyNode())).find()) {
        nodes.error(
            Codes.UNKNOWN_KEY,
            t.getKeyNode(),
            "credentials never go in the pipeline ('" + text(t.getKeyNode()) + "')",
            "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) in the environment");
      } else {
        rest.add(t);
      }
    }
    Map<String, NodeTuple> e =
        nodes.entries(
            new MappingNode(map.getTag(), rest, map.getFlowStyle()),
            Vocabulary.STORE_KEYS,
            "store",
            "");
    String remote = storeText(e.get("remote"), "remote");
    String endpoint = storeText(e.get("endpoint"), "endpoint");
    String region = storeText(e.get("region"), "region");
    boolean ok = true;
    if (!e.containsKey("remote")) {
      nodes.error(
          Codes.MISSING_FIELD,
          map,
          "'store' has no 'remote'",
          "write 'remote: s3://bucket/prefix'");
      ok = false;
    } else if (remote != null
        && !remote.matches("(?i)s3://[a-z0-9][a-z0-9.\\-_]{1,61}[a-z0-9](/.*)?")) {
      nodes.error(
          Codes.WRONG_TYPE,
          e.get("remote").getValueNode(),
          "'remote' must be an s3://bucket/prefix URL, got "
              + describe(e.get("remote").getValueNode()),
          "e.g. s3://acme-renders/acepipe");
      ok = false;
    }
    if (endpoint != null && !endpoint.matches("(?i)https?://[^/@\\s]+(/[^?#\\s]*)?")) {
      nodes.error(
          Codes.WRONG_TYPE,
          e.get("endpoint").getValueNode(),
          "'endpoint' must be an http:// or https:// URL "
              + "without credentials, got "
              + describe(e.get("endpoint").getValueNode()),
          "e.g. http://minio.internal:9000");
      ok = false;
    }
    if (region != null && !region.matches("[a-z0-9][a-z0-9\\-]{0,62}")) {
      nodes.error(
          Codes.WRONG_TYPE,
          e.get("region").getValueNode(),
          "'region' must be a region name such as eu-central-1, got "
              + describe(e.get("region").getValueNode()));
      ok = false;
    }
    return ok && remote != null ? new StoreSpec(remote, endpoint, region) : null;
  }

  String storeText(NodeTuple t, String key) {
    if (t == null) {
      return null;
    }
    Node v = t.getValueNode();
    if (!(v instanceof ScalarNode) || v.getTag().equals(Tag.NULL) || text(v).isBlank()) {
      nodes.error(Codes.WRONG_TYPE, v, "'" + key + "' in 'store' must be text, got " + describe(v));
      return null;
    }
    return text(v).strip();
  }
}
