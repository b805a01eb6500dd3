package dev.acepipe.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one canonical text form of a Jackson tree, used for fingerprints (compact) and for the
 * lockfile and store metadata (pretty). Two trees that mean the same request print the same bytes:
 *
 * <ul>
 *   <li>object keys sorted by UTF-16 code units ({@link String#compareTo}), after NFC
 *       normalization;
 *   <li>numbers by exact decimal value: {@code 120}, {@code 120.0} and {@code 1.2E2} all print
 *       {@code 120}; {@code 0.50} prints {@code 0.5}; {@code -0} prints {@code 0}; a double prints
 *       its shortest decimal ({@link Double#toString}), so {@code 0.1} stays {@code 0.1}; values
 *       with an adjusted exponent outside [-30, 30] print as {@code <digits>E<exp>} ({@link
 *       BigDecimal#toString} of the stripped value);
 *   <li>strings NFC-normalized; only {@code "}, {@code \} and control characters below U+0020 are
 *       escaped ({@code \b \t \n \f \r}, else {@code \}{@code u00xx} lower-case); everything else
 *       is literal UTF-8;
 *   <li>compact form: no whitespace at all; pretty form: 2-space indent, {@code "key": value},
 *       empty containers as {@code {}} / {@code []}, and a trailing newline.
 * </ul>
 *
 * <p>NaN, infinities, binary and POJO nodes have no canonical form and are rejected with {@link
 * IllegalArgumentException}, as are two keys that become equal after NFC normalization.
 */
public final class CanonicalJson {
  private CanonicalJson() {}

  /** The compact canonical form: the exact text fingerprints hash. */
  public static String canonical(JsonNode node) {
    StringBuilder sb = new StringBuilder();
    write(node, sb, -1, 0);
    return sb.toString();
  }

  /** UTF-8 bytes of {@link #canonical}. */
  public static byte[] canonicalBytes(JsonNode node) {
    return canonical(node).getBytes(StandardCharsets.UTF_8);
  }

  /** The diff-friendly canonical form: sorted, 2-space indent, trailing newline. */
  public static String pretty(JsonNode node) {
    StringBuilder sb = new StringBuilder();
    write(node, sb, 2, 0);
    return sb.append('\n').toString();
  }

  /** The canonical text of one number node, e.g. {@code 120.0 → "120"}. */
  public static String number(JsonNode number) {
    if (!number.isNumber()) {
      throw new IllegalArgumentException("not a number: " + number);
    }
    return formatNumber(decimalOf(number));
  }

  private static void write(JsonNode node, StringBuilder sb, int indent, int depth) {
    switch (node.getNodeType()) {
      case OBJECT -> writeObject(node, sb, indent, depth);
      case ARRAY -> writeArray(node, sb, indent, depth);
      case STRING -> writeString(node.textValue(), sb);
      case NUMBER -> sb.append(formatNumber(decimalOf(node)));
      case BOOLEAN -> sb.append(node.booleanValue());
      case NULL, MISSING -> sb.append("null");
      case BINARY, POJO ->
          throw new IllegalArgumentException(
              "a " + node.getNodeType() + " node has no canonical JSON form");
    }
  }

  private static void writeObject(JsonNode node, StringBuilder sb, int indent, int depth) {
    TreeMap<String, JsonNode> sorted = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = nfc(e.getKey());
      if (sorted.put(key, e.getValue()) != null) {
        throw new IllegalArgumentException(
            "two keys are equal after NFC normalization: '" + key + "'");
      }
    }
    if (sorted.isEmpty()) {
      sb.append("{}");
      return;
    }
    sb.append('{');
    boolean first = true;
    for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      newline(sb, indent, depth + 1);
      writeString(e.getKey(), sb);
      sb.append(indent < 0 ? ":" : ": ");
      write(e.getValue(), sb, indent, depth + 1);
    }
    newline(sb, indent, depth);
    sb.append('}');
  }

  private static void writeArray(JsonNode node, StringBuilder sb, int indent, int depth) {
    if (node.isEmpty()) {
      sb.append("[]");
      return;
    }
    sb.append('[');
    for (int i = 0; i < node.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      newline(sb, indent, depth + 1);
      write(node.get(i), sb, indent, depth + 1);
    }
    newline(sb, indent, depth);
    sb.append(']');
  }

  private static void newline(StringBuilder sb, int indent, int depth) {
    if (indent >= 0) {
      sb.append('\n').append(" ".repeat(indent * depth));
    }
  }

  private static BigDecimal decimalOf(JsonNode n) {
    if (n.isIntegralNumber()) {
      return new BigDecimal(n.bigIntegerValue());
    }
    if (n.isBigDecimal()) {
      return n.decimalValue();
    }
    double d = n.isFloat() ? n.floatValue() : n.doubleValue();
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new IllegalArgumentException("JSON has no canonical form for " + d);
    }
    // Float.toString / Double.toString give the shortest decimal that reads back to the same value,
    // so
    // 0.1 stays 0.1 instead of its 55-digit binary expansion.
    return new BigDecimal(n.isFloat() ? Float.toString(n.floatValue()) : Double.toString(d));
  }

  static String formatNumber(BigDecimal value) {
    if (value.signum() == 0) {
      return "0";
    }
    BigDecimal v = value.stripTrailingZeros();
    int adjustedExponent = v.precision() - v.scale() - 1;
    if (adjustedExponent >= -30 && adjustedExponent <= 30) {
      return v.toPlainString();
    }
    return v.toString().replace("E+", "E");
  }

  private static void writeString(String raw, StringBuilder sb) {
    String s = nfc(raw);
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\b' -> sb.append("\\b");
        case '\t' -> sb.append("\\t");
        case '\n' -> sb.append("\\n");
        case '\f' -> sb.append("\\f");
        case '\r' -> sb.append("\\r");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  private static String nfc(String s) {
    return Normalizer.isNormalized(s, Normalizer.Form.NFC)
        ? s
        : Normalizer.normalize(s, Normalizer.Form.NFC);
  }

  /** Dotted paths of every leaf that differs between two trees, compared canonically; sorted. */
  static List<String> differingPaths(JsonNode a, JsonNode b) {
    List<String> out = new ArrayList<>();
    diff("", a, b, out);
    return out;
  }

  private static void diff(String path, JsonNode a, JsonNode b, List<String> out) {
    boolean bothObjects = a != null && b != null && a.isObject() && b.isObject();
    if (!bothObjects) {
      if (a == null || b == null || !canonical(a).equals(canonical(b))) {
        out.add(path);
      }
      return;
    }
    TreeMap<String, Boolean> keys = new TreeMap<>();
    a.fieldNames().forEachRemaining(k -> keys.put(k, true));
    b.fieldNames().forEachRemaining(k -> keys.put(k, true));
    for (String k : keys.keySet()) {
      diff(path.isEmpty() ? k : path + "." + k, a.get(k), b.get(k), out);
    }
  }
}
