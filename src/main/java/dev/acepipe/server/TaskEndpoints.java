package dev.acepipe.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The job endpoints ({@code /release_task}, {@code /query_result}) and the service ones ({@code
 * /health}, {@code /v1/models}, {@code /v1/model_inventory}, {@code /v1/stats}, {@code
 * /openapi.json}), each answering the way the {@link EmbeddedProfile} in force says.
 */
final class TaskEndpoints {
  private final EmbeddedServerConfig config;
  private final EmbeddedProfile profile;
  private final ObjectMapper json;
  private final Wire wire;
  private final Requests requests;
  private final JobQueue jobs;
  private final AudioPaths paths;
  private final Sources sources;
  private final ServerCounters counters;
  private final Models modelState;

  TaskEndpoints(
      EmbeddedServerConfig config,
      ObjectMapper json,
      Wire wire,
      Requests requests,
      JobQueue jobs,
      AudioPaths paths,
      ServerCounters counters,
      Models modelState) {
    this.modelState = modelState;
    this.config = config;
    this.profile = config.profile();
    this.json = json;
    this.wire = wire;
    this.requests = requests;
    this.jobs = jobs;
    this.paths = paths;
    this.sources = new Sources(profile, paths, config.effectiveTempDir());
    this.counters = counters;
  }

  void health(Context ctx) {
    ObjectNode data =
        wire.object().put("status", "ok").put("service", "ACE-Step API").put("version", "1.0");
    // Whatever generation it imitates, the embedded server says it is one: clients keep its renders
    // apart.
    data.put("synthesizer", "procedural").put("embedded_profile", profile.label());
    if (profile != EmbeddedProfile.SNAPSHOT) {
      data.put("models_initialized", true)
          .put("llm_initialized", config.lmLoaded())
          .put("loaded_model", modelState.loaded());
      if (config.lmLoaded()) {
        data.put("loaded_lm_model", JobItems.LM_MODEL);
      } else {
        data.putNull("loaded_lm_model");
      }
    }
    wire.ok(ctx, data);
  }

