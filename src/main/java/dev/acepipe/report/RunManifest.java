package dev.acepipe.report;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.acepipe.store.ProjectLayout;
import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Path;
import java.util.List;

/**
 * The run manifest ({@code .acepipe/runs/<run-id>/manifest.json}): one record, written by {@code
 * engine run} and read back by every report. Every key is a component's name in snake case ({@link
 * ManifestKeys} on each record). Reading is lenient where older versions wrote less: missing lists
 * are empty, unknown keys are ignored ({@link ManifestKeys} too), and an old manifest's {@code
 * renderer} stands in for {@code rendered_by}.
 *
 * <p>Times are ISO-8601 text as written; {@link dev.acepipe.report.html.RunManifests} parses them
 * and names the field when one is not. Values a server or a pipeline shapes (requests, metas,
 * fields, checks) stay JSON trees.
 */
@RunManifest.ManifestKeys
public record RunManifest(
    String runId,
    String pipeline,
    String name,
    String server,
    String renderedBy,
    Profile serverProfile,
    List<String> warnings,
    String outcome,
    String error,
    String startedAt,
    String finishedAt,
    double elapsedSeconds,
    long httpRequests,
    long polls,
    List<Step> steps,
    List<String> inFlightTaskIds,
    List<Output> outputs,
    Album album,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<PoolServer> servers,
    // Older manifests named where the run rendered here too; only read, folded into rendered_by.
    @JsonProperty(value = "renderer", access = JsonProperty.Access.WRITE_ONLY)
        String legacyRenderer) {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * How every record of the manifest spells and reads its keys: each component's name in
   * snake_case, and keys it does not know are ignored.
   */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.TYPE)
  @JacksonAnnotationsInside
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @interface ManifestKeys {}

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
  @ManifestKeys
  public record PoolServer(String name, String url) {}

  /** The server's profile as the run learned it. */
  @ManifestKeys
  public record Profile(
      String generation,
      String backend,
      String version,
      boolean acceptsUploads,
      boolean acceptsAbsolutePaths,
      boolean honoursSeeds,
      boolean seedLists,
      Boolean lm,
      boolean loraApi,
      List<String> formats,
      String loadedModel) {}

  /**
   * One step. {@code state} is the executor's state in lower case; {@code request} the request as
   * sent (credentials masked), or null for a step that sent none.
   */
  @ManifestKeys
  public record Step(
      String id,
      String kind,
      String state,
      String error,
      String skippedBecause,
      int attempts,
      List<String> taskIds,
      List<String> events,
      String startedAt,
      String finishedAt,
      JsonNode request,
      JsonNode fields,
      JsonNode serverUsed,
      List<Take> takes,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Job> jobs) {
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
  @ManifestKeys
  public record Job(String taskId, String server, String submittedAt, String endedAt, String end) {}

  /**
   * One take. {@code localPath} is relative to the project when it lies inside it; {@code
   * seedReported} is what the server said (a number, or text listing one seed per take).
   */
  @ManifestKeys
  public record Take(
      int index,
      String serverPath,
      String server,
      String localPath,
      String sha256,
      long bytes,
      double duration,
      int sampleRate,
      int channels,
      Long seedSent,
      JsonNode seedReported,
      JsonNode metas,
      String ditModel,
      String lmModel,
      @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode checks) {}

  /** One declared output file; {@code problem} only when it was not written. */
  @ManifestKeys
  public record Output(
      String step,
      String path,
      boolean written,
      @JsonInclude(JsonInclude.Include.NON_NULL) String problem) {}

  /** The album as written; paths relative to the project. */
  @ManifestKeys
  public record Album(
      String title,
      String artist,
      String dir,
      String playlist,
      String tracklist,
      List<Track> tracks) {
    public Album {
      tracks = tracks == null ? List.of() : List.copyOf(tracks);
    }
  }

  /**
   * One album track; the levels are there when the track could be measured (each null when not
   * finite).
   */
  @ManifestKeys
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Track(
      Integer number,
      String title,
      String file,
      double duration,
      String sourceStep,
      Long seed,
      boolean normalized,
      Double lufsBefore,
      Double lufsAfter,
      Double peakBeforeDbfs,
      Double peakAfterDbfs,
      Double gainDb) {}

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
