package dev.acepipe.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The job endpoints ({@code /release_task}, {@code /query_result}), each answering the way the
 * {@link EmbeddedProfile} in force says; the service ones are {@link ServiceEndpoints}.
 */
final class TaskEndpoints {
  private final ServerParts server;
  private final Wire wire;
  private final Requests requests;
  private final Sources sources;
  private final Uploads uploads;

  TaskEndpoints(ServerParts server) {
    this.server = server;
    this.wire = server.wire();
    this.requests = server.requests();
    this.sources = new Sources(server.config(), server.paths());
    this.uploads = new Uploads(server.config(), server.paths());
  }

  void releaseTask(Context ctx) throws IOException {
    String contentType =
        Optional.ofNullable(ctx.contentType()).orElse("").strip().toLowerCase(Locale.ROOT);
    boolean form = contentType.startsWith("application/x-www-form-urlencoded");
    switch (server.profile()) {
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
          body = Uploads.formFields(ctx, wire.object());
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
      node = server.json().readTree(ctx.bodyAsBytes());
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

  private void releaseMultipart(Context ctx) throws IOException {
    long length = ctx.req().getContentLengthLong();
    // A body far past the limit is refused before it is read; the exact check is per file below.
    if (length > 2 * server.config().uploadLimitBytes() + 1024 * 1024) {
      tooLarge(ctx);
      return;
    }
    ObjectNode body;
    UploadedFile src;
    UploadedFile ref;
    try {
      body = Uploads.formFields(ctx, wire.object());
      src = Uploads.firstFile(ctx, "src_audio", "ctx_audio");
      ref = Uploads.firstFile(ctx, "reference_audio", "ref_audio");
    } catch (RuntimeException e) {
      if (Uploads.isSizeLimit(e)) {
        tooLarge(ctx);
        return;
      }
      throw e;
    }
    if (requests.refused(ctx, Requests.textOf(body.get("ai_token")))) {
      return;
    }
    for (UploadedFile f : new UploadedFile[] {src, ref}) {
      if (f != null && f.size() > server.config().uploadLimitBytes()) {
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
    String srcPath = src == null ? null : uploads.save(src, temporary);
    String refPath = ref == null ? null : uploads.save(ref, temporary);
    submit(ctx, spec.withSource(srcPath, refPath), temporary);
  }

  private void submit(Context ctx, JobSpec spec, List<Path> temporaryFiles) throws IOException {
    Optional<String> refusal = refusal(spec);
    if (refusal.isPresent()) {
      for (Path file : temporaryFiles) {
        Files.deleteIfExists(file);
      }
      if (server.profile() == EmbeddedProfile.NEWER) {
        // upstream builds its request model inside the route: a value it refuses ends in a plain
        // 500
        wire.plain500(ctx);
      } else {
        wire.detail(ctx, 400, refusal.get());
      }
      return;
    }
    Optional<JobQueue.Submitted> submitted = server.jobs().submit(spec, temporaryFiles);
    if (submitted.isEmpty()) {
      for (Path file : temporaryFiles) {
        Files.deleteIfExists(file);
      }
      wire.detail(ctx, 429, "Server busy: queue is full");
      return;
    }
    server.counters().accepted();
    server.counters().jobQueued(submitted.get().job().id);
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
    if (server.profile() == EmbeddedProfile.SNAPSHOT) {
      return Optional.empty();
    }
    Optional<String> control = spec.invalidControl();
    if (control.isPresent() || server.profile() != EmbeddedProfile.EMBEDDED) {
      return control;
    }
    String model = server.models().forJob(spec.model(), server.profile());
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
        ids = server.json().readTree(ids.asText());
      } catch (JsonProcessingException e) {
        throw new Requests.Unparseable("task_id_list is not JSON");
      }
    }
    ArrayNode data = wire.array();
    if (ids != null && ids.isArray()) {
      for (JsonNode id : ids) {
        data.add(server.jobs().item(id.asText()));
      }
    }
    wire.ok(ctx, data);
  }

  private void tooLarge(Context ctx) {
    wire.detail(
        ctx,
        413,
        "Uploaded file is larger than the limit of "
            + server.config().uploadLimitBytes()
            + " bytes");
  }

  private static boolean isJson(String contentType) {
    String type = contentType.split(";", 2)[0].strip();
    return type.equals("application/json") || type.endsWith("+json");
  }
}