  /**
   * The embedded profile answers the documented (wrapped) shape {@code data: {"models": [{"name",
   * "is_default"}], "default_model"}}; the others the unwrapped OpenAI-style list real servers
   * answer.
   */
  void models(Context ctx) {
    if (profile != EmbeddedProfile.EMBEDDED) {
      ObjectNode list = wire.object().put("object", "list");
      ArrayNode data = list.putArray("data");
      for (String name : modelState.present()) {
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
    for (String name : modelState.present()) {
      models.addObject().put("name", name).put("is_default", name.equals(modelState.loaded()));
    }
    ObjectNode data = wire.object();
    data.set("models", models);
    data.put("default_model", modelState.loaded());
    wire.ok(ctx, data);
  }

  /** {@code GET /v1/model_inventory} (header auth); the snapshot has no such route. */
  void modelInventory(Context ctx) {
    if (profile == EmbeddedProfile.SNAPSHOT) {
      wire.detail(ctx, 404, "Not Found");
      return;
    }
    if (requests.refusedHeaderOnly(ctx)) {
      return;
    }
    ObjectNode data = wire.object();
    ArrayNode models = data.putArray("models");
    for (String name : modelState.present()) {
      ObjectNode m =
          models
              .addObject()
              .put("name", name)
              .put("is_default", name.equals(modelState.startup()))
              .put("is_loaded", name.equals(modelState.loaded()));
      ArrayNode types = m.putArray("supported_task_types");
      Models.tasksOf(name).forEach(types::add);
    }
    data.put("default_model", modelState.startup());
    data.putArray("lm_models")
        .addObject()
        .put("name", JobItems.LM_MODEL)
        .put("is_loaded", config.lmLoaded());
    if (config.lmLoaded()) {
      data.put("loaded_lm_model", JobItems.LM_MODEL);
    } else {
      data.putNull("loaded_lm_model");
    }
    data.put("llm_initialized", config.lmLoaded());
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
    if (requests.refusedHeaderOnly(ctx)) {
      return;
    }
    JobQueue.Stats s = jobs.stats();
    ObjectNode data = wire.object();
    data.putObject("jobs")
        .put("total", s.total())
        .put("queued", s.queued())
        .put("running", s.running())
        .put("succeeded", s.succeeded())
        .put("failed", s.failed());
    data.put("queue_size", s.queueSize());
    data.put("queue_maxsize", config.queueMax());
    data.put("avg_job_seconds", s.avgJobSeconds());
    wire.ok(ctx, data);
  }

  void releaseTask(Context ctx) throws IOException {
    String contentType =
        Optional.ofNullable(ctx.contentType()).orElse("").strip().toLowerCase(Locale.ROOT);
    boolean form = contentType.startsWith("application/x-www-form-urlencoded");
    switch (profile) {
      case EMBEDDED -> {
        if (ctx.isMultipartFormData()) {
          releaseMultipart(ctx);
          return;
        }
        ObjectNode body = requests.jsonObject(ctx);
        if (requests.refused(ctx, Requests.textOf(body.get("ai_token")))) {
          return;
        }
        submit(ctx, JobSpec.from(requests.params(body)), List.of());
      }
      case SNAPSHOT -> {
        if (ctx.isMultipartFormData() || form) {
          // The snapshot crashes on every non-JSON body (a duplicate keyword argument inside the
          // server).
          wire.plain500(ctx);
          return;
        }
        if (!contentType.isEmpty() && !isJson(contentType)) {
          wire.detail(ctx, 415, "Unsupported Media Type");
          return;
        }
        ObjectNode body = requests.jsonObject(ctx);
        if (requests.refused(ctx, Requests.textOf(body.get("ai_token")))) {
          return;
        }
        submit(ctx, JobSpec.from(requests.params(body)), List.of());
      }
      case NEWER -> {
        if (ctx.isMultipartFormData()) {
          releaseMultipart(ctx);
          return;
        }
        ObjectNode body;
        if (form) {
          body = formFields(ctx);
        } else if (contentType.isEmpty() || isJson(contentType)) {
          Optional<ObjectNode> parsed = newerJson(ctx, contentType.isEmpty());
          if (parsed.isEmpty()) {
            return;
          }
          body = parsed.get();
        } else {
          wire.detail(ctx, 415, "Unsupported Media Type");
          return;
        }
        if (requests.refused(ctx, Requests.textOf(body.get("ai_token")))) {
          return;
        }
        JobSpec spec = JobSpec.from(requests.params(body));
        if (pathRefused(ctx, spec.srcAudioPath()) || pathRefused(ctx, spec.referenceAudioPath())) {
          return;
        }
        submit(ctx, spec, List.of());
      }
    }
  }

  /**
   * The newer profile's JSON parsing: 400 with upstream's details instead of the plain-text 500.
   */
  private Optional<ObjectNode> newerJson(Context ctx, boolean noContentType) {
    JsonNode node;
    try {
      node = json.readTree(ctx.bodyAsBytes());
    } catch (IOException e) {
      wire.detail(
          ctx,
          400,
          noContentType
              ? "Invalid JSON body (hint: send Content-Type: application/json)"
              : "Malformed JSON payload");
      return Optional.empty();
    }
    if (node == null || node.isMissingNode()) {
      return Optional.of(wire.object());
    }
    if (!(node instanceof ObjectNode object)) {
      wire.detail(ctx, 400, "JSON payload must be an object");
      return Optional.empty();
    }
    return Optional.of(object);
  }

  private boolean pathRefused(Context ctx, String path) {
    Optional<String> refusal = sources.refusal(path);
    refusal.ifPresent(detail -> wire.detail(ctx, 400, detail));
    return refusal.isPresent();
  }

  private ObjectNode formFields(Context ctx) {
    ObjectNode body = wire.object();
    ctx.formParamMap()
        .forEach(
            (k, v) -> {
              if (v.size() > 1) {
                // Upstream turns a repeated field into a list.
                ArrayNode list = body.putArray(k);
                v.forEach(list::add);
              } else {
                body.put(k, v.isEmpty() ? "" : v.get(0));
              }
            });
    return body;
  }

  private void releaseMultipart(Context ctx) throws IOException {
    long length = ctx.req().getContentLengthLong();
    // A body far past the limit is refused before it is read; the exact check is per file below.
    if (length > 2 * config.uploadLimitBytes() + 1024 * 1024) {
      tooLarge(ctx);
      return;
    }
    ObjectNode body;
    UploadedFile src;
    UploadedFile ref;
    try {
      body = formFields(ctx);
      src = firstFile(ctx, "src_audio", "ctx_audio");
      ref = firstFile(ctx, "reference_audio", "ref_audio");
    } catch (RuntimeException e) {
      if (isSizeLimit(e)) {
        tooLarge(ctx);
        return;
      }
      throw e;
    }
    if (requests.refused(ctx, Requests.textOf(body.get("ai_token")))) {
      return;
    }
    for (UploadedFile f : new UploadedFile[] {src, ref}) {
      if (f != null && f.size() > config.uploadLimitBytes()) {
        tooLarge(ctx);
        return;
      }
    }
    JobSpec spec = JobSpec.from(requests.params(body));
    // A file beats a path field of the same role; a path field without a file is checked like a
    // JSON one.
    if ((src == null && pathRefused(ctx, spec.srcAudioPath()))
        || (ref == null && pathRefused(ctx, spec.referenceAudioPath()))) {
      return;
    }
    List<Path> temporary = new ArrayList<>();
    String srcPath = src == null ? null : save(src, temporary);
    String refPath = ref == null ? null : save(ref, temporary);
    submit(ctx, spec.withSource(srcPath, refPath), temporary);
  }

  private void submit(Context ctx, JobSpec spec, List<Path> temporaryFiles) throws IOException {
    Optional<String> refusal = refusal(spec);
    if (refusal.isPresent()) {
      for (Path file : temporaryFiles) {
        Files.deleteIfExists(file);
      }
      if (profile == EmbeddedProfile.NEWER) {
        // upstream builds its request model inside the route: a value it refuses ends in a plain
        // 500
        wire.plain500(ctx);
      } else {
        wire.detail(ctx, 400, refusal.get());
      }
      return;
    }
    Optional<JobQueue.Submitted> submitted = jobs.submit(spec, temporaryFiles);
    if (submitted.isEmpty()) {
      for (Path file : temporaryFiles) {
        Files.deleteIfExists(file);
      }
      wire.detail(ctx, 429, "Server busy: queue is full");
      return;
    }
    counters.accepted();
    ObjectNode data =
        wire.object()
            .put("task_id", submitted.get().job().id)
            .put("status", "queued")
            .put("queue_position", submitted.get().queuePosition());
    wire.ok(ctx, data);
  }

  /**
   * Why a job is refused before it is queued: newer servers check the repaint controls (the
   * snapshot did not have them), and acepipe's own profile also refuses a base-only task on a turbo
   * model, which upstream runs anyway.
   */
  private Optional<String> refusal(JobSpec spec) {
    if (profile == EmbeddedProfile.SNAPSHOT) {
      return Optional.empty();
    }
    Optional<String> control = spec.invalidControl();
    if (control.isPresent() || profile != EmbeddedProfile.EMBEDDED) {
      return control;
    }
    String model = modelState.forJob(spec.model(), profile);
    List<String> tasks = Models.tasksOf(model);
    if (Models.BASE_TASKS.contains(spec.taskType()) && !tasks.contains(spec.taskType())) {
      return Optional.of(
          "task_type '"
              + spec.taskType()
              + "' needs a base model, but it would run on "
              + model
              + " (supports "
              + String.join(", ", tasks)
              + "); send a base model in 'model', or load one with "
              + "POST /v1/init or engine serve --model");
    }
    return Optional.empty();
  }

  void queryResult(Context ctx) throws IOException {
    String contentType = Optional.ofNullable(ctx.contentType()).orElse("").toLowerCase(Locale.ROOT);
    if (!contentType.startsWith("application/json")) {
      // The real server reads no ids from a body it does not take for JSON, and answers an empty
      // list.
      if (requests.refused(ctx, null)) {
        return;
      }
      wire.ok(ctx, wire.array());
      return;
    }
    ObjectNode body = requests.jsonObject(ctx);
    if (requests.refused(ctx, Requests.textOf(body.get("ai_token")))) {
      return;
    }
    JsonNode ids = body.get("task_id_list");
    if (ids != null && ids.isTextual()) {
      try {
        ids = json.readTree(ids.asText());
      } catch (JsonProcessingException e) {
        throw new Requests.Unparseable("task_id_list is not JSON");
      }
    }
    ArrayNode data = wire.array();
    if (ids != null && ids.isArray()) {
      for (JsonNode id : ids) {
        data.add(jobs.item(id.asText()));
      }
    }
    wire.ok(ctx, data);
  }

  private void tooLarge(Context ctx) {
    wire.detail(
        ctx,
        413,
        "Uploaded file is larger than the limit of " + config.uploadLimitBytes() + " bytes");
  }

  private static boolean isJson(String contentType) {
    String type = contentType.split(";", 2)[0].strip();
    return type.equals("application/json") || type.endsWith("+json");
  }

  private static boolean isSizeLimit(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (m.contains("exceeds") || m.contains("too large")) {
        return true;
      }
    }
    return false;
  }

  private static UploadedFile firstFile(Context ctx, String... names) {
    for (String name : names) {
      UploadedFile f = ctx.uploadedFile(name);
      if (f != null) {
        return f;
      }
    }
    return null;
  }

  /**
   * Saves an upload and returns its absolute path. The embedded profile keeps it under {@code
   * uploads/}; the newer profile saves it into its temp dir with the file's suffix kept and deletes
   * it when the job ends (listed in {@code temporary}), as upstream does.
   */
  private String save(UploadedFile file, List<Path> temporary) throws IOException {
    if (profile == EmbeddedProfile.NEWER) {
      Path dir = config.effectiveTempDir();
      Files.createDirectories(dir);
      Path target = Files.createTempFile(dir, "tmp", suffixOf(file.filename()));
      temporary.add(target);
      try (InputStream in = file.content()) {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      }
      return target.toString();
    }
    Path dir = paths.uploads();
    Files.createDirectories(dir);
    String name = UUID.randomUUID() + "-" + safeName(file.filename());
    Path tmp = Files.createTempFile(dir, ".upload-", ".part");
    try (InputStream in = file.content()) {
      Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      Path target = dir.resolve(name);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      return target.toString();
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static String suffixOf(String filename) {
    String name = safeName(filename);
    int dot = name.lastIndexOf('.');
    return dot > 0 && name.length() - dot <= 8 ? name.substring(dot) : "";
  }

  private static String safeName(String filename) {
    String base =
        filename == null
            ? ""
            : filename.substring(
                Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1);
    String cleaned = base.replaceAll("[^A-Za-z0-9._-]", "_");
    if (cleaned.isEmpty() || cleaned.startsWith(".")) {
      cleaned = "audio" + cleaned;
    }
    return cleaned.length() > 100 ? cleaned.substring(cleaned.length() - 100) : cleaned;
  }
}
