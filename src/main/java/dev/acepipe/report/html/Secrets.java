package dev.acepipe.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Redaction of secrets in what reports print. Adapters are expected to redact already; reports redact again so
 * one forgotten field never reaches a CI artifact.
 */
public final class Secrets {
  /** What a redacted value reads as. */
  public static final String MASK = "***";

  /**
   * Key names whose values are secret: {@code api_key}, {@code ai_token}, {@code authorization}, {@code token},
   * {@code secret}, {@code password}, alone or as the last part of a longer name ({@code x_api_key},
   * {@code access_token}). {@code max_tokens} is not a secret, hence the anchoring.
   */
  private static final Pattern SECRET_KEY =
      Pattern.compile("(?i)(?:.*[_\\-.])?(?:api[_\\-]?key|ai[_\\-]?token|authorization|token|secret|password|passwd)");

  private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer|token)(\\s+|=|:\\s*)[A-Za-z0-9._~+/=\\-]{4,}");

  private Secrets() {}

  /** True when a JSON key (or header name) holds a secret. */
  public static boolean isSecretKey(String key) {
    return SECRET_KEY.matcher(key).matches();
  }

  /** A deep copy of {@code node} with every value under a secret-named key replaced by {@link #MASK}. */
  public static JsonNode redact(JsonNode node) {
    JsonNode copy = node.deepCopy();
    redactInPlace(copy);
    return copy;
  }

  private static void redactInPlace(JsonNode node) {
    if (node instanceof ObjectNode obj) {
      List<String> secret = new ArrayList<>();
      for (var it = obj.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (isSecretKey(e.getKey())) {
          secret.add(e.getKey());
        } else {
          redactInPlace(e.getValue());
        }
      }
      for (String k : secret) {
        obj.set(k, TextNode.valueOf(MASK));
      }
    } else if (node instanceof ArrayNode arr) {
      arr.forEach(Secrets::redactInPlace);
    }
  }

  /** {@code text} with bearer tokens and {@code token=...} values masked (error causes may quote a header). */
  public static String redactText(String text) {
    return BEARER.matcher(text).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(m.group(1) + m.group(2) + MASK));
  }
}
