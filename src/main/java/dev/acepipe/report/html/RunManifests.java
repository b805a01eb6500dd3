package dev.acepipe.report.html;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.acepipe.report.ManifestException;
import dev.acepipe.report.RunManifest;
import dev.acepipe.store.ProjectLayout;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a run manifest ({@code .acepipe/runs/<run-id>/manifest.json}, as {@code engine run} writes
 * it) into a {@link RunReport}.
 *
 * <p>Mapping: step states {@code succeeded} → passed, {@code cached} → cached, {@code failed} →
 * failed, {@code skipped} → skipped with {@code skipped_because} as cause; a step still {@code
 * waiting}, {@code running} or {@code abandoned} when the run stopped is reported as skipped with
 * that as its cause. The run's {@code outcome} gives the exit code ({@code succeeded} 0, {@code
 * failed} 1, {@code server_unavailable} 4, {@code interrupted} 130). Take paths in the manifest are
 * relative to the project directory; takes outside the run directory (imported files) are left out,
 * because the report links audio only inside the run directory.
 *
 * <p>The manifest does not record the graph: pass the dependencies from the plan, or an empty map
 * for a report without edges.
 */
public final class RunManifests {
  private RunManifests() {}

  /**
   * The report of the run in {@code runDir} described by {@code manifest}.
   *
   * @param dependencies step id → ids it depends on; ids that are not in the manifest are ignored
   * @throws ManifestException naming the field when the manifest lacks something a report needs
   */
  public static RunReport read(
      JsonNode manifest, Path runDir, Map<String, List<String>> dependencies) {
    return read(RunManifest.of(manifest), runDir, dependencies);
  }

  /**
   * The report of the run in {@code runDir} described by {@code manifest}.
   *
   * @param dependencies step id → ids it depends on; ids that are not in the manifest are ignored
   * @throws ManifestException naming the field when the manifest lacks something a report needs
   */
  public static RunReport read(
      RunManifest manifest, Path runDir, Map<String, List<String>> dependencies) {
    try {
      return report(manifest, runDir, dependencies);
    } catch (ManifestException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      // What the manifest holds breaks an invariant of the report's records (a blank id, a step
      // ending before it starts ...) or a field read here: the file is bad, not the report.
      throw new ManifestException(e.getMessage(), e);
    }
  }

  private static RunReport report(
      RunManifest manifest, Path runDir, Map<String, List<String>> dependencies) {
    Path run = runDir.toAbsolutePath().normalize();
    Path project = projectDirOf(run);
    Instant started = instant(manifest.startedAt(), "manifest.started_at");
    Instant finished = max(started, instant(manifest.finishedAt(), "manifest.finished_at"));
    if (manifest.steps() == null) {
      throw new IllegalArgumentException("manifest: 'steps' is missing or not a list");
    }
    Set<String> ids = new java.util.HashSet<>();
    manifest.steps().forEach(s -> ids.add(orEmpty(s.id())));
    List<StepRun> steps = new ArrayList<>();
    // A pool's servers go by their names on the timeline; one server by its URL.
    Map<String, String> names = new java.util.HashMap<>();
    manifest.servers().forEach(p -> names.put(orEmpty(p.url()), orEmpty(p.name())));
    for (int i = 0; i < manifest.steps().size(); i++) {
      steps.add(
          step(
              manifest.steps().get(i), "steps[" + i + "]", run, project, dependencies, ids, names));
    }
    // rendered_by comes from the server's profile (an engine serve instance is the synthesizer
    // too); the oldest manifests have only server.
    String renderer = orEmpty(manifest.renderedBy());
    if (renderer.isEmpty()) {
      renderer = orEmpty(manifest.server());
    }
    return new RunReport(
        text(manifest.name(), "manifest.name"),
        text(manifest.pipeline(), "manifest.pipeline"),
        text(manifest.runId(), "manifest.run_id"),
        started,
        finished,
        exitCode(orEmpty(manifest.outcome())),
        orEmpty(manifest.error()),
        steps,
        renderer,
        outputs(manifest.outputs(), run, project),
        album(manifest.album(), run, project));
  }

  private static List<OutputFileRun> outputs(
      List<RunManifest.Output> list, Path run, Path project) {
    List<OutputFileRun> out = new ArrayList<>();
    for (RunManifest.Output o : list) {
      String path = orEmpty(o.path());
      out.add(
          new OutputFileRun(
              orEmpty(o.step()),
              path,
              o.written() ? linkFromRun(path, run, project) : "",
              o.written(),
              orEmpty(o.problem())));
    }
    return out;
  }

