package dev.acepipe.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.UncheckedIOException;
import java.time.Clock;

/** The response shapes of the real server, in one place. */
final class Wire {
  static final String JSON = "application/json";
  private final ObjectMapper json;
  private final Clock clock;

  Wire(ObjectMapper json, Clock clock) {
    this.json = json;
    this.clock = clock;
  }

  ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  ArrayNode array() {
    return JsonNodeFactory.instance.arrayNode();
  }

  /**
   * HTTP 200 {@code {"data": data, "code": 200, "error": null, "timestamp": ms, "extra": null}}.
   */
  void ok(Context ctx, Object data) {
    send(ctx, 200, wrapper(data, 200, null));
  }

  /**
   * HTTP 200 with the wrapper saying {@code code} and {@code error} (how format/random report bad
   * input).
   */
  void wrappedError(Context ctx, int code, String error) {
    send(ctx, 200, wrapper(null, code, error));
  }

  /** HTTP {@code status} with {@code {"detail": message}}. */
  void detail(Context ctx, int status, String message) {
    send(ctx, status, object().put("detail", message));
  }

  /** HTTP 500 with the plain-text body the real server sends for unparseable requests. */
  void plain500(Context ctx) {
    ctx.status(500).contentType("text/plain; charset=utf-8").result("Internal Server Error");
  }

  private ObjectNode wrapper(Object data, int code, String error) {
    ObjectNode w = object();
    w.set("data", json.valueToTree(data));
    w.put("code", code);
    w.put("error", error);
    w.put("timestamp", clock.millis());
    w.putNull("extra");
    return w;
  }

  String string(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void send(Context ctx, int status, Object body) {
    ctx.status(status).contentType(JSON).result(string(body));
  }
}
