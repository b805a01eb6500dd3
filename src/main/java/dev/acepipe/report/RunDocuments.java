package dev.acepipe.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.acepipe.exec.RunResult;
import dev.acepipe.exec.StepReport;
import dev.acepipe.exec.StepState;
import dev.acepipe.exec.TakeResult;
import dev.acepipe.json.JsonMappers;
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
  private static final ObjectMapper JSON = JsonMappers.pretty();

  /** Facts about a run that the executor does not know. */
  public record RunInfo(
      String runId,
      String pipeline,
      String name,
      Path projectDir,
      Path runDir,
      Map<String, String> servers) {
    public RunInfo {
      servers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(servers));
    }

    /** A run on one server. */
    public RunInfo(String runId, String pipeline, String name, Path projectDir, Path runDir) {
      this(runId, pipeline, name, projectDir, runDir, Map.of());
    }

    /**
     * The pool's name of the server whose URL is {@code url}; null when the run had one server (or
     * the URL is none of the pool's).
     */
    public String serverName(String url) {
      return servers.size() < 2 ? null : servers.get(url);
    }

    /** The pool's name of the server {@code s} rendered on; null as for {@link #serverName}. */
    public String serverOf(StepReport s) {
      return s.state() != StepState.SUCCEEDED || s.takes().isEmpty()
          ? null
          : serverName(s.takes().get(0).server());
    }
  }

  private RunDocuments() {}

  /** The full manifest. */
  public static String manifest(RunInfo info, RunResult result, List<OutputCopier.Copied> outputs) {
    return manifest(info, result, outputs, RunExtras.NONE);
  }

  /** The full manifest, with where the run rendered and the album it wrote. */
  public static String manifest(
      RunInfo info, RunResult result, List<OutputCopier.Copied> outputs, RunExtras extras) {
    return record(info, result, outputs, extras).toJson();
  }

  /**
   * The manifest as its record. {@code rendered_by} is what the server's profile says rendered the
   * run; without one, where the run rendered ({@link RunExtras#renderer()}).
   */
  public static RunManifest record(
      RunInfo info, RunResult result, List<OutputCopier.Copied> outputs, RunExtras extras) {
    List<RunManifest.Step> steps = new ArrayList<>();
    for (StepReport s : result.steps()) {
      List<RunManifest.Take> takes = new ArrayList<>();
      for (TakeResult t : s.takes()) {
        takes.add(take(info, t));
      }
      steps.add(
          new RunManifest.Step(
              s.id(),
              s.kind(),
              lower(s.state()),
              s.error(),
              s.skippedBecause(),
              s.attempts(),
              s.taskIds(),
              s.events(),
              str(s.startedAt()),
              str(s.finishedAt()),
              s.request() == null
                  ? null
                  : RunManifest.tree(redacted(JSON.convertValue(s.request(), Map.class))),
              RunManifest.tree(s.fields()),
              RunManifest.tree(s.serverUsed()),
              takes,
              s.jobs().stream()
                  .map(
                      j ->
                          new RunManifest.Job(
                              j.taskId(),
                              j.server(),
                              str(j.submittedAt()),
                              str(j.endedAt()),
                              lower(j.end())))
                  .toList()));
    }
    String renderedBy = result.renderedBy() != null ? result.renderedBy() : extras.renderer();
    return new RunManifest(
        info.runId(),
        info.pipeline(),
        info.name(),
        result.server(),
        renderedBy,
        profile(result),
        result.warnings(),
        lower(result.outcome()),
        result.error(),
        str(result.startedAt()),
        str(result.finishedAt()),
        result.elapsed().toMillis() / 1000.0,
        result.httpRequests(),
        result.polls(),
        steps,
        result.inFlightTaskIds(),
        manifestOutputs(info, outputs),
        extras.albumDocument(info.projectDir()),
        info.servers().size() < 2
            ? List.of()
            : info.servers().entrySet().stream()
                .map(e -> new RunManifest.PoolServer(e.getValue(), e.getKey()))
                .toList(),
        null);
  }

  /** The short summary printed by {@code --format json}. */
  public static String summary(RunInfo info, RunResult result, List<OutputCopier.Copied> outputs) {
    Map<String, Object> m = header(info, result);
    m.put("manifest", dev.acepipe.store.ProjectLayout.manifest(info.runDir()).toString());
    if (info.servers().size() > 1) {
      Map<String, String> byName = new LinkedHashMap<>();
      info.servers().forEach((url, name) -> byName.put(name, url));
      m.put("servers", byName);
    }
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
      if (info.serverOf(s) != null) {
        step.put("server", info.serverOf(s));
      }
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
  private static RunManifest.Profile profile(RunResult result) {
    var p = result.profile();
    if (p == null) {
      return null;
    }
    return new RunManifest.Profile(
        lower(p.generation()),
        lower(p.backend()),
        p.version(),
        p.acceptsUploads(),
        p.acceptsAbsolutePaths(),
        p.honoursSeeds(),
        p.seedLists(),
        p.lm().orElse(null),
        p.loraApi(),
        List.copyOf(new java.util.TreeSet<>(p.formats())),
        p.loadedModel().orElse(null));
  }

  private static RunManifest.Take take(RunInfo info, TakeResult t) {
    return new RunManifest.Take(
        t.index(),
        t.serverPath(),
        t.server(),
        relative(info, t.localPath()),
        t.sha256(),
        t.bytes(),
        t.audio().durationSeconds(),
        t.audio().sampleRate(),
        t.audio().channels(),
        t.seedSent(),
        RunManifest.tree(t.seedReported()),
        RunManifest.tree(JSON.convertValue(t.metas(), Map.class)),
        t.ditModel(),
        t.lmModel(),
        t.check() == null ? null : RunManifest.tree(t.check().toJson()));
  }

  private static List<RunManifest.Output> manifestOutputs(
      RunInfo info, List<OutputCopier.Copied> outputs) {
    List<RunManifest.Output> list = new ArrayList<>();
    for (OutputCopier.Copied c : outputs) {
      list.add(
          new RunManifest.Output(
              c.ref(), relative(info, c.target()), c.ok(), c.ok() ? null : c.problem()));
    }
    return list;
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
