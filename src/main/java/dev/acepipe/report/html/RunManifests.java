package dev.acepipe.report.html;

import com.fasterxml.jackson.databind.JsonNode;
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
   * @throws IllegalArgumentException naming the field when the manifest lacks something a report
   *     needs
   */
  public static RunReport read(
      JsonNode manifest, Path runDir, Map<String, List<String>> dependencies) {
    Path run = runDir.toAbsolutePath().normalize();
    Path project = projectDirOf(run);
    Instant started = instant(manifest, "started_at", "manifest");
    Instant finished = max(started, instant(manifest, "finished_at", "manifest"));
    JsonNode stepsNode = manifest.path("steps");
    if (!stepsNode.isArray()) {
      throw new IllegalArgumentException("manifest: 'steps' is missing or not a list");
    }
    Set<String> ids = new java.util.HashSet<>();
    stepsNode.forEach(s -> ids.add(s.path("id").asText("")));
    List<StepRun> steps = new ArrayList<>();
    for (int i = 0; i < stepsNode.size(); i++) {
      steps.add(step(stepsNode.get(i), "steps[" + i + "]", run, project, dependencies, ids));
    }
    String outcome = manifest.path("outcome").asText("");
    // rendered_by comes from the server's profile (an engine serve instance is the synthesizer
    // too); older
    // manifests have only renderer or server.
    String renderer = orEmpty(manifest, "rendered_by");
    if (renderer.isEmpty()) {
      renderer = orEmpty(manifest, "renderer");
    }
    if (renderer.isEmpty()) {
      renderer = orEmpty(manifest, "server");
    }
    return new RunReport(
        text(manifest, "name", "manifest"),
        text(manifest, "pipeline", "manifest"),
        text(manifest, "run_id", "manifest"),
        started,
        finished,
        exitCode(outcome),
        orEmpty(manifest, "error"),
        steps,
        renderer,
        outputs(manifest.path("outputs"), run, project),
        album(manifest.path("album"), run, project));
  }

  private static List<OutputFileRun> outputs(JsonNode list, Path run, Path project) {
    List<OutputFileRun> out = new ArrayList<>();
    for (JsonNode o : list) {
      String path = orEmpty(o, "path");
      boolean written = o.path("written").asBoolean(false);
      out.add(
          new OutputFileRun(
              orEmpty(o, "step"),
              path,
              written ? linkFromRun(path, run, project) : "",
              written,
              orEmpty(o, "problem")));
    }
    return out;
  }

  private static AlbumRun album(JsonNode a, Path run, Path project) {
    if (!a.isObject()) {
      return null;
    }
    List<AlbumRun.Track> tracks = new ArrayList<>();
    for (JsonNode t : a.path("tracks")) {
      String file = orEmpty(t, "file");
      tracks.add(
          new AlbumRun.Track(
              t.path("number").asInt(tracks.size() + 1),
              orEmpty(t, "title"),
              file,
              linkFromRun(file, run, project),
              t.path("duration").asDouble(0),
              orEmpty(t, "source_step"),
              t.path("normalized").asBoolean(false),
              number(t, "lufs_before"),
              number(t, "lufs_after"),
              number(t, "peak_before_dbfs"),
              number(t, "peak_after_dbfs")));
    }
    return new AlbumRun(
        orEmpty(a, "title"),
        orEmpty(a, "artist"),
        orEmpty(a, "dir"),
        linkFromRun(orEmpty(a, "playlist"), run, project),
        tracks);
  }

  private static Double number(JsonNode n, String field) {
    JsonNode v = n.path(field);
    return v.isNumber() ? v.asDouble() : null;
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
      JsonNode s,
      String where,
      Path run,
      Path project,
      Map<String, List<String>> deps,
      Set<String> ids) {
    String id = text(s, "id", where);
    String state = s.path("state").asText("").toLowerCase(Locale.ROOT);
    StepRun.State mapped;
    String cause = orEmpty(s, "error");
    switch (state) {
      case "succeeded", "passed" -> mapped = StepRun.State.PASSED;
      case "cached" -> mapped = StepRun.State.CACHED;
      case "failed" -> mapped = StepRun.State.FAILED;
      case "skipped" -> {
        mapped = StepRun.State.SKIPPED;
        String because = orEmpty(s, "skipped_because");
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
    Instant started = s.path("started_at").isTextual() ? instant(s, "started_at", where) : null;
    Instant finished = s.path("finished_at").isTextual() ? instant(s, "finished_at", where) : null;
    if (started == null || finished == null) {
      started = null;
      finished = null;
    } else {
      finished = max(started, finished);
    }
    List<TakeRun> takes = new ArrayList<>();
    List<Long> seeds = new ArrayList<>();
    JsonNode takesNode = s.path("takes");
    for (int i = 0; i < takesNode.size(); i++) {
      JsonNode t = takesNode.get(i);
      Long seedSent = t.path("seed_sent").canConvertToLong() ? t.path("seed_sent").asLong() : null;
      // One seed per take: what the server used for this take when it says, else what was sent.
      Long used = seed(t.path("seed_reported"), t.path("index").asInt(i));
      if (used != null || seedSent != null) {
        seeds.add(used != null ? used : seedSent);
      }
      String rel = relativeToRun(t.path("local_path").asText(""), run, project);
      if (rel == null) {
        continue;
      }
      takes.add(
          new TakeRun(
              t.path("index").asInt(i),
              rel,
              orEmpty(t, "sha256"),
              t.path("duration").asDouble(0),
              seedSent,
              seed(t.path("seed_reported"), t.path("index").asInt(i)),
              orEmpty(t, "dit_model"),
              TakeCheckView.of(t.path("checks"))));
    }
    List<String> taskIds = new ArrayList<>();
    s.path("task_ids").forEach(n -> taskIds.add(n.asText()));
    List<String> dependsOn =
        deps.getOrDefault(id, List.of()).stream().filter(ids::contains).toList();
    JsonNode request = s.path("request");
    java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
    s.path("fields")
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                fields.put(e.getKey(), e.getValue().asText());
              }
            });
    // Manifests of older versions left the kind of never-resolved steps empty; such a step is still
    // reportable.
    String kind = orEmpty(s, "kind").isEmpty() ? "step" : orEmpty(s, "kind");
    return new StepRun(
        id,
        kind,
        mapped,
        cause,
        s.path("attempts").asInt(0),
        started,
        finished,
        request.isObject() ? request : null,
        seeds,
        taskIds,
        dependsOn,
        takes,
        fields);
  }

  /**
   * The project directory of a run directory: {@code .acepipe/runs/<id>} lives in it; any other
   * layout is taken as the project itself.
   */
  public static Path projectDirOf(Path runDir) {
    Path run = runDir.toAbsolutePath().normalize();
    Path runs = run.getParent();
    Path acepipe = runs == null ? null : runs.getParent();
    if (runs != null
        && acepipe != null
        && runs.getFileName().toString().equals("runs")
        && acepipe.getFileName().toString().equals(".acepipe")
        && acepipe.getParent() != null) {
      return acepipe.getParent();
    }
    return run;
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

  private static Instant instant(JsonNode n, String field, String where) {
    String v = text(n, field, where);
    try {
      return Instant.parse(v);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          where + "." + field + ": not an ISO-8601 instant: '" + v + "'");
    }
  }

  private static String text(JsonNode n, String field, String where) {
    JsonNode v = n.path(field);
    if (!v.isValueNode() || v.isNull() || v.asText().isEmpty()) {
      throw new IllegalArgumentException(where + "." + field + " is missing");
    }
    return v.asText();
  }

  private static String orEmpty(JsonNode n, String field) {
    JsonNode v = n.path(field);
    return v.isValueNode() && !v.isNull() ? v.asText() : "";
  }
}
