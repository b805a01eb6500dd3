package dev.acepipe.secret;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one definition of a credential by name. A key is a credential when one of its words (split at
 * {@code _}, {@code -}, {@code .}, blanks and camel-case humps) is a token, secret, password or
 * authorization word, or two neighbouring words spell an API/access/private key: {@code api_key},
 * {@code x-api-key}, {@code apiKey}, {@code ai_token}, {@code access_token}, {@code client_secret},
 * {@code db_password}, {@code Authorization}. Plurals and look-alikes that are music or model
 * parameters are not: {@code max_tokens}, {@code tokenizer}, {@code keyscale}, {@code key}.
 */
public final class Credentials {
  /** What a masked value reads as, everywhere. */
  public static final String MASK = "***";

  private static final Set<String> WORDS =
      Set.of(
          "token",
          "secret",
          "secrets",
          "password",
          "passwd",
          "passphrase",
          "authorization",
          "bearer",
          "credential",
          "credentials",
          "apikey",
          "aitoken",
          "accesstoken",
          "authtoken",
          "apitoken");
  private static final Set<String> KEY_OWNERS =
      Set.of("api", "access", "private", "secret", "auth");

  /**
   * {@code Bearer X}, {@code token=X}, {@code token: X} inside free text (a quoted header, a URL).
   */
  private static final Pattern IN_TEXT =
      Pattern.compile(
          "(?i)\\b(bearer|token|api[_-]?key|ai_token)(\\s+|=|:\\s*)[A-Za-z0-9._~+/=\\-]{4,}");

  private Credentials() {}

  /** True when a field, header, query or environment name holds a credential. */
  public static boolean isCredentialName(String name) {
    List<String> words = words(name);
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if (WORDS.contains(w)
          || w.endsWith("token") && w.length() > "token".length() && !w.endsWith("tokens")) {
        return true;
      }
      if (w.equals("key") && i > 0 && KEY_OWNERS.contains(words.get(i - 1))) {
        return true;
      }
    }
    return false;
  }

  /** The dotted path of the first credential-named key anywhere in {@code node}, if any. */
  public static Optional<String> findCredentialName(JsonNode node) {
    return Optional.ofNullable(find(node, ""));
  }

  /**
   * A deep copy of {@code node} with every value under a credential name replaced by {@link #MASK}.
   */
  public static JsonNode masked(JsonNode node) {
    JsonNode copy = node.deepCopy();
    maskInPlace(copy);
    return copy;
  }

  /**
   * A copy of {@code map} (Jackson-style values) with every value under a credential name masked,
   * at any depth.
   */
  public static Map<String, Object> masked(Map<String, ?> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(k, isCredentialName(k) ? MASK : maskedValue(v)));
    return out;
  }

  /**
   * {@code text} with bearer tokens and {@code token=...} values masked (error causes may quote a
   * header).
   */
  public static String maskInText(String text) {
    if (text == null) {
      return null;
    }
    return IN_TEXT
        .matcher(text)
        .replaceAll(m -> Matcher.quoteReplacement(m.group(1) + m.group(2) + MASK));
  }

  /**
   * {@code url} as it may be shown: user info, query and fragment (where keys hide: {@code
   * ?token=...}, {@code //user:key@host}) replaced by {@link #MASK}. Such URLs are refused before
   * use; this is for echoing them.
   */
  public static String maskInUrl(String url) {
    if (url == null) {
      return null;
    }
    String out = url.replaceFirst("//[^/?#]*@", "//" + MASK + "@");
    int cut = out.length();
    for (char c : new char[] {'?', '#'}) {
      int at = out.indexOf(c);
      if (at >= 0 && at < cut) {
        cut = at;
      }
    }
    return cut == out.length() ? out : out.substring(0, cut + 1) + MASK;
  }

  @SuppressWarnings("unchecked")
  private static Object maskedValue(Object v) {
    if (v instanceof Map<?, ?> m) {
      return masked((Map<String, ?>) m);
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(x -> out.add(maskedValue(x)));
      return out;
    }
    return v;
  }

  private static void maskInPlace(JsonNode node) {
    if (node instanceof ObjectNode obj) {
      List<String> secret = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (isCredentialName(e.getKey())) {
          secret.add(e.getKey());
        } else {
          maskInPlace(e.getValue());
        }
      }
      secret.forEach(k -> obj.set(k, TextNode.valueOf(MASK)));
    } else if (node instanceof ArrayNode arr) {
      arr.forEach(Credentials::maskInPlace);
    }
  }

  private static String find(JsonNode node, String path) {
    if (node == null) {
      return null;
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
        if (isCredentialName(e.getKey())) {
          return p;
        }
        String inner = find(e.getValue(), p);
        if (inner != null) {
          return inner;
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        String inner = find(node.get(i), path + "[" + i + "]");
        if (inner != null) {
          return inner;
        }
      }
    }
    return null;
  }

  /** Lower-case words of a name: {@code xApiKey} → x, api, key; {@code AI-TOKEN} → ai, token. */
  static List<String> words(String name) {
    List<String> words = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean hump = Character.isUpperCase(c) && i > 0 && Character.isLowerCase(name.charAt(i - 1));
      if (!Character.isLetterOrDigit(c) || hump) {
        if (w.length() > 0) {
          words.add(w.toString().toLowerCase(Locale.ROOT));
          w.setLength(0);
        }
        if (!Character.isLetterOrDigit(c)) {
          continue;
        }
      }
      w.append(c);
    }
    if (w.length() > 0) {
      words.add(w.toString().toLowerCase(Locale.ROOT));
    }
    return words;
  }
}
