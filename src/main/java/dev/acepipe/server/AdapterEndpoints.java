package dev.acepipe.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LoRA routes ({@code /v1/lora/load}, {@code unload}, {@code toggle}, {@code scale}, {@code
 * status}) and {@code POST /v1/init}, answered in upstream's shapes: a failed load is HTTP 400
 * {@code {"detail": "❌ ..."}}, failed toggle/scale/init calls are HTTP 200 with the wrapper's
 * {@code code} 400 or 500, invalid bodies 422. All of them take the {@code Authorization} header
 * only. Every change is logged with the number of jobs rendering at that moment and counted in
 * {@link ServerCounters}, since upstream applies it at once, even to a job mid-run.
 */
final class AdapterEndpoints {
  private static final Logger LOG = LoggerFactory.getLogger(AdapterEndpoints.class);

  private final ServerParts server;
  private final Wire wire;
  private final Requests requests;
  private final Adapters adapters;

  /** How often {@code /v1/init} looks whether the running job has ended. */
  private static final long INIT_WAIT_MILLIS = 10;

  AdapterEndpoints(ServerParts server) {
    this.server = server;
    this.wire = server.wire();
    this.requests = server.requests();
    this.adapters = server.adapters();
  }

  void load(Context ctx) {
    if (requests.refusedHeaderOnly(ctx)) {
      return;
    }
    ObjectNode body = body(ctx);
    if (body == null) {
      return;
    }
    JsonNode path = body.get("lora_path");
    if (path == null || !path.isTextual()) {
      invalid(
          ctx,
          "lora_path",
          path == null ? "missing" : "string_type",
          path == null ? "Field required" : "Input should be a valid string",
          path);
      return;
    }
    try {
      Adapters.Adapter a = adapters.load(path.asText(), Requests.textOf(body.get("adapter_name")));
      changed("loaded LoRA adapter '" + a.name() + "' (" + a.type() + ")");
      ObjectNode data =
          wire.object()
              .put("message", "✅ LoRA adapter '" + a.name() + "' loaded")
              .put("lora_path", a.path().toString())
              .put("adapter_name", a.name());
      wire.ok(ctx, data);
    } catch (Adapters.Refused e) {
      wire.detail(ctx, 400, e.getMessage());
    }
  }

  void unload(Context ctx) {
    if (requests.refusedHeaderOnly(ctx)) {
      return;
    }
    int n = adapters.unloadAll();
    if (n == 0) {
      wire.ok(ctx, wire.object().put("message", "⚠️ No LoRA adapter loaded"));
      return;
    }
    changed("unloaded " + n + " LoRA adapter(s)");
    wire.ok(ctx, wire.object().put("message", "✅ Unloaded " + n + " LoRA adapter(s)"));
  }

  void toggle(Context ctx) {
    if (requests.refusedHeaderOnly(ctx)) {
      return;
    }
    ObjectNode body = body(ctx);
    if (body == null) {
      return;
    }
    JsonNode use = body.get("use_lora");
    if (use == null || !use.isBoolean()) {
      invalid(
          ctx,
          "use_lora",
          use == null ? "missing" : "bool_type",
          use == null ? "Field required" : "Input should be a valid boolean",
          use);
      return;
    }
    try {
      long before = adapters.generation();
      adapters.toggle(use.asBoolean());
      if (adapters.generation() != before) {
        changed("LoRA " + (use.asBoolean() ? "enabled" : "disabled"));
      }
      wire.ok(
          ctx,
          wire.object()
              .put("message", "✅ LoRA " + (use.asBoolean() ? "enabled" : "disabled"))
              .put("use_lora", use.asBoolean()));
    } catch (Adapters.Refused e) {
      wire.wrappedError(ctx, 400, e.getMessage());
    }
  }

  void scale(Context ctx) {
    if (requests.refusedHeaderOnly(ctx)) {
      return;
    }
    ObjectNode body = body(ctx);
    if (body == null) {
      return;
    }
    JsonNode scale = body.get("scale");
    if (scale == null || !scale.isNumber()) {
      invalid(
          ctx,
          "scale",
          scale == null ? "missing" : "float_type",
          scale == null ? "Field required" : "Input should be a valid number",
          scale);
      return;
    }
    double value = scale.asDouble();
    if (value < 0 || value > 1) {
      invalid(
          ctx,
          "scale",
          value < 0 ? "greater_than_equal" : "less_than_equal",
          value < 0
              ? "Input should be greater than or equal to 0"
              : "Input should be less than or equal to 1",
          scale);
      return;
    }
    try {
      long before = adapters.generation();
      String name = adapters.scale(value, Requests.textOf(body.get("adapter_name")));
      if (adapters.generation() != before) {
        changed("LoRA adapter '" + name + "' scale " + value);
      }
      wire.ok(
          ctx,
          wire.object()
              .put("message", "✅ LoRA scale of '" + name + "' set to " + value)
              .put("scale", value)
              .put("adapter_name", name));
    } catch (Adapters.Refused e) {
      wire.wrappedError(ctx, 400, e.getMessage());
    }
  }

