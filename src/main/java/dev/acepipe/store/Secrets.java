package dev.acepipe.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Keeps credentials out of recipes: a request carrying a field whose name looks like a credential is refused
 * before it can reach a fingerprint, the store or the lockfile (which live in git). Refusing rather than
 * stripping keeps fingerprints honest: the caller builds the request without auth, and sends auth separately.
 */
final class Secrets {
  private static final Set<String> NAMES =
      Set.of("ai_token", "aitoken", "api_key", "apikey", "authorization", "token", "password", "secret",
          "access_token", "bearer");

  private Secrets() {}

  /** Throws {@link IllegalArgumentException} naming the first credential-like field found anywhere in the tree. */
  static void requireNone(JsonNode node, String where) {
    String found = find(node, "");
    if (found != null) {
      throw new IllegalArgumentException(where + " carries a credential-like field '" + found
          + "'; credentials never enter fingerprints, the store or lockfiles");
    }
  }

  private static String find(JsonNode node, String path) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
        if (NAMES.contains(e.getKey().toLowerCase(Locale.ROOT).replace('-', '_'))) {
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
}
