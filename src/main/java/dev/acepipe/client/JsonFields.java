package dev.acepipe.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reading single fields of the server's JSON the tolerant way every payload needs: absent, null and
 * "N/A" are the same, numbers may come as text, and what goes into an error message is cut short.
 */
final class JsonFields {
  private JsonFields() {}

  static void requireObject(JsonNode data, String what) {
    if (data == null || !data.isObject()) {
      throw new Payloads.MalformedPayloadException(
          what
              + ": expected an object, got "
              + (data == null ? "nothing" : abbreviate(data.toString())));
    }
  }

  static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
  }

  static String firstText(JsonNode node, String... fields) {
    for (String f : fields) {
      String v = text(node, f);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  static JsonNode firstNode(JsonNode node, String... fields) {
    for (String f : fields) {
      JsonNode v = node.get(f);
      if (v != null && !v.isNull()) {
        return v;
      }
    }
    return null;
  }

  /** Servers say "N/A" (or "") for unknown musical facts; those become null. */
  static String meaningful(String s) {
    return s == null || s.isBlank() || s.strip().equalsIgnoreCase("N/A") ? null : s;
  }

  static Double number(JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isNumber()) {
      return v.asDouble();
    }
    String s = meaningful(v.asText());
    if (s == null) {
      return null;
    }
    try {
      return Double.parseDouble(s.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static Integer integer(JsonNode v) {
    Double d = number(v);
    return d == null ? null : (int) Math.round(d);
  }

  static double clamp(double p) {
    return Double.isNaN(p) ? 0 : Math.max(0, Math.min(1, p));
  }

  static String stripPrefix(String name) {
    if (name == null) {
      return null;
    }
    int slash = name.lastIndexOf('/');
    return slash < 0 ? name : name.substring(slash + 1);
  }

  static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  static String abbreviate(String s) {
    String oneLine = s.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
  }
}