  private static AlbumRun album(RunManifest.Album a, Path run, Path project) {
    if (a == null) {
      return null;
    }
    List<AlbumRun.Track> tracks = new ArrayList<>();
    for (RunManifest.Track t : a.tracks()) {
      String file = orEmpty(t.file());
      tracks.add(
          new AlbumRun.Track(
              t.number() == null ? tracks.size() + 1 : t.number(),
              orEmpty(t.title()),
              file,
              linkFromRun(file, run, project),
              t.duration(),
              orEmpty(t.sourceStep()),
              t.normalized(),
              t.lufsBefore(),
              t.lufsAfter(),
              t.peakBeforeDbfs(),
              t.peakAfterDbfs()));
    }
    return new AlbumRun(
        orEmpty(a.title()),
        orEmpty(a.artist()),
        orEmpty(a.dir()),
        linkFromRun(orEmpty(a.playlist()), run, project),
        tracks);
  }

  /**
   * A project-relative file as a link from the report in the run directory ({@code
   * ../../../out/x.flac}), or {@code ""} for an absolute or unusable path.
   */
  static String linkFromRun(String projectRelative, Path run, Path project) {
    if (projectRelative.isEmpty()) {
      return "";
    }
    try {
      Path p = Path.of(projectRelative);
      if (p.isAbsolute()) {
        return "";
      }
      return run.relativize(project.resolve(p).normalize()).toString().replace('\\', '/');
    } catch (
        IllegalArgumentException e) { // InvalidPathException, or a path relativize cannot express
      return "";
    }
  }

