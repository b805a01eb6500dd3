package dev.acepipe.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.acepipe.server.AudioPaths.Lookup;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/** The request handlers of every endpoint of the contract. Stateless apart from the collaborators it is given. */
final class Endpoints {
  static final String DEFAULT_MODEL = "acestep-v15-turbo";
  static final List<String> MODELS = List.of(DEFAULT_MODEL, "acestep-v15-base");
  private static final String LM_MODEL = "acepipe-rules";

  private final EmbeddedServerConfig config;
  private final ObjectMapper json;
  private final Wire wire;
  private final ApiKeyCheck auth;
  private final JobQueue jobs;
  private final AudioPaths paths;
  private final ServerCounters counters;
  private final Random sampleRandom = new Random();

  Endpoints(EmbeddedServerConfig config, ObjectMapper json, Wire wire, JobQueue jobs, AudioPaths paths,
      ServerCounters counters) {
    this.config = config;
    this.json = json;
    this.wire = wire;
    this.auth = new ApiKeyCheck(config.apiKey());
    this.jobs = jobs;
    this.paths = paths;
    this.counters = counters;
  }

  /** Thrown for a body the real server could not parse: answered with the plain-text 500. */
  static final class Unparseable extends RuntimeException {
    Unparseable(String message) {
      super(message);
    }
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
    if (refusedHeaderOnly(ctx)) {
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
    ObjectNode body = jsonObject(ctx);
    if (refused(ctx, textOf(body.get("ai_token")))) {
      return;
    }
    submit(ctx, params(body));
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
    if (refused(ctx, textOf(body.get("ai_token")))) {
      return;
    }
    for (UploadedFile f : new UploadedFile[] {src, ref}) {
      if (f != null && f.size() > config.uploadLimitBytes()) {
        tooLarge(ctx);
        return;
      }
    }
    RequestParams params = params(body);
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
      if (refused(ctx, null)) {
        return;
      }
      wire.ok(ctx, wire.array());
      return;
    }
    ObjectNode body = jsonObject(ctx);
    if (refused(ctx, textOf(body.get("ai_token")))) {
      return;
    }
    JsonNode ids = body.get("task_id_list");
    if (ids != null && ids.isTextual()) {
      try {
        ids = json.readTree(ids.asText());
      } catch (JsonProcessingException e) {
        throw new Unparseable("task_id_list is not JSON");
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
    o.put("file", "/v1/audio?path=" + encodePath(take.file()));
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

  void audio(Context ctx) throws IOException {
    if (refusedHeaderOnly(ctx)) {
      return;
    }
    String raw = ctx.queryParam("path");
    if (raw == null) {
      ObjectNode missing = wire.object().put("type", "missing").put("msg", "Field required");
      missing.putArray("loc").add("query").add("path");
      missing.putNull("input");
      ObjectNode body = wire.object();
      body.putArray("detail").add(missing);
      ctx.status(422).contentType(Wire.JSON).result(wire.string(body));
      return;
    }
    Lookup lookup = paths.lookup(raw);
    if (lookup instanceof Lookup.Forbidden) {
      wire.detail(ctx, 403, "Access denied: path is outside the output directory");
    } else if (lookup instanceof Lookup.Missing) {
      wire.detail(ctx, 404, "File not found");
    } else if (lookup instanceof Lookup.Found found) {
      Path file = found.file();
      ctx.status(200).contentType(contentTypeOf(file));
      ctx.header("Content-Length", Long.toString(Files.size(file)));
      InputStream in = Files.newInputStream(file);
      ctx.result(in);
    }
  }

  /** Rule-based {@code /format_input}: keeps what was given, fills the rest from the caption and lyrics. */
  void formatInput(Context ctx) throws IOException {
    ObjectNode body = jsonObject(ctx);
    if (refused(ctx, textOf(body.get("ai_token")))) {
      return;
    }
    RequestParams p;
    try {
      p = params(body);
    } catch (Unparseable e) {
      wire.wrappedError(ctx, 400, "param_obj is not valid JSON");
      return;
    }
    String prompt = Optional.ofNullable(p.text("prompt")).orElse("").strip();
    String lyrics = Optional.ofNullable(p.text("lyrics")).orElse("");
    if (prompt.isEmpty() && lyrics.isBlank()) {
      wire.wrappedError(ctx, 400, "prompt or lyrics is required");
      return;
    }
    String caption = prompt.isEmpty() ? "song" : prompt;
    String structured = MusicRules.structured(lyrics);
    Double duration = p.decimal("audio_duration");
    Long bpm = p.integer("bpm");
    String key = p.text("key_scale");
    String ts = p.text("time_signature");
    String language = p.text("vocal_language");
    ObjectNode data = wire.object()
        .put("caption", caption)
        .put("lyrics", structured)
        .put("bpm", bpm != null && bpm > 0 ? bpm : MusicRules.bpmFor(caption))
        .put("key_scale", key != null && !key.isBlank() ? key : MusicRules.keyFor(caption))
        .put("time_signature", ts != null && !ts.isBlank() ? ts : MusicRules.timeSignatureFor(caption))
        .put("duration", duration != null && duration > 0 ? duration : MusicRules.durationFor(structured))
        .put("vocal_language", language != null && !language.isBlank() ? language
            : MusicRules.instrumental(lyrics) ? "unknown" : "en");
    wire.ok(ctx, data);
  }

  /** {@code /create_random_sample}: a random pick from a small table of starting points. */
  void randomSample(Context ctx) throws IOException {
    ObjectNode body = ctx.body().isBlank() ? wire.object() : jsonObject(ctx);
    if (refused(ctx, textOf(body.get("ai_token")))) {
      return;
    }
    JsonNode type = body.get("sample_type");
    if (type != null && !type.isNull() && !type.isTextual()) {
      wire.wrappedError(ctx, 400, "sample_type must be a string: simple_mode or custom_mode");
      return;
    }
    Sample s = SAMPLES.get(nextInt(SAMPLES.size()));
    ObjectNode data = wire.object();
    if (type != null && "simple_mode".equals(type.asText())) {
      data.put("description", s.description()).put("instrumental", s.lyrics().isEmpty())
          .put("vocal_language", s.lyrics().isEmpty() ? "unknown" : "en");
    } else {
      String lyrics = s.lyrics().isEmpty() ? "[Instrumental]" : s.lyrics();
      data.put("caption", s.caption())
          .put("lyrics", lyrics)
          .put("bpm", MusicRules.bpmFor(s.caption()))
          .put("duration", MusicRules.durationFor(lyrics))
          .put("keyscale", MusicRules.keyFor(s.caption()))
          .put("language", s.lyrics().isEmpty() ? "unknown" : "en")
          .put("timesignature", MusicRules.timeSignatureFor(s.caption()))
          .put("think", true);
    }
    wire.ok(ctx, data);
  }

  private record Sample(String description, String caption, String lyrics) {}

  private static final List<Sample> SAMPLES = List.of(
      new Sample("a calm lo-fi study beat", "lo-fi hip hop, dusty piano, soft drums, vinyl crackle, mellow bass", ""),
      new Sample("an upbeat synthwave night drive", "synthwave, analog pads, gated drums, pulsing bass, bright lead",
          "[Verse 1]\nNeon on the wet highway\nEngines humming through the rain\n\n[Chorus]\nDRIVE INTO THE NIGHT\n"
              + "Chasing every light\n\n[Outro]"),
      new Sample("a slow acoustic folk ballad", "folk ballad, acoustic guitar, soft strings, warm male vocals",
          "[Intro]\n\n[Verse 1]\nRiver bends beneath the hill\nMorning light is standing still\n\n[Chorus]\n"
              + "Carry me home\nCarry me home\n\n[Outro]"),
      new Sample("a driving rock anthem", "rock, distorted guitars, big drums, bass, powerful female vocals",
          "[Verse 1]\nWe built the walls with our own hands\nWe hold the line where no one stands\n\n[Chorus]\n"
              + "WE WILL NOT FALL\nWE WILL NOT FALL\n\n[Guitar Solo]\n\n[Chorus]\nWE WILL NOT FALL"),
      new Sample("an ambient piano piece", "ambient, felt piano, warm pads, slow strings", ""));

  private int nextInt(int bound) {
    synchronized (sampleRandom) {
      return sampleRandom.nextInt(bound);
    }
  }

  // --- helpers -------------------------------------------------------------------------------------------

  private ObjectNode jsonObject(Context ctx) {
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

  private RequestParams params(ObjectNode body) {
    try {
      return RequestParams.of(body, json);
    } catch (IOException e) {
      throw new Unparseable("param_obj is not JSON");
    }
  }

  private boolean refused(Context ctx, String bodyToken) {
    Optional<String> refusal = auth.refusal(ctx, bodyToken);
    refusal.ifPresent(message -> wire.detail(ctx, 401, message));
    return refusal.isPresent();
  }

  private boolean refusedHeaderOnly(Context ctx) {
    Optional<String> refusal = auth.refusalHeaderOnly(ctx);
    refusal.ifPresent(message -> wire.detail(ctx, 401, message));
    return refusal.isPresent();
  }

  private void tooLarge(Context ctx) {
    wire.detail(ctx, 413, "Uploaded file is larger than the limit of " + config.uploadLimitBytes() + " bytes");
  }

  private static boolean isSizeLimit(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (m.contains("exceeds") || m.contains("too large") || m.contains("max")) {
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

  /** Percent-encodes the path like Python's {@code quote}: '/' stays, a space becomes %20. */
  static String encodePath(Path file) {
    return URLEncoder.encode(file.toString(), StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/");
  }

  private static String contentTypeOf(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".mp3")) {
      return "audio/mpeg";
    }
    if (name.endsWith(".wav")) {
      return "audio/wav";
    }
    if (name.endsWith(".flac")) {
      return "audio/flac";
    }
    return "application/octet-stream";
  }

  private static String textOf(JsonNode node) {
    return node == null || node.isNull() || node.isContainerNode() ? null : node.asText();
  }

  private static String orNa(String s) {
    return s == null || s.isBlank() ? "N/A" : s;
  }
}
