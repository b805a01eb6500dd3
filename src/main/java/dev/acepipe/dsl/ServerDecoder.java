package dev.acepipe.dsl;

import static dev.acepipe.dsl.Nodes.describe;
import static dev.acepipe.dsl.Nodes.text;

import dev.acepipe.diagnostic.Codes;
import dev.acepipe.dsl.model.ServerSpec;
import dev.acepipe.dsl.model.StoreSpec;
import dev.acepipe.dsl.model.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/** The {@code server:} block and the {@code store:} block (a shared remote store). */
final class ServerDecoder {
  private static final Pattern CREDENTIAL_KEY =
      Pattern.compile("(?i)key|secret|token|password|credential");

  private final Nodes nodes;
  private final ValueDecoder values;

  ServerDecoder(Nodes nodes, ValueDecoder values) {
    this.nodes = nodes;
    this.values = values;
  }

  ServerSpec server(Node node) {
    if (!(node instanceof MappingNode map)) {
      nodes.error(
          Codes.WRONG_TYPE,
          node,
          "'server' must be a map with 'url' (and 'api_key'), got " + describe(node));
      return null;
    }
    Map<String, NodeTuple> e = nodes.entries(map, Vocabulary.SERVER_KEYS, "server", "");
    Template url = null;
    if (!e.containsKey("url")) {
      nodes.error(
          Codes.MISSING_FIELD,
          map,
          "'server' has no 'url'",
          "remove 'server:' to use the embedded server");
    } else {
      url = values.template(e.get("url").getValueNode(), "url", Expressions.SERVER_SCOPES);
    }
    Template key =
        e.containsKey("api_key")
            ? values.template(e.get("api_key").getValueNode(), "api_key", Expressions.SERVER_SCOPES)
            : null;
    return url == null ? null : new ServerSpec(url, key);
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
