package dev.acepipe.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parameters of one request, looked up the way the real server does: top-level keys win over
 * {@code param_obj} (an object or a JSON string), which wins over {@code metas}, then {@code
 * metadata}. Keys match in snake_case or camelCase and through the documented aliases ({@code
 * caption} for {@code prompt}, {@code duration} for {@code audio_duration}...). Unknown keys are
 * ignored. A value of the wrong type reads as absent, because the real server never rejects a
 * request for a bad value.
 */
final class RequestParams {
  private static final Map<String, List<String>> ALIASES = new HashMap<>();

  static {
    alias("prompt", "caption");
    alias("sample_query", "description", "desc");
    alias("use_format", "format");
    alias("audio_duration", "duration");
    alias("key_scale", "keyscale", "key");
    alias("time_signature", "timesignature");
    alias("vocal_language", "language");
    alias("src_audio_path", "ctx_audio_path");
    alias("reference_audio_path", "ref_audio_path");
    alias("audio_cover_strength", "cover_strength");
    alias("track_classes", "instruments");
  }

  private final List<Map<String, JsonNode>> layers;

  private RequestParams(List<Map<String, JsonNode>> layers) {
    this.layers = layers;
  }

  /**
   * Reads the layers of {@code body}.
   *
   * @throws com.fasterxml.jackson.core.JsonProcessingException if {@code param_obj} is a string
   *     that is not JSON
   */
  static RequestParams of(ObjectNode body, ObjectMapper json) throws java.io.IOException {
    List<Map<String, JsonNode>> layers = new ArrayList<>();
    layers.add(normalised(body));
    JsonNode paramObj = body.get("param_obj");
    if (paramObj == null) {
      paramObj = body.get("paramObj");
    }
    if (paramObj != null && paramObj.isTextual() && !paramObj.asText().isBlank()) {
      paramObj = json.readTree(paramObj.asText());
    }
    for (JsonNode nested : new JsonNode[] {paramObj, body.get("metas"), body.get("metadata")}) {
      if (nested instanceof ObjectNode object) {
        layers.add(normalised(object));
      }
    }
    return new RequestParams(layers);
  }

  /** The raw value of {@code name} (a canonical snake_case name), or {@code null}. */
  JsonNode value(String name) {
    List<String> names = new ArrayList<>();
    names.add(name);
    names.addAll(ALIASES.getOrDefault(name, List.of()));
    for (Map<String, JsonNode> layer : layers) {
      for (String candidate : names) {
        JsonNode node = layer.get(candidate);
        if (node != null && !node.isNull()) {
          return node;
        }
      }
    }
    return null;
  }

  String text(String name) {
    JsonNode node = value(name);
    return node == null || node.isContainerNode() ? null : node.asText();
  }

  Double decimal(String name) {
    JsonNode node = value(name);
    if (node == null) {
      return null;
    }
    if (node.isNumber()) {
      return node.asDouble();
    }
    if (node.isTextual()) {
      try {
        double d = Double.parseDouble(node.asText().strip());
        return Double.isFinite(d) ? d : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  Long integer(String name) {
    Double d = decimal(name);
    return d == null ? null : (long) Math.floor(d);
  }

  Boolean bool(String name) {
    JsonNode node = value(name);
    if (node == null) {
      return null;
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    if (node.isNumber()) {
      return node.asDouble() != 0;
    }
    String s = node.asText().strip().toLowerCase(Locale.ROOT);
    if (s.equals("true") || s.equals("1") || s.equals("yes")) {
      return true;
    }
    if (s.equals("false") || s.equals("0") || s.equals("no")) {
      return false;
    }
    return null;
  }

  private static void alias(String canonical, String... aliases) {
    ALIASES.put(canonical, List.of(aliases));
  }

  private static Map<String, JsonNode> normalised(ObjectNode object) {
    Map<String, JsonNode> map = new HashMap<>();
    // Exact snake_case keys are read first so "audio_duration" beats a stray "audioDuration" in the
    // same layer.
    object.fields().forEachRemaining(e -> map.putIfAbsent(e.getKey(), e.getValue()));
    object.fields().forEachRemaining(e -> map.putIfAbsent(snake(e.getKey()), e.getValue()));
    return map;
  }

  static String snake(String key) {
    StringBuilder out = new StringBuilder(key.length() + 4);
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (Character.isUpperCase(c)) {
        if (i > 0) {
          out.append('_');
        }
        out.append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
