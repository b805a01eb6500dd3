package dev.acepipe.secret;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Removes known secret values (an API key, whatever fed it) from text and JSON, whatever field they
 * turn up in: a server may echo the key into a model name, a path or an error. Immutable and
 * thread-safe.
 */
public final class Redaction {
  /**
   * Values shorter than this would mask ordinary words; they are still never written by acepipe
   * itself.
   */
  static final int MIN_LENGTH = 4;

  /** Redacts nothing. */
  public static final Redaction NONE = new Redaction(List.of());

  private final List<String> secrets;

  private Redaction(Collection<String> secrets) {
    Set<String> kept = new LinkedHashSet<>();
    for (String s : secrets) {
      if (s != null && s.strip().length() >= MIN_LENGTH) {
        // The value as written, and as it reads inside a JSON string or a URL the server built
        // around it.
        kept.add(s);
        kept.add(s.strip());
        kept.add(jsonEscaped(s.strip()));
        kept.add(URLEncoder.encode(s.strip(), StandardCharsets.UTF_8));
      }
    }
    // Longest first, so a key that contains another secret is masked whole.
    List<String> sorted = new ArrayList<>(kept);
    sorted.sort(Comparator.comparingInt(String::length).reversed());
    this.secrets = List.copyOf(sorted);
  }

  /** A redaction of these values; nulls and too-short values are ignored. */
  public static Redaction of(Collection<String> secrets) {
    return new Redaction(Objects.requireNonNull(secrets, "secrets"));
  }

  /** A redaction of one value (null: nothing). */
  public static Redaction of(String secret) {
    return new Redaction(secret == null ? List.of() : List.of(secret));
  }

  /** This redaction and {@code other}'s values. */
  public Redaction and(Redaction other) {
    List<String> all = new ArrayList<>(secrets);
    all.addAll(other.secrets);
    return new Redaction(all);
  }

  /** True when there is nothing to redact. */
  public boolean isEmpty() {
    return secrets.isEmpty();
  }

  /** {@code text} with every secret value replaced by {@link Credentials#MASK}; null stays null. */
  public String apply(String text) {
    if (text == null || secrets.isEmpty()) {
      return text;
    }
    String out = text;
    for (String s : secrets) {
      out = out.replace(s, Credentials.MASK);
    }
    return out;
  }

  /** True when {@code text} holds one of the secret values. */
  public boolean reveals(String text) {
    return text != null && !text.equals(apply(text));
  }

  /**
   * Whether {@code value} is (part of) a secret: a param or variable whose value went into the key.
   */
  public boolean feeds(String value) {
    if (value == null || value.strip().length() < MIN_LENGTH) {
      return false;
    }
    return secrets.stream().anyMatch(s -> s.contains(value.strip()));
  }

  /** {@code node} redacted in place: every text value and field name; returns it. */
  public JsonNode applyInPlace(JsonNode node) {
    if (secrets.isEmpty() || node == null) {
      return node;
    }
    if (node instanceof ObjectNode obj) {
      List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
        entries.add(it.next());
      }
      obj.removeAll();
      for (Map.Entry<String, JsonNode> e : entries) {
        obj.set(apply(e.getKey()), redactedChild(e.getValue()));
      }
    } else if (node instanceof ArrayNode arr) {
      for (int i = 0; i < arr.size(); i++) {
        arr.set(i, redactedChild(arr.get(i)));
      }
    }
    return node;
  }

  private JsonNode redactedChild(JsonNode child) {
    if (child.isTextual()) {
      return TextNode.valueOf(apply(child.textValue()));
    }
    return applyInPlace(child);
  }

  private static String jsonEscaped(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return "Redaction[" + secrets.size() + " value(s)]";
  }
}
