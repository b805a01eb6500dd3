package dev.acepipe.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.acepipe.store.ProjectLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The run manifest ({@code .acepipe/runs/<run-id>/manifest.json}): one record, written by {@code
 * engine run} and read back by every report, so a key is spelled in one place. Reading is lenient
 * where older versions wrote less: missing lists are empty, unknown keys are ignored, and an old
 * manifest's {@code renderer} stands in for {@code rendered_by}.
 *
 * <p>Times are ISO-8601 text as written; {@link dev.acepipe.report.html.RunManifests} parses them
 * and names the field when one is not. Values a server or a pipeline shapes (requests, metas,
 * fields, checks) stay JSON trees.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunManifest(
    @JsonProperty("run_id") String runId,
    @JsonProperty("pipeline") String pipeline,
    @JsonProperty("name") String name,
    @JsonProperty("server") String server,
    @JsonProperty("rendered_by") String renderedBy,
    @JsonProperty("server_profile") Profile serverProfile,
    @JsonProperty("warnings") List<String> warnings,
    @JsonProperty("outcome") String outcome,
    @JsonProperty("error") String error,
    @JsonProperty("started_at") String startedAt,
    @JsonProperty("finished_at") String finishedAt,
    @JsonProperty("elapsed_seconds") double elapsedSeconds,
    @JsonProperty("http_requests") long httpRequests,
    @JsonProperty("polls") long polls,
    @JsonProperty("steps") List<Step> steps,
    @JsonProperty("in_flight_task_ids") List<String> inFlightTaskIds,
    @JsonProperty("outputs") List<Output> outputs,
    @JsonProperty("album") Album album,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("servers") List<PoolServer> servers,
    // Older manifests named where the run rendered here too; only read, folded into rendered_by.
    @JsonProperty(value = "renderer", access = JsonProperty.Access.WRITE_ONLY)
        String legacyRenderer) {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public RunManifest {
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
    steps = steps == null ? null : List.copyOf(steps);
    inFlightTaskIds = inFlightTaskIds == null ? List.of() : List.copyOf(inFlightTaskIds);
    outputs = outputs == null ? List.of() : List.copyOf(outputs);
    servers = servers == null ? List.of() : List.copyOf(servers);
    if (blank(renderedBy)) {
      renderedBy = blank(legacyRenderer) ? renderedBy : legacyRenderer;
    }
    legacyRenderer = null;
  }

  /** One server of the run's pool: how the run named it and its URL (what takes record). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record PoolServer(@JsonProperty("name") String name, @JsonProperty("url") String url) {}

  /** The server's profile as the run learned it. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Profile(
      @JsonProperty("generation") String generation,
      @JsonProperty("backend") String backend,
      @JsonProperty("version") String version,
      @JsonProperty("accepts_uploads") boolean acceptsUploads,
      @JsonProperty("accepts_absolute_paths") boolean acceptsAbsolutePaths,
      @JsonProperty("honours_seeds") boolean honoursSeeds,
      @JsonProperty("seed_lists") boolean seedLists,
      @JsonProperty("lm") Boolean lm,
      @JsonProperty("lora_api") boolean loraApi,
      @JsonProperty("formats") List<String> formats,
      @JsonProperty("loaded_model") String loadedModel) {}

  /**
   * One step. {@code state} is the executor's state in lower case; {@code request} the request as
   * sent (credentials masked), or null for a step that sent none.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Step(
      @JsonProperty("id") String id,
      @JsonProperty("kind") String kind,
      @JsonProperty("state") String state,
      @JsonProperty("error") String error,
      @JsonProperty("skipped_because") String skippedBecause,
      @JsonProperty("attempts") int attempts,
      @JsonProperty("task_ids") List<String> taskIds,
      @JsonProperty("events") List<String> events,
      @JsonProperty("started_at") String startedAt,
      @JsonProperty("finished_at") String finishedAt,
      @JsonProperty("request") JsonNode request,
      @JsonProperty("fields") JsonNode fields,
      @JsonProperty("server_used") JsonNode serverUsed,
      @JsonProperty("takes") List<Take> takes,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonProperty("jobs") List<Job> jobs) {
    public Step {
      jobs = jobs == null ? List.of() : List.copyOf(jobs);
      taskIds = taskIds == null ? List.of() : List.copyOf(taskIds);
      events = events == null ? List.of() : List.copyOf(events);
      takes = takes == null ? List.of() : List.copyOf(takes);
    }
  }

  /**
   * One job of a step: a submission on one server ({@code server} its URL, as takes name it) until
   * it ended there ({@code end}: succeeded, failed, moved, cancelled).
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Job(
      @JsonProperty("task_id") String taskId,
      @JsonProperty("server") String server,
      @JsonProperty("submitted_at") String submittedAt,
      @JsonProperty("ended_at") String endedAt,
      @JsonProperty("end") String end) {}

  /**
   * One take. {@code localPath} is relative to the project when it lies inside it; {@code
   * seedReported} is what the server said (a number, or text listing one seed per take).
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Take(
      @JsonProperty("index") int index,
      @JsonProperty("server_path") String serverPath,
      @JsonProperty("server") String server,
      @JsonProperty("local_path") String localPath,
      @JsonProperty("sha256") String sha256,
      @JsonProperty("bytes") long bytes,
      @JsonProperty("duration") double duration,
      @JsonProperty("sample_rate") int sampleRate,
      @JsonProperty("channels") int channels,
      @JsonProperty("seed_sent") Long seedSent,
      @JsonProperty("seed_reported") JsonNode seedReported,
      @JsonProperty("metas") JsonNode metas,
      @JsonProperty("dit_model") String ditModel,
      @JsonProperty("lm_model") String lmModel,
      @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("checks") JsonNode checks) {}

  /** One declared output file; {@code problem} only when it was not written. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Output(
      @JsonProperty("step") String step,
      @JsonProperty("path") String path,
      @JsonProperty("written") boolean written,
      @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("problem") String problem) {}

  /** The album as written; paths relative to the project. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Album(
      @JsonProperty("title") String title,
      @JsonProperty("artist") String artist,
      @JsonProperty("dir") String dir,
      @JsonProperty("playlist") String playlist,
      @JsonProperty("tracklist") String tracklist,
      @JsonProperty("tracks") List<Track> tracks) {
    public Album {
      tracks = tracks == null ? List.of() : List.copyOf(tracks);
    }
  }

  /**
   * One album track; the levels are there when the track could be measured (each null when not
   * finite).
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Track(
      @JsonProperty("number") Integer number,
      @JsonProperty("title") String title,
      @JsonProperty("file") String file,
      @JsonProperty("duration") double duration,
      @JsonProperty("source_step") String sourceStep,
      @JsonProperty("seed") Long seed,
      @JsonProperty("normalized") boolean normalized,
      @JsonProperty("lufs_before") Double lufsBefore,
      @JsonProperty("lufs_after") Double lufsAfter,
      @JsonProperty("peak_before_dbfs") Double peakBeforeDbfs,
      @JsonProperty("peak_after_dbfs") Double peakAfterDbfs,
      @JsonProperty("gain_db") Double gainDb) {}

  /** The manifest as JSON text, the way it is stored. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("run manifest not serializable", e);
    }
  }

  /**
   * The manifest in {@code tree}.
   *
   * @throws ManifestException naming the field whose value has the wrong shape
   */
  public static RunManifest of(JsonNode tree) {
    try {
      return JSON.treeToValue(tree, RunManifest.class);
    } catch (JsonMappingException e) {
      throw new ManifestException(
          "manifest" + where(e) + ": " + e.getOriginalMessage().lines().findFirst().orElse(""), e);
    } catch (JsonProcessingException e) {
      throw new ManifestException("manifest: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * The manifest of the run in {@code runDir}.
   *
   * @throws IOException when it cannot be read or is not JSON
   * @throws ManifestException naming the field whose value has the wrong shape
   */
  public static RunManifest read(Path runDir) throws IOException {
    return of(JSON.readTree(ProjectLayout.manifest(runDir).toFile()));
  }

  /** {@code tree} as a JSON tree (for values kept as trees: requests, metas, checks). */
  static JsonNode tree(Object value) {
    return value == null ? null : JSON.valueToTree(value);
  }

  private static String where(JsonMappingException e) {
    StringBuilder b = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getIndex() >= 0) {
        b.append('[').append(r.getIndex()).append(']');
      } else if (r.getFieldName() != null) {
        b.append('.').append(r.getFieldName());
      }
    }
    return b.toString();
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