  void status(Context ctx) {
    if (requests.refusedHeaderOnly(ctx)) {
      return;
    }
    Adapters.Status s = adapters.status();
    ObjectNode data =
        wire.object()
            .put("lora_loaded", s.loaded())
            .put("use_lora", s.useLora())
            .put("lora_scale", s.scale());
    if (s.adapterType() == null) {
      data.putNull("adapter_type");
    } else {
      data.put("adapter_type", s.adapterType());
    }
    ObjectNode scales = data.putObject("scales");
    s.scales().forEach(scales::put);
    if (s.activeAdapter() == null) {
      data.putNull("active_adapter");
    } else {
      data.put("active_adapter", s.activeAdapter());
    }
    ArrayNode names = data.putArray("adapters");
    s.adapters().forEach(names::add);
    data.put("synthetic_default_mode", false);
    wire.ok(ctx, data);
  }

  /**
   * {@code POST /v1/init {model?, slot?}}: loads a model into slot 1 (the only one this server
   * has).
   */
  void init(Context ctx) {
    if (requests.refusedHeaderOnly(ctx)) {
      return;
    }
    ObjectNode body = body(ctx);
    if (body == null) {
      return;
    }
    JsonNode slot = body.get("slot");
    if (slot != null
        && !slot.isNull()
        && (!slot.canConvertToInt() || slot.asInt() < 1 || slot.asInt() > 3)) {
      invalid(ctx, "slot", "int_type", "Input should be an integer from 1 to 3", slot);
      return;
    }
    int slotNumber = slot == null || slot.isNull() ? 1 : slot.asInt();
    if (slotNumber != 1) {
      wire.wrappedError(
          ctx, 400, "❌ Slot " + slotNumber + " is not available (only slot 1 is configured)");
      return;
    }
    String model = Requests.textOf(body.get("model"));
    if (model != null && !model.isBlank()) {
      if (!server.models().has(model.strip())) {
        wire.wrappedError(
            ctx,
            500,
            "❌ Model '"
                + model.strip()
                + "' not found (available: "
                + String.join(", ", server.models().present())
                + ")");
        return;
      }
      // Upstream runs /v1/init on the one-thread executor its jobs run on: it waits for the job
      // rendering now, then changes the model of every later job.
      if (!awaitNoJobRunning()) {
        wire.wrappedError(ctx, 500, "❌ Interrupted while waiting for the running job");
        return;
      }
      String previous = server.models().load(model.strip());
      if (!previous.equals(model.strip())) {
        int running = server.runningJobs().getAsInt();
        server.counters().modelSwitch(running, previous + " -> " + model.strip());
        LOG.info(
            "model switched from {} to {} while {} job(s) running",
            previous,
            model.strip(),
            running);
      }
    }
    ObjectNode data =
        wire.object()
            .put("message", "✅ Model initialized: " + server.models().loaded())
            .put("slot", 1)
            .put("loaded_model", server.models().loaded())
            .put("loaded_lm_model", server.loadedLmModel());
    ArrayNode list = data.putArray("models");
    for (String name : server.models().present()) {
      list.addObject().put("name", name).put("is_loaded", name.equals(server.models().loaded()));
    }
    server.putLmState(data);
    wire.ok(ctx, data);
  }

  /** Waits until no job renders; false when interrupted meanwhile. */
  private boolean awaitNoJobRunning() {
    while (server.runningJobs().getAsInt() > 0) {
      try {
        Thread.sleep(INIT_WAIT_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  private void changed(String what) {
    int running = server.runningJobs().getAsInt();
    server.counters().adapterChange(running, what);
    if (running > 0) {
      LOG.warn(
          "{} while {} job(s) running: they may render with either adapter set", what, running);
    } else {
      LOG.info("{} (no job running)", what);
    }
  }

  /**
   * The JSON object body, or null after answering 422 as FastAPI does for a body it cannot read.
   */
  private ObjectNode body(Context ctx) {
    byte[] bytes = ctx.bodyAsBytes();
    if (bytes.length == 0) {
      return wire.object();
    }
    try {
      JsonNode node = server.json().readTree(bytes);
      if (node instanceof ObjectNode object) {
        return object;
      }
    } catch (IOException e) {
      // answered below
    }
    ObjectNode out = wire.object();
    out.putArray("detail")
        .addObject()
        .put("type", "json_invalid")
        .put("msg", "JSON decode error")
        .putArray("loc")
        .add("body");
    ctx.status(422).contentType(Wire.JSON).result(wire.string(out));
    return null;
  }

  private void invalid(Context ctx, String field, String type, String message, JsonNode input) {
    ObjectNode out = wire.object();
    ObjectNode error = out.putArray("detail").addObject().put("type", type);
    error.putArray("loc").add("body").add(field);
    error.put("msg", message);
    error.set("input", input);
    ctx.status(422).contentType(Wire.JSON).result(wire.string(out));
  }
}
