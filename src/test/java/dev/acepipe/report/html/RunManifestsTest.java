package dev.acepipe.report.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunManifestsTest {
  private static final Path RUN_DIR = Path.of("/work/proj/.acepipe/runs/20261125-100000-ab12");
  private static final Map<String, List<String>> DEPS =
      Map.of(
          "draft",
          List.of("song"),
          "fixed",
          List.of("draft"),
          "cover",
          List.of("fixed", "not-run"));

  private static JsonNode manifest() throws Exception {
    return new ObjectMapper().readTree(RunManifestsTest.class.getResource("/report/manifest.json"));
  }

  @Test
  void readsRunFactsAndStepsInOrder() throws Exception {
    RunReport r = RunManifests.read(manifest(), RUN_DIR, DEPS);

    assertThat(r.pipelineName()).isEqualTo("night-drive");
    assertThat(r.pipelineFile()).isEqualTo("night-drive.yaml");
    assertThat(r.runId()).isEqualTo("20261125-100000-ab12");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.error()).isEmpty();
    assertThat(r.elapsed().toMillis()).isEqualTo(42_500);
    assertThat(r.steps())
        .extracting(StepRun::id, StepRun::state)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("song", StepRun.State.PASSED),
            org.assertj.core.groups.Tuple.tuple("draft", StepRun.State.PASSED),
            org.assertj.core.groups.Tuple.tuple("fixed", StepRun.State.FAILED),
            org.assertj.core.groups.Tuple.tuple("cover", StepRun.State.SKIPPED),
            org.assertj.core.groups.Tuple.tuple("late", StepRun.State.SKIPPED));
  }

  @Test
  void makesTakePathsRelativeToTheRunDirectoryAndLeavesOutImportedFiles() throws Exception {
    RunReport r = RunManifests.read(manifest(), RUN_DIR, DEPS);

    StepRun draft = r.step("draft").orElseThrow();
    assertThat(draft.takes())
        .extracting(TakeRun::audioPath)
        .containsExactly("takes/draft/0.flac", "takes/draft/1.flac");
    assertThat(draft.takes().get(0).seedReported()).isEqualTo(11L);
    assertThat(draft.takes().get(1).seedReported()).isNull();
    assertThat(draft.takes().get(0).model()).isEqualTo("acestep-v15-turbo");
    assertThat(draft.seeds()).containsExactly(11L, 12L);
    assertThat(draft.taskIds()).containsExactly("t-1", "t-2");
    assertThat(draft.attempts()).isEqualTo(2);
    assertThat(r.step("song").orElseThrow().takes()).isEmpty();
  }

  @Test
  void explainsSkippedAndAbandonedSteps() throws Exception {
    RunReport r = RunManifests.read(manifest(), RUN_DIR, DEPS);

    assertThat(r.step("cover").orElseThrow().cause()).isEqualTo("skipped because 'fixed' failed");
    assertThat(r.step("cover").orElseThrow().duration()).isEmpty();
    assertThat(r.step("late").orElseThrow().cause()).contains("abandoned");
    assertThat(r.step("late").orElseThrow().startedAt()).isNull();
    assertThat(r.step("fixed").orElseThrow().cause()).isEqualTo("job failed: out of memory");
  }

  @Test
  void takesEdgesFromTheGivenDependenciesOnlyBetweenStepsInTheRun() throws Exception {
    RunReport r = RunManifests.read(manifest(), RUN_DIR, DEPS);

    assertThat(r.step("cover").orElseThrow().dependsOn()).containsExactly("fixed");
    assertThat(RunManifests.read(manifest(), RUN_DIR, Map.of()).steps())
        .allSatisfy(s -> assertThat(s.dependsOn()).isEmpty());
  }

  @Test
  void reportRedactsSecretsLeftInAManifestRequest() throws Exception {
    RunReport r = RunManifests.read(manifest(), RUN_DIR, DEPS);

    assertThat(HtmlReport.prettyJson(r.step("draft").orElseThrow().request()))
        .doesNotContain("leaked-token")
        .contains("\"ai_token\" : \"***\"");
  }

  @Test
  void mapsOutcomesToExitCodes() {
    assertThat(RunManifests.exitCode("succeeded")).isZero();
    assertThat(RunManifests.exitCode("failed")).isEqualTo(1);
    assertThat(RunManifests.exitCode("server_unavailable")).isEqualTo(4);
    assertThat(RunManifests.exitCode("interrupted")).isEqualTo(130);
  }

  @Test
  void namesTheFieldAManifestLacks() throws Exception {
    ObjectNode m = (ObjectNode) manifest();
    ((ObjectNode) m.get("steps").get(2)).remove("id");

    assertThatThrownBy(() -> RunManifests.read(m, RUN_DIR, DEPS))
        .isInstanceOf(dev.acepipe.report.ManifestException.class)
        .hasMessage("steps[2].id is missing");
  }

  @Test
  void everyJobOfAStepBecomesOneBarOnItsServerNamedAsThePoolNamesIt() throws Exception {
    ObjectNode m = (ObjectNode) manifest();
    m.putArray("servers")
        .add(new ObjectMapper().readTree("{\"name\":\"gpu-1\",\"url\":\"http://a:1\"}"))
        .add(new ObjectMapper().readTree("{\"name\":\"gpu-2\",\"url\":\"http://b:2\"}"));
    ((ObjectNode) m.get("steps").get(0))
        .set(
            "jobs",
            new ObjectMapper()
                .readTree(
                    "[{\"task_id\":\"t1\",\"server\":\"http://a:1\","
                        + "\"submitted_at\":\"2026-11-25T10:00:00Z\","
                        + "\"ended_at\":\"2026-11-25T10:00:04Z\",\"end\":\"moved\"},"
                        + "{\"task_id\":\"t2\",\"server\":\"http://b:2\","
                        + "\"submitted_at\":\"2026-11-25T10:00:05Z\","
                        + "\"ended_at\":\"2026-11-25T10:00:09Z\",\"end\":\"succeeded\"}]"));

    List<JobSpan> spans = JobSpan.fromSteps(RunManifests.read(m, RUN_DIR, DEPS).steps());

    String first = RunManifests.read(m, RUN_DIR, DEPS).steps().get(0).id();
    assertThat(spans.stream().filter(j -> j.stepId().equals(first)).toList())
        .extracting(JobSpan::server, JobSpan::job, JobSpan::state)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("gpu-1", 0, JobSpan.State.MOVED),
            org.assertj.core.groups.Tuple.tuple("gpu-2", 1, JobSpan.State.SUCCEEDED));
  }

  @Test
  void readsAStepWhoseKindAnOlderVersionLeftEmpty() throws Exception {
    ObjectNode m = (ObjectNode) manifest();
    ((ObjectNode) m.get("steps").get(2)).put("kind", "");

    RunReport report = RunManifests.read(m, RUN_DIR, DEPS);

    assertThat(report.steps().get(2).kind()).isEqualTo("step");
  }

  @Test
  void rejectsAnUnknownStepState() throws Exception {
    ObjectNode m = (ObjectNode) manifest();
    ((ObjectNode) m.get("steps").get(0)).put("state", "exploded");

    assertThatThrownBy(() -> RunManifests.read(m, RUN_DIR, DEPS))
        .hasMessageContaining("steps[0].state: unknown step state 'exploded'");
  }

  @Test
  void readsEachTakesOwnSeedOutOfTheServersSeedList() {
    var list = com.fasterxml.jackson.databind.node.TextNode.valueOf("1931044816,1931044817");

    assertThat(RunManifests.seed(list, 0)).isEqualTo(1931044816L);
    assertThat(RunManifests.seed(list, 1)).isEqualTo(1931044817L);
    assertThat(RunManifests.seed(list, 2)).isNull();
    assertThat(RunManifests.seed(com.fasterxml.jackson.databind.node.TextNode.valueOf("42"), 3))
        .isEqualTo(42L);
  }
}
