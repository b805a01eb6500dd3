package dev.acepipe.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.acepipe.client.TaskRequest;
import dev.acepipe.exec.AudioInfo;
import dev.acepipe.exec.RunResult;
import dev.acepipe.exec.StepReport;
import dev.acepipe.exec.StepState;
import dev.acepipe.exec.TakeResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunDocumentsTest {
  private final Path project = Path.of("/proj");
  private final RunDocuments.RunInfo info =
      new RunDocuments.RunInfo("r1", "p.yaml", "p", project, project.resolve(".acepipe/runs/r1"));
  private final Instant t0 = Instant.parse("2026-11-25T12:00:00Z");

  private RunResult result() {
    TaskRequest sent =
        TaskRequest.builder()
            .prompt("x")
            .seed(42)
            .batchSize(1)
            .extra("ai_token", "sekrit-key")
            .build();
    TakeResult take =
        TakeResult.builder(
                0,
                project.resolve(".acepipe/runs/r1/takes/a/0.flac"),
                "abc",
                10,
                new AudioInfo(30, 48000, 2))
            .serverPath("/srv/a.flac")
            .fileUrl("/v1/audio?path=%2Fsrv%2Fa.flac")
            .seedSent(42)
            .seedReported("42")
            .ditModel("turbo")
            .prompt("x")
            .build();
    StepReport a =
        new StepReport(
            "a",
            "generate",
            StepState.SUCCEEDED,
            null,
            null,
            sent,
            List.of("t1", "t2"),
            2,
            List.of("server lost task t1 (restarted?); resubmitted once"),
            t0,
            t0.plusSeconds(3),
            List.of(take),
            Map.of(),
            Map.of());
    StepReport b =
        new StepReport(
            "b",
            "cover",
            StepState.FAILED,
            "take 0: server returned 12.0 s, expected 30.0 s",
            null,
            sent,
            List.of("t3"),
            1,
            List.of(),
            t0,
            t0.plusSeconds(4),
            List.of(),
            Map.of(),
            Map.of());
    StepReport c =
        new StepReport(
            "c",
            "",
            StepState.SKIPPED,
            null,
            "b",
            null,
            List.of(),
            0,
            List.of(),
            null,
            t0.plusSeconds(4),
            List.of(),
            Map.of(),
            Map.of());
    return new RunResult(
        RunResult.Outcome.FAILED,
        "http://srv",
        null,
        List.of(a, b, c),
        List.of(),
        t0,
        t0.plusSeconds(5),
        20,
        6,
        null,
        null,
        List.of());
  }

  @Test
  void theManifestHoldsTaskIdsAttemptsAndEveryTakeButNoKey() throws Exception {
    String text = RunDocuments.manifest(info, result(), List.of());

    JsonNode doc = new ObjectMapper().readTree(text);
    JsonNode a = doc.path("steps").get(0);
    assertThat(text).doesNotContain("sekrit-key");
    assertThat(a.path("request").has("ai_token")).as("a request never carries the key").isFalse();
    assertThat(a.path("task_ids").toString()).isEqualTo("[\"t1\",\"t2\"]");
    assertThat(a.path("attempts").asInt()).isEqualTo(2);
    JsonNode take = a.path("takes").get(0);
    assertThat(take.path("server_path").asText()).isEqualTo("/srv/a.flac");
    assertThat(take.path("local_path").asText()).isEqualTo(".acepipe/runs/r1/takes/a/0.flac");
    assertThat(take.path("seed_sent").asLong()).isEqualTo(42);
    assertThat(take.path("duration").asDouble()).isEqualTo(30.0);
  }

  @Test
  void theManifestReadsBackAsTheRecordItWasWrittenFrom() throws Exception {
    RunExtras extras = new RunExtras("http://srv (server version 1.5)", null, null);
    RunManifest written = RunDocuments.record(info, result(), List.of(), extras);

    RunManifest read =
        RunManifest.of(
            new ObjectMapper().readTree(RunDocuments.manifest(info, result(), List.of(), extras)));

    // Trees compare by node type (an int read back where a long was written), so compare the text.
    assertThat(read.toJson()).isEqualTo(written.toJson());
    assertThat(read.runId()).isEqualTo("r1");
    assertThat(read.steps())
        .extracting(RunManifest.Step::state)
        .containsExactly("succeeded", "failed", "skipped");
    assertThat(read.steps().get(0).takes().get(0).seedReported().asText()).isEqualTo("42");
  }

  @Test
  void theManifestNamesWhereTheRunRenderedOnceAsRenderedBy() throws Exception {
    RunExtras extras = new RunExtras("http://srv (server version 1.5)", null, null);

    JsonNode doc =
        new ObjectMapper().readTree(RunDocuments.manifest(info, result(), List.of(), extras));

    assertThat(doc.has("renderer")).isFalse();
    assertThat(doc.path("rendered_by").asText()).isEqualTo("http://srv");
  }

  @Test
  void anOlderManifestsRendererStandsInForRenderedBy() throws Exception {
    JsonNode old =
        new ObjectMapper()
            .readTree(
                "{\"run_id\": \"r0\", \"renderer\": \"embedded synthesizer (procedural, not AI)\","
                    + " \"steps\": []}");

    RunManifest read = RunManifest.of(old);

    assertThat(read.renderedBy()).isEqualTo("embedded synthesizer (procedural, not AI)");
    assertThat(read.outputs()).isEmpty();
    assertThat(read.toJson()).doesNotContain("\"renderer\"");
  }

  @Test
  void aManifestValueOfTheWrongShapeIsNamedByItsPath() throws Exception {
    JsonNode bad =
        new ObjectMapper().readTree("{\"steps\": [{\"id\": \"a\", \"attempts\": {\"n\": 1}}]}");

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> RunManifest.of(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("manifest.steps[0].attempts: ");
  }

  @Test
  void theSummaryListsFailedAndSkippedSteps() throws Exception {
    JsonNode doc = new ObjectMapper().readTree(RunDocuments.summary(info, result(), List.of()));

    assertThat(doc.path("outcome").asText()).isEqualTo("failed");
    assertThat(doc.path("failed").toString()).isEqualTo("[\"b\"]");
    assertThat(doc.path("skipped").toString()).isEqualTo("[\"c\"]");
    assertThat(doc.path("steps").get(2).path("skipped_because").asText()).isEqualTo("b");
  }

  @Test
  void theTextSummaryNamesEachFailureItsCauseAndWhatItSkipped() {
    java.io.StringWriter out = new java.io.StringWriter();

    TextSummary.print(info, result(), List.of(), new java.io.PrintWriter(out));

    assertThat(out.toString())
        .contains("run r1 failed in 5.0 s")
        .contains("b: take 0: server returned 12.0 s, expected 30.0 s")
        .contains("skipped because of it: c");
  }
}
