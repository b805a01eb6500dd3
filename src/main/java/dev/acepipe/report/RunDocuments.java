package dev.acepipe.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.acepipe.exec.RunResult;
import dev.acepipe.exec.StepReport;
import dev.acepipe.exec.StepState;
import dev.acepipe.exec.TakeResult;
import dev.acepipe.run.OutputCopier;
import dev.acepipe.secret.Credentials;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The run manifest ({@code .acepipe/runs/<run-id>/manifest.json}) and the {@code --format json}
 * summary, as JSON text. Requests are written with the server's field names; any credential-like
 * key a pipeline passed through {@code extra} is redacted.
 */
public final class RunDocuments {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Facts about a run that the executor does not know. */
  public record RunInfo(String runId, String pipeline, String name, Path projectDir, Path runDir) {}

  private RunDocuments() {}

  /** The full manifest. */
  public static String manifest(RunInfo info, RunResult result, List<OutputCopier.Copied> outputs) {
    return manifest(info, result, outputs, RunExtras.NONE);
  }

  /** The full manifest, with where the run rendered and the album it wrote. */
  public static String manifest(
      RunInfo info, RunResult result, List<OutputCopier.Copied> outputs, RunExtras extras) {
    Map<String, Object> m = header(info, result);
    m.put("renderer", extras.renderer());
    m.put("http_requests", result.httpRequests());
    m.put("polls", result.polls());
    List<Object> steps = new ArrayList<>();
    for (StepReport s : result.steps()) {
      Map<String, Object> step = new LinkedHashMap<>();
      step.put("id", s.id());
      step.put("kind", s.kind());
      step.put("state", lower(s.state()));
      step.put("error", s.error());
      step.put("skipped_because", s.skippedBecause());
      step.put("attempts", s.attempts());
      step.put("task_ids", s.taskIds());
      step.put("events", s.events());
      step.put("started_at", str(s.startedAt()));
      step.put("finished_at", str(s.finishedAt()));
      step.put(
          "request",
          s.request() == null ? null : redacted(JSON.convertValue(s.request(), Map.class)));
      step.put("fields", s.fields());
      step.put("server_used", s.serverUsed());
      List<Object> takes = new ArrayList<>();
      for (TakeResult t : s.takes()) {
        takes.add(take(info, t));
      }
      step.put("takes", takes);
      steps.add(step);
    }
    m.put("steps", steps);
    m.put("in_flight_task_ids", result.inFlightTaskIds());
    m.put("outputs", outputs(info, outputs));
    m.put("album", extras.albumDocument(info.projectDir()));
    return write(m);
  }

  /** The short summary printed by {@code --format json}. */
  public static String summary(RunInfo info, RunResult result, List<OutputCopier.Copied> outputs) {
    Map<String, Object> m = header(info, result);
    m.put("manifest", info.runDir().resolve("manifest.json").toString());
    List<Object> steps = new ArrayList<>();
    for (StepReport s : result.steps()) {
      Map<String, Object> step = new LinkedHashMap<>();
      step.put("id", s.id());
      step.put("kind", s.kind());
      step.put("state", lower(s.state()));
      if (s.error() != null) {
        step.put("error", s.error());
      }
      if (s.skippedBecause() != null) {
        step.put("skipped_because", s.skippedBecause());
      }
      step.put("takes", s.takes().size());
      step.put("task_ids", s.taskIds());
      List<Object> checks = new ArrayList<>();
      for (TakeResult t : s.takes()) {
        if (t.check() != null) {
          Map<String, Object> c = new LinkedHashMap<>(t.check().toJson());
          c.put("take", t.index());
          checks.add(c);
        }
      }
      if (!checks.isEmpty()) {
        step.put("checks", checks);
      }
      steps.add(step);
    }
    m.put("steps", steps);
    m.put("failed", result.inState(StepState.FAILED).stream().map(StepReport::id).toList());
    m.put("skipped", result.inState(StepState.SKIPPED).stream().map(StepReport::id).toList());
    m.put("in_flight_task_ids", result.inFlightTaskIds());
    m.put("outputs", outputs(info, outputs));
    return write(m);
  }

  private static Map<String, Object> header(RunInfo info, RunResult result) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("run_id", info.runId());
    m.put("pipeline", info.pipeline());
    m.put("name", info.name());
    m.put("server", result.server());
    m.put("rendered_by", result.renderedBy());
    m.put("server_profile", profile(result));
    m.put("warnings", result.warnings());
    m.put("outcome", lower(result.outcome()));
    m.put("error", result.error());
    m.put("started_at", str(result.startedAt()));
    m.put("finished_at", str(result.finishedAt()));
    m.put("elapsed_seconds", result.elapsed().toMillis() / 1000.0);
    return m;
  }

  /** The server's profile as the run learned it, or null when nothing needed the server. */
  private static Map<String, Object> profile(RunResult result) {
    var p = result.profile();
    if (p == null) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("generation", lower(p.generation()));
    m.put("backend", lower(p.backend()));
    m.put("version", p.version());
    m.put("accepts_uploads", p.acceptsUploads());
    m.put("accepts_absolute_paths", p.acceptsAbsolutePaths());
    m.put("honours_seeds", p.honoursSeeds());
    m.put("seed_lists", p.seedLists());
    m.put("lm", p.lm().orElse(null));
    m.put("lora_api", p.loraApi());
    m.put("formats", new java.util.TreeSet<>(p.formats()));
    m.put("loaded_model", p.loadedModel().orElse(null));
    return m;
  }

  private static Map<String, Object> take(RunInfo info, TakeResult t) {
    Map<String, Object> take = new LinkedHashMap<>();
    take.put("index", t.index());
    take.put("server_path", t.serverPath());
    take.put("server", t.server());
    take.put("local_path", relative(info, t.localPath()));
    take.put("sha256", t.sha256());
    take.put("bytes", t.bytes());
    take.put("duration", t.audio().durationSeconds());
    take.put("sample_rate", t.audio().sampleRate());
    take.put("channels", t.audio().channels());
    take.put("seed_sent", t.seedSent());
    take.put("seed_reported", t.seedReported());
    take.put("metas", JSON.convertValue(t.metas(), Map.class));
    take.put("dit_model", t.ditModel());
    take.put("lm_model", t.lmModel());
    if (t.check() != null) {
      take.put("checks", t.check().toJson());
    }
    return take;
  }

  private static List<Object> outputs(RunInfo info, List<OutputCopier.Copied> outputs) {
    List<Object> list = new ArrayList<>();
    for (OutputCopier.Copied c : outputs) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("step", c.ref());
      o.put("path", relative(info, c.target()));
      o.put("written", c.ok());
      if (!c.ok()) {
        o.put("problem", c.problem());
      }
      list.add(o);
    }
    return list;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> redacted(Map<String, Object> request) {
    return Credentials.masked(request);
  }

  private static String relative(RunInfo info, Path p) {
    Path abs = p.toAbsolutePath().normalize();
    Path base = info.projectDir().toAbsolutePath().normalize();
    return abs.startsWith(base) ? base.relativize(abs).toString() : abs.toString();
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  private static String str(Object o) {
    return o == null ? null : o.toString();
  }

  private static String write(Map<String, Object> m) {
    try {
      return JSON.writeValueAsString(m) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("run document not serializable", e);
    }
  }
}
