package dev.acepipe.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The service endpoints ({@code /health}, {@code /v1/models}, {@code /v1/model_inventory}, {@code
 * /v1/stats}, {@code /openapi.json}), each answering the way the {@link EmbeddedProfile} in force
 * says.
 */
final class ServiceEndpoints {
  private final ServerParts server;
  private final Wire wire;

  ServiceEndpoints(ServerParts server) {
    this.server = server;
    this.wire = server.wire();
  }

  void health(Context ctx) {
    ObjectNode data =
        wire.object().put("status", "ok").put("service", "ACE-Step API").put("version", "1.0");
    // Whatever generation it imitates, the embedded server says it is one: clients keep its renders
    // apart.
    data.put("synthesizer", "procedural").put("embedded_profile", server.profile().label());
    if (server.profile() != EmbeddedProfile.SNAPSHOT) {
      data.put("models_initialized", true)
          .put("llm_initialized", server.config().lmLoaded())
          .put("loaded_model", server.models().loaded())
          .put("loaded_lm_model", server.loadedLmModel());
    }
    wire.ok(ctx, data);
  }

  /**
   * The embedded profile answers the documented (wrapped) shape {@code data: {"models": [{"name",
   * "is_default"}], "default_model"}}; the others the unwrapped OpenAI-style list real servers
   * answer.
   */
  void models(Context ctx) {
    if (server.profile() != EmbeddedProfile.EMBEDDED) {
      ObjectNode list = wire.object().put("object", "list");
      ArrayNode data = list.putArray("data");
      for (String name : server.models().present()) {
        data.addObject()
            .put("id", "acestep/" + name)
            .put("object", "model")
            .put("created", 0)
            .put("owned_by", "acestep");
      }
      ctx.status(200).contentType(Wire.JSON).result(wire.string(list));
      return;
    }
    ArrayNode models = wire.array();
    for (String name : server.models().present()) {
      models.addObject().put("name", name).put("is_default", name.equals(server.models().loaded()));
    }
    ObjectNode data = wire.object();
    data.set("models", models);
    data.put("default_model", server.models().loaded());
    wire.ok(ctx, data);
  }

  /** {@code GET /v1/model_inventory} (header auth); the snapshot has no such route. */
  void modelInventory(Context ctx) {
    if (server.profile() == EmbeddedProfile.SNAPSHOT) {
      wire.detail(ctx, 404, "Not Found");
      return;
    }
    if (server.requests().refusedHeaderOnly(ctx)) {
      return;
    }
    ObjectNode data = wire.object();
    ArrayNode models = data.putArray("models");
    for (String name : server.models().present()) {
      ObjectNode m =
          models
              .addObject()
              .put("name", name)
              .put("is_default", name.equals(server.models().startup()))
              .put("is_loaded", name.equals(server.models().loaded()));
      ArrayNode types = m.putArray("supported_task_types");
      Models.tasksOf(name).forEach(types::add);
    }
    data.put("default_model", server.models().startup());
    server.putLmState(data);
    wire.ok(ctx, data);
  }

  /**
   * {@code GET /openapi.json} (open): the routes this server serves, FastAPI-style, without request
   * schemas.
   */
  void openapi(Context ctx, Map<String, List<String>> routes) {
    ObjectNode doc = wire.object().put("openapi", "3.1.0");
    doc.putObject("info").put("title", "ACE-Step API").put("version", "1.0");
    ObjectNode pathsNode = doc.putObject("paths");
    routes.forEach(
        (path, methods) -> {
          ObjectNode entry = pathsNode.putObject(path);
          methods.forEach(
              m -> entry.putObject(m.toLowerCase(Locale.ROOT)).put("summary", m + " " + path));
        });
    ctx.status(200).contentType(Wire.JSON).result(wire.string(doc));
  }

  void stats(Context ctx) {
    if (server.requests().refusedHeaderOnly(ctx)) {
      return;
    }
    JobQueue.Stats s = server.jobs().stats();
    ObjectNode data = wire.object();
    data.putObject("jobs")
        .put("total", s.total())
        .put("queued", s.queued())
        .put("running", s.running())
        .put("succeeded", s.succeeded())
        .put("failed", s.failed());
    data.put("queue_size", s.queueSize());
    data.put("queue_maxsize", server.config().queueMax());
    data.put("avg_job_seconds", s.avgJobSeconds());
    wire.ok(ctx, data);
  }
}
