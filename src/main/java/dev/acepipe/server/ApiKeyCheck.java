package dev.acepipe.server;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The auth rule of the profile in force. Keys are compared in constant time and never logged.
 *
 * <p>acepipe's own rule (the embedded profile): POST endpoints accept {@code Authorization: Bearer
 * <key>} or {@code ai_token} in the body, header first; header-only endpoints the header alone; 401
 * "Missing API key" / "Invalid API key". Upstream's rule (snapshot and newer): a body {@code
 * ai_token} is checked <em>first</em>, so a wrong body token beats a right header (401 "Invalid
 * ai_token"); the 401 details are upstream's. Optionally fail-closed: with no key configured, every
 * protected route answers 503 "API key is not configured".
 */
final class ApiKeyCheck {
  /** Why a request is refused: the HTTP status and the {@code detail} text. */
  record Refusal(int status, String detail) {}

  private final byte[] key;
  private final boolean upstream;
  private final boolean failClosed;

  ApiKeyCheck(String key, boolean upstream, boolean failClosed) {
    this.key = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
    this.upstream = upstream;
    this.failClosed = failClosed;
  }

  /**
   * The refusal of a body route ({@code bodyToken} may be null), empty when the request is
   * authorised.
   */
  Optional<Refusal> refusal(Context ctx, String bodyToken) {
    if (key == null) {
      return notConfigured();
    }
    String header = bearer(ctx);
    if (upstream) {
      if (bodyToken != null && !bodyToken.isEmpty()) {
        return matches(bodyToken) ? Optional.empty() : refuse("Invalid ai_token");
      }
      if (header == null || header.isEmpty()) {
        return refuse("Missing ai_token or Authorization header");
      }
      return matches(header) ? Optional.empty() : refuse("Invalid API key");
    }
    String presented = header != null ? header : bodyToken;
    if (presented == null || presented.isEmpty()) {
      return refuse("Missing API key");
    }
    return matches(presented) ? Optional.empty() : refuse("Invalid API key");
  }

  /** The refusal of a route that accepts the {@code Authorization} header only. */
  Optional<Refusal> refusalHeaderOnly(Context ctx) {
    if (key == null) {
      return notConfigured();
    }
    String header = bearer(ctx);
    if (header == null || header.isEmpty()) {
      return refuse(upstream ? "Missing Authorization header" : "Missing API key");
    }
    return matches(header) ? Optional.empty() : refuse("Invalid API key");
  }

  private Optional<Refusal> notConfigured() {
    return failClosed
        ? Optional.of(new Refusal(503, "API key is not configured"))
        : Optional.empty();
  }

  private static Optional<Refusal> refuse(String detail) {
    return Optional.of(new Refusal(401, detail));
  }

  private boolean matches(String presented) {
    return MessageDigest.isEqual(key, presented.getBytes(StandardCharsets.UTF_8));
  }

  /** The header's key; the "Bearer " prefix is optional, as upstream accepts a raw key. */
  private static String bearer(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null) {
      return null;
    }
    header = header.strip();
    return header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : header;
  }
}