  private static StepRun step(
      RunManifest.Step s,
      String where,
      Path run,
      Path project,
      Map<String, List<String>> deps,
      Set<String> ids,
      Map<String, String> serverNames) {
    String id = text(s.id(), where + ".id");
    String state = orEmpty(s.state()).toLowerCase(Locale.ROOT);
    StepRun.State mapped;
    String cause = orEmpty(s.error());
    switch (state) {
      case "succeeded", "passed" -> mapped = StepRun.State.PASSED;
      case "cached" -> mapped = StepRun.State.CACHED;
      case "failed" -> mapped = StepRun.State.FAILED;
      case "skipped" -> {
        mapped = StepRun.State.SKIPPED;
        String because = orEmpty(s.skippedBecause());
        if (cause.isEmpty() && !because.isEmpty()) {
          cause = "skipped because '" + because + "' failed";
        }
      }
      case "waiting", "running", "abandoned" -> {
        mapped = StepRun.State.SKIPPED;
        if (cause.isEmpty()) {
          cause =
              state.equals("waiting")
                  ? "not started: the run stopped first"
                  : "still in flight when the run stopped (" + state + ")";
        }
      }
      default ->
          throw new IllegalArgumentException(where + ".state: unknown step state '" + state + "'");
    }
    Instant started = s.startedAt() == null ? null : instant(s.startedAt(), where + ".started_at");
    Instant finished =
        s.finishedAt() == null ? null : instant(s.finishedAt(), where + ".finished_at");
    if (started == null || finished == null) {
      started = null;
      finished = null;
    } else {
      finished = max(started, finished);
    }
    List<TakeRun> takes = new ArrayList<>();
    List<Long> seeds = new ArrayList<>();
    for (int i = 0; i < s.takes().size(); i++) {
      RunManifest.Take t = s.takes().get(i);
      Long seedSent = t.seedSent();
      // One seed per take: what the server used for this take when it says, else what was sent.
      Long used = seed(node(t.seedReported()), t.index());
      if (used != null || seedSent != null) {
        seeds.add(used != null ? used : seedSent);
      }
      String rel = relativeToRun(orEmpty(t.localPath()), run, project);
      if (rel == null) {
        continue;
      }
      takes.add(
          new TakeRun(
              t.index(),
              rel,
              orEmpty(t.sha256()),
              t.duration(),
              seedSent,
              used,
              orEmpty(t.ditModel()),
              TakeCheckView.of(node(t.checks()))));
    }
    List<String> dependsOn =
        deps.getOrDefault(id, List.of()).stream().filter(ids::contains).toList();
    java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
    node(s.fields())
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                fields.put(e.getKey(), e.getValue().asText());
              }
            });
    // The server that rendered the step's takes (in a pool, the one each step ran on): the
    // timeline's
    // row and the card's line.
    if (!fields.containsKey("server") && !s.takes().isEmpty()) {
      String server = s.takes().get(0).server();
      if (server != null && !server.isBlank()) {
        fields.put("server", server);
      }
    }
    // Manifests of older versions left the kind of never-resolved steps empty; such a step is still
    // reportable.
    String kind = orEmpty(s.kind()).isEmpty() ? "step" : s.kind();
    return new StepRun(
        id,
        kind,
        mapped,
        cause,
        s.attempts(),
        started,
        finished,
        s.request() != null && s.request().isObject() ? s.request() : null,
        seeds,
        s.taskIds(),
        dependsOn,
        takes,
        fields,
        jobs(s, id, serverNames, where));
  }

  /** A tree the manifest may lack, as a missing node so it reads as empty. */
  private static JsonNode node(JsonNode n) {
    return n == null ? MissingNode.getInstance() : n;
  }

  /**
   * The project directory of a run directory: {@code .acepipe/runs/<id>} lives in it; any other
   * layout is taken as the project itself.
   */
  public static Path projectDirOf(Path runDir) {
    return ProjectLayout.projectOfRun(runDir).orElse(runDir.toAbsolutePath().normalize());
  }

  private static String relativeToRun(String localPath, Path run, Path project) {
    if (localPath.isEmpty()) {
      return null;
    }
    try {
      Path p = Path.of(localPath);
      Path abs = (p.isAbsolute() ? p : project.resolve(p)).normalize();
      if (!abs.startsWith(run) || abs.equals(run)) {
        return null;
      }
      return run.relativize(abs).toString().replace('\\', '/');
    } catch (InvalidPathException e) {
      return null;
    }
  }

  /**
   * The seed a server reports for take {@code index}: servers report one value per job as {@code
   * "s1,s2,..."}, in take order, so take {@code index} reads element {@code index} (or the only
   * one).
   */
  static Long seed(JsonNode n, int index) {
    if (n.canConvertToLong()) {
      return n.asLong();
    }
    if (!n.isTextual() || n.asText().isBlank()) {
      return null;
    }
    String[] parts = n.asText().split(",");
    String part = parts.length == 1 ? parts[0] : index < parts.length ? parts[index] : null;
    try {
      return part == null ? null : Long.valueOf(part.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  static int exitCode(String outcome) {
    return switch (outcome.toLowerCase(Locale.ROOT)) {
      case "succeeded" -> 0;
      case "server_unavailable" -> 4;
      case "interrupted" -> 130;
      default -> 1;
    };
  }

  private static Instant max(Instant a, Instant b) {
    return b.isBefore(a) ? a : b;
  }

  /** The step's jobs as the timeline draws them; a job without both times is left out. */
  private static List<JobSpan> jobs(
      RunManifest.Step s, String id, Map<String, String> names, String where) {
    List<JobSpan> spans = new ArrayList<>();
    for (int k = 0; k < s.jobs().size(); k++) {
      RunManifest.Job j = s.jobs().get(k);
      if (j.submittedAt() == null || j.endedAt() == null) {
        continue;
      }
      String at = where + ".jobs[" + k + "]";
      Instant start = instant(j.submittedAt(), at + ".submitted_at");
      Instant end = max(start, instant(j.endedAt(), at + ".ended_at"));
      String url = orEmpty(j.server());
      String server = url.isEmpty() ? JobSpan.DEFAULT_SERVER : names.getOrDefault(url, url);
      JobSpan.State state =
          switch (orEmpty(j.end())) {
            case "succeeded" -> JobSpan.State.SUCCEEDED;
            case "failed" -> JobSpan.State.FAILED;
            case "moved" -> JobSpan.State.MOVED;
            default -> JobSpan.State.CANCELLED;
          };
      spans.add(new JobSpan(server, id, k, start, end, state));
    }
    return spans;
  }

  private static Instant instant(String value, String field) {
    String v = text(value, field);
    try {
      return Instant.parse(v);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(field + ": not an ISO-8601 instant: '" + v + "'");
    }
  }

  private static String text(String value, String field) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(field + " is missing");
    }
    return value;
  }

  private static String orEmpty(String v) {
    return v == null ? "" : v;
  }
}
