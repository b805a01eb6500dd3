package dev.acepipe.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Optional;

/**
 * Reading requests the way the real server does: a body that is not a JSON object is {@link
 * Unparseable} (the plain-text 500), parameters come through {@link RequestParams}, and the API key
 * is checked before any work.
 */
final class Requests {
  private final ObjectMapper json;
  private final Wire wire;
  private final ApiKeyCheck auth;

  Requests(ObjectMapper json, Wire wire, ApiKeyCheck auth) {
    this.json = json;
    this.wire = wire;
    this.auth = auth;
  }

  /** Thrown for a body the real server could not parse: answered with the plain-text 500. */
  static final class Unparseable extends RuntimeException {
    Unparseable(String message) {
      super(message);
    }
  }

  ObjectNode jsonObject(Context ctx) {
    JsonNode node;
    try {
      node = json.readTree(ctx.bodyAsBytes());
    } catch (IOException e) {
      throw new Unparseable("body is not JSON");
    }
    if (!(node instanceof ObjectNode object)) {
      throw new Unparseable("body is not a JSON object");
    }
    return object;
  }

  RequestParams params(ObjectNode body) {
    try {
      return RequestParams.of(body, json);
    } catch (IOException e) {
      throw new Unparseable("param_obj is not JSON");
    }
  }

  /**
   * Answers the refusal (401, or 503 when fail-closed) and returns true when a body route is not
   * authorised.
   */
  boolean refused(Context ctx, String bodyToken) {
    Optional<ApiKeyCheck.Refusal> refusal = auth.refusal(ctx, bodyToken);
    refusal.ifPresent(r -> wire.detail(ctx, r.status(), r.detail()));
    return refusal.isPresent();
  }

  /** As {@link #refused} for a route that accepts the {@code Authorization} header only. */
  boolean refusedHeaderOnly(Context ctx) {
    Optional<ApiKeyCheck.Refusal> refusal = auth.refusalHeaderOnly(ctx);
    refusal.ifPresent(r -> wire.detail(ctx, r.status(), r.detail()));
    return refusal.isPresent();
  }

  static String textOf(JsonNode node) {
    return node == null || node.isNull() || node.isContainerNode() ? null : node.asText();
  }
}
