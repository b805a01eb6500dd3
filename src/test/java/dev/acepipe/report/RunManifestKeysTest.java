package dev.acepipe.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.acepipe.store.ProjectLayout;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins manifest.json's keys at every level. They come from the component names of {@link
 * RunManifest} and its records (snake_case naming), so a renamed component would change the stored
 * format and leave every earlier run's manifest unreadable by name.
 */
class RunManifestKeysTest {
  private final ObjectMapper json = new ObjectMapper();

  private JsonNode tree(String text) throws Exception {
    return json.readTree(text);
  }

  /** A manifest with every component of every record set, and one of each nested record. */
  private RunManifest everyComponent() throws Exception {
    RunManifest.Profile profile =
        new RunManifest.Profile(
            "newer",
            "external",
            "1.5",
            true,
            false,
            true,
            true,
            Boolean.TRUE,
            true,
            List.of("flac", "mp3", "wav"),
            "acestep-v15-turbo");
    RunManifest.Job job =
        new RunManifest.Job(
            "t1", "http://gpu-1:8001", "2026-11-25T12:00:00Z", "2026-11-25T12:00:02Z", "succeeded");
    RunManifest.Take take =
        new RunManifest.Take(
            0,
            "/srv/out/a.flac",
            "http://gpu-1:8001",
            ".acepipe/runs/r1/takes/a/0.flac",
            "abc123",
            1024L,
            30.5,
            48000,
            2,
            42L,
            tree("\"42,43\""),
            tree("{\"bpm\": 104, \"keyscale\": \"E minor\"}"),
            "acestep-v15-turbo",
            "acestep-5Hz-lm-1.7B",
            tree("[{\"check\": \"duration\", \"ok\": true}]"));
    RunManifest.Step step =
        new RunManifest.Step(
            "a",
            "generate",
            "failed",
            "server said no",
            "upstream failed",
            2,
            List.of("t1", "t2"),
            List.of("resubmitted once"),
            "2026-11-25T12:00:00Z",
            "2026-11-25T12:00:03Z",
            tree("{\"prompt\": \"x\", \"seed\": 42}"),
            tree("{\"bpm\": 104.0}"),
            tree("{\"name\": \"gpu-1\", \"url\": \"http://gpu-1:8001\"}"),
            List.of(take),
            List.of(job));
    RunManifest.Output output = new RunManifest.Output("a#0", "out/a.mp3", false, "no take 0");
    RunManifest.Track track =
        new RunManifest.Track(
            1,
            "Hook",
            "out/album/01 - Hook.flac",
            30.5,
            "a#0",
            42L,
            true,
            -22.6,
            -14.0,
            -9.1,
            -1.2,
            8.6);
    RunManifest.Album album =
        new RunManifest.Album(
            "Silver River",
            "acepipe examples",
            "out/album",
            "out/album/album.m3u8",
            "out/album/tracklist.txt",
            List.of(track));
    return new RunManifest(
        "r1",
        "p.yaml",
        "p",
        "http://gpu-1:8001",
        "http://gpu-1:8001 (server version 1.5)",
        profile,
        List.of("a warning"),
        "failed",
        "step a failed",
        "2026-11-25T12:00:00Z",
        "2026-11-25T12:00:09Z",
        9.25,
        12L,
        5L,
        List.of(step),
        List.of("t2"),
        List.of(output),
        album,
        List.of(new RunManifest.PoolServer("gpu-1", "http://gpu-1:8001")),
        null);
  }

  private static List<String> sortedKeys(JsonNode node) {
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    keys.sort(null);
    return keys;
  }

  /** Fails naming the component when the fixture leaves one unset (so every key is written). */
  private static void assertEveryComponentSet(Record r) throws Exception {
    for (RecordComponent c : r.getClass().getRecordComponents()) {
      if (!c.getName().equals("legacyRenderer")) {
        assertThat(c.getAccessor().invoke(r))
            .as(r.getClass().getSimpleName() + "." + c.getName())
            .isNotNull();
      }
    }
  }

  @Test
  void theFixtureSetsEveryComponentOfEveryRecord() throws Exception {
    RunManifest m = everyComponent();
    RunManifest.Step step = m.steps().get(0);

    for (Record r :
        List.<Record>of(
            m,
            m.serverProfile(),
            step,
            step.jobs().get(0),
            step.takes().get(0),
            m.outputs().get(0),
            m.album(),
            m.album().tracks().get(0),
            m.servers().get(0))) {
      assertEveryComponentSet(r);
    }
  }

