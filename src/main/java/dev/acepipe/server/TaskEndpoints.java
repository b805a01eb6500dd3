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
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** The job endpoints ({@code /release_task}, {@code /query_result}) and the service ones ({@code /health}, {@code /v1/models}, {@code /v1/stats}). */
final class TaskEndpoints {
  static final String DEFAULT_MODEL = "acestep-v15-turbo";
  static final List<String> MODELS = List.of(DEFAULT_MODEL, "acestep-v15-base");
  private static final String LM_MODEL = "acepipe-rules";

  private final EmbeddedServerConfig config;
  private final ObjectMapper json;
  private final Wire wire;
  private final Requests requests;
  private final JobQueue jobs;
  private final AudioPaths paths;
  private final ServerCounters counters;

  TaskEndpoints(EmbeddedServerConfig config, ObjectMapper json, Wire wire, Requests requests, JobQueue jobs,
      AudioPaths paths, ServerCounters counters) {
    this.config = config;
    this.json = json;
    this.wire = wire;
    this.requests = requests;
    this.jobs = jobs;
    this.paths = paths;
    this.counters = counters;
  }

  void health(Context ctx) {
    ObjectNode data = wire.object().put("status", "ok").put("service", "ACE-Step API").put("version", "1.0");
    wire.ok(ctx, data);
  }

  /** The documented (wrapped) shape: {@code data: {"models": [{"name", "is_default"}], "default_model"}}. */
  void models(Context ctx) {
    ArrayNode models = wire.array();
    for (String name : MODELS) {
      models.addObject().put("name", name).put("is_default", name.equals(DEFAULT_MODEL));
    }
    ObjectNode data = wire.object();
    data.set("models", models);
    data.put("default_model", DEFAULT_MODEL);
    wire.ok(ctx, data);
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
    if (ctx.isMultipartFormData()) {
      releaseMultipart(ctx);
      return;
    }
    ObjectNode body = requests.jsonObject(ctx);
    if (requests.refused(ctx, Requests.textOf(body.get("ai_token")))) {
      return;
    }
    submit(ctx, requests.params(body));
  }

  private void releaseMultipart(Context ctx) throws IOException {
    long length = ctx.req().getContentLengthLong();
    // A body far past the limit is refused before it is read; the exact check is per file below.
    if (length > 2 * config.uploadLimitBytes() + 1024 * 1024) {
      tooLarge(ctx);
      return;
    }
    ObjectNode body = wire.object();
    UploadedFile src;
    UploadedFile ref;
    try {
      ctx.formParamMap().forEach((k, v) -> body.put(k, v.isEmpty() ? "" : v.get(0)));
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
    RequestParams params = requests.params(body);
    JobSpec spec = JobSpec.from(params);
    spec = spec.withSource(src == null ? null : save(src), ref == null ? null : save(ref));
    submit(ctx, spec);
  }

  private void submit(Context ctx, RequestParams params) {
    submit(ctx, JobSpec.from(params));
  }

  private void submit(Context ctx, JobSpec spec) {
    Optional<JobQueue.Submitted> submitted = jobs.submit(spec);
    if (submitted.isEmpty()) {
      wire.detail(ctx, 429, "Server busy: queue is full");
      return;
    }
    counters.accepted();
    ObjectNode data = wire.object()
        .put("task_id", submitted.get().job().id)
        .put("status", "queued")
        .put("queue_position", submitted.get().queuePosition());
    wire.ok(ctx, data);
  }

  void queryResult(Context ctx) throws IOException {
    String contentType = Optional.ofNullable(ctx.contentType()).orElse("").toLowerCase(Locale.ROOT);
    if (!contentType.startsWith("application/json")) {
      // The real server reads no ids from a body it does not take for JSON, and answers an empty list.
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
        data.add(item(id.asText()));
      }
    }
    wire.ok(ctx, data);
  }

  private ObjectNode item(String id) {
    ObjectNode item = wire.object().put("task_id", id);
    Optional<Job> found = jobs.find(id);
    if (found.isEmpty()) {
      return item.put("status", 0).put("result", "[]").put("progress_text", "");
    }
    Job job = found.get();
    ArrayNode result = wire.array();
    switch (job.state) {
      case QUEUED -> {
        int position = jobs.positionOf(job);
        result.addObject().put("file", "").put("status", 0).put("progress", 0.0).put("stage", "queued")
            .put("queue_position", position);
        item.put("status", 0).put("progress_text", "queued (position " + position + ")");
      }
      case RUNNING -> {
        result.addObject().put("file", "").put("status", 0).put("progress", job.progress).put("stage", "running");
        item.put("status", 0).put("progress_text", job.progressText);
      }
      case SUCCEEDED -> {
        for (Job.Take take : job.takes) {
          result.add(takeObject(job, take));
        }
        item.put("status", 1).put("progress_text", "succeeded");
      }
      case FAILED -> {
        result.addObject().put("file", "").put("status", 2).put("progress", job.progress).put("stage", "failed")
            .put("error", job.error);
        item.put("status", 2).put("progress_text", "failed").put("error", job.error);
      }
    }
    return item.put("result", wire.string(result));
  }

  private ObjectNode takeObject(Job job, Job.Take take) {
    ObjectNode o = wire.object();
    o.put("file", "/v1/audio?path=" + AudioEndpoint.encodePath(take.file()));
    o.put("status", 1);
    o.put("prompt", job.caption);
    o.put("lyrics", job.lyrics);
    ObjectNode metas = o.putObject("metas");
    metas.put("bpm", take.rendered().bpm());
    metas.put("duration", take.rendered().durationSeconds());
    metas.put("keyscale", orNa(take.rendered().keyScale()));
    metas.put("timesignature", orNa(take.rendered().timeSignature()));
    metas.put("genres", orNa(take.rendered().genres()));
    o.put("seed_value", job.seedValue);
    o.put("dit_model", job.spec.model() != null && MODELS.contains(job.spec.model()) ? job.spec.model() : DEFAULT_MODEL);
    o.put("lm_model", LM_MODEL);
    o.put("generation_info", "procedural stand-in by acepipe (not AI), seed " + take.seed());
    o.put("progress", 1.0);
    o.put("stage", "succeeded");
    return o;
  }

  private void tooLarge(Context ctx) {
    wire.detail(ctx, 413, "Uploaded file is larger than the limit of " + config.uploadLimitBytes() + " bytes");
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

  /** Saves an upload under {@code uploads/} atomically (temp file, then move) and returns its absolute path. */
  private String save(UploadedFile file) throws IOException {
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

  private static String safeName(String filename) {
    String base = filename == null ? "" : filename.substring(Math.max(filename.lastIndexOf('/'),
        filename.lastIndexOf('\\')) + 1);
    String cleaned = base.replaceAll("[^A-Za-z0-9._-]", "_");
    if (cleaned.isEmpty() || cleaned.startsWith(".")) {
      cleaned = "audio" + cleaned;
    }
    return cleaned.length() > 100 ? cleaned.substring(cleaned.length() - 100) : cleaned;
  }

  private static String orNa(String s) {
    return s == null || s.isBlank() ? "N/A" : s;
  }
}
