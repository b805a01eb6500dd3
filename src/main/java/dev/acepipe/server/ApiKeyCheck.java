package dev.acepipe.server;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The real server's auth rule: with a key configured, POST endpoints accept {@code ai_token} in the body or
 * {@code Authorization: Bearer <key>}; GET {@code /v1/stats} and {@code /v1/audio} accept the header only. Keys are
 * compared in constant time and never logged.
 */
final class ApiKeyCheck {
  private final byte[] key;

  ApiKeyCheck(String key) {
    this.key = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
  }

  /** The 401 detail when the request is not authorised, empty when it is (or no key is configured). */
  Optional<String> refusal(Context ctx, String bodyToken) {
    if (key == null) {
      return Optional.empty();
    }
    String presented = bearer(ctx);
    if (presented == null) {
      presented = bodyToken;
    }
    if (presented == null || presented.isEmpty()) {
      return Optional.of("Missing API key");
    }
    return matches(presented) ? Optional.empty() : Optional.of("Invalid API key");
  }

  /** As {@link #refusal(Context, String)} for endpoints that accept the header only. */
  Optional<String> refusalHeaderOnly(Context ctx) {
    return refusal(ctx, null);
  }

  private boolean matches(String presented) {
    return MessageDigest.isEqual(key, presented.getBytes(StandardCharsets.UTF_8));
  }

  private static String bearer(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null) {
      return null;
    }
    header = header.strip();
    return header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : header;
  }
}