  @Test
  void aFullManifestWritesExactlyTheseKeysAtEveryLevel() throws Exception {
    JsonNode doc = json.readTree(everyComponent().toJson());

    assertThat(sortedKeys(doc))
        .containsExactly(
            "album",
            "elapsed_seconds",
            "error",
            "finished_at",
            "http_requests",
            "in_flight_task_ids",
            "name",
            "outcome",
            "outputs",
            "pipeline",
            "polls",
            "rendered_by",
            "run_id",
            "server",
            "server_profile",
            "servers",
            "started_at",
            "steps",
            "warnings");
    assertThat(sortedKeys(doc.get("server_profile")))
        .containsExactly(
            "accepts_absolute_paths",
            "accepts_uploads",
            "backend",
            "formats",
            "generation",
            "honours_seeds",
            "lm",
            "loaded_model",
            "lora_api",
            "seed_lists",
            "version");
    JsonNode step = doc.get("steps").get(0);
    assertThat(sortedKeys(step))
        .containsExactly(
            "attempts",
            "error",
            "events",
            "fields",
            "finished_at",
            "id",
            "jobs",
            "kind",
            "request",
            "server_used",
            "skipped_because",
            "started_at",
            "state",
            "takes",
            "task_ids");
    assertThat(sortedKeys(step.get("jobs").get(0)))
        .containsExactly("end", "ended_at", "server", "submitted_at", "task_id");
    assertThat(sortedKeys(step.get("takes").get(0)))
        .containsExactly(
            "bytes",
            "channels",
            "checks",
            "dit_model",
            "duration",
            "index",
            "lm_model",
            "local_path",
            "metas",
            "sample_rate",
            "seed_reported",
            "seed_sent",
            "server",
            "server_path",
            "sha256");
    assertThat(sortedKeys(doc.get("outputs").get(0)))
        .containsExactly("path", "problem", "step", "written");
    assertThat(sortedKeys(doc.get("album")))
        .containsExactly("artist", "dir", "playlist", "title", "tracklist", "tracks");
    assertThat(sortedKeys(doc.get("album").get("tracks").get(0)))
        .containsExactly(
            "duration",
            "file",
            "gain_db",
            "lufs_after",
            "lufs_before",
            "normalized",
            "number",
            "peak_after_dbfs",
            "peak_before_dbfs",
            "seed",
            "source_step",
            "title");
    assertThat(sortedKeys(doc.get("servers").get(0))).containsExactly("name", "url");
  }

  @Test
  void aFullManifestReadsBackEqualFromItsFile(@TempDir Path runDir) throws Exception {
    RunManifest written = everyComponent();
    Files.writeString(ProjectLayout.manifest(runDir), written.toJson());

    RunManifest read = RunManifest.read(runDir);

    assertThat(read).isEqualTo(written);
    assertThat(read.toJson()).isEqualTo(written.toJson());
  }

  @Test
  void anOlderManifestWithRendererMissingListsAndUnknownKeysReads() throws Exception {
    JsonNode old =
        tree(
            """
            {"run_id": "r0", "pipeline": "p.yaml", "name": "p", "server": "http://127.0.0.1:5",
             "renderer": "embedded synthesizer (procedural, not AI)", "outcome": "succeeded",
             "error": null, "started_at": "2026-11-01T10:00:00Z",
             "finished_at": "2026-11-01T10:00:09Z", "elapsed_seconds": 9.0,
             "http_requests": 7, "polls": 3, "format_version": 1,
             "steps": [{"id": "hook", "kind": "generate", "state": "succeeded", "attempts": 1,
               "started_at": "2026-11-01T10:00:00Z", "finished_at": "2026-11-01T10:00:05Z",
               "request": {"prompt": "x"}, "queue_position": 0}],
             "album": {"title": "Silver River", "dir": "out/album", "cover": "cover.png"}}
            """);

    RunManifest read = RunManifest.of(old);

    assertThat(read.runId()).isEqualTo("r0");
    assertThat(read.renderedBy()).isEqualTo("embedded synthesizer (procedural, not AI)");
    assertThat(read.legacyRenderer()).isNull();
    assertThat(read.httpRequests()).isEqualTo(7L);
    assertThat(read.serverProfile()).isNull();
    assertThat(read.warnings()).isEmpty();
    assertThat(read.inFlightTaskIds()).isEmpty();
    assertThat(read.outputs()).isEmpty();
    assertThat(read.servers()).isEmpty();
    RunManifest.Step step = read.steps().get(0);
    assertThat(step.id()).isEqualTo("hook");
    assertThat(step.request().path("prompt").asText()).isEqualTo("x");
    assertThat(step.taskIds()).isEmpty();
    assertThat(step.events()).isEmpty();
    assertThat(step.takes()).isEmpty();
    assertThat(step.jobs()).isEmpty();
    assertThat(read.album().title()).isEqualTo("Silver River");
    assertThat(read.album().tracks()).isEmpty();
    assertThat(json.readTree(read.toJson()).has("renderer")).isFalse();
    assertThat(json.readTree(read.toJson()).path("rendered_by").asText())
        .isEqualTo("embedded synthesizer (procedural, not AI)");
  }
}
