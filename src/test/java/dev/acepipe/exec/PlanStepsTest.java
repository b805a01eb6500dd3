package dev.acepipe.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.acepipe.client.FormatRequest;
import dev.acepipe.dsl.model.StepKind;
import dev.acepipe.plan.Plan;
import dev.acepipe.plan.PlanInputs;
import dev.acepipe.plan.Planner;
import dev.acepipe.validate.CheckResult;
import dev.acepipe.validate.PipelineChecker;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlanStepsTest {
  private static final String YAML =
      """
      version: 1
      name: t
      seed: 11
      steps:
        words:
          type: format
          prompt: indie
          lyrics: "[Verse] hi"
        draft:
          type: generate
          prompt: ${steps.words.caption}
          bpm: ${steps.words.bpm}
          duration: 30
          time_signature: 3
          takes: 2
        longer:
          type: continue
          from: draft#1
          seconds: 20
          seed: 5
          audio_format: wav
        other:
          type: generate
          prompt: solo
          duration: 10
      """;

  private static Plan plan() {
    CheckResult checked = new PipelineChecker().check(YAML, "t.yaml");
    assertThat(checked.diagnostics()).isEmpty();
    return new Planner().plan(checked.pipeline(), PlanInputs.empty()).plan();
  }

  private static StepOutput formatOutput() {
    return new StepOutput("words", List.of(), Map.of("caption", "polished indie", "bpm", 96.0));
  }

  private static StepOutput draftOutput() {
    TakeResult take =
        TakeResult.builder(1, Path.of("b.flac"), "00", 1, new AudioInfo(30, 48000, 2))
            .serverPath("/srv/b.flac")
            .seedSent(1)
            .build();
    return new StepOutput("draft", List.of(take, take), Map.of());
  }

  @Test
  void mapsResolvedFieldsOntoARequestWithAConcreteDerivedSeedAndExplicitTakesAndFormat() {
    List<ExecStep> steps = PlanSteps.of(plan(), Path.of("/proj"), Set.of());
    ExecStep draft = steps.get(1);

    StepAction.Job job = (StepAction.Job) draft.resolver().resolve(id -> formatOutput());

    assertThat(draft.needs()).containsExactly("words");
    assertThat(job.request().prompt()).isEqualTo("polished indie");
    assertThat(job.request().bpm()).isEqualTo(96);
    assertThat(job.request().timeSignature()).isEqualTo("3");
    assertThat(job.request().batchSize()).isEqualTo(2);
    assertThat(job.request().audioFormat()).isEqualTo("flac");
    assertThat(job.request().seed()).isEqualTo(dev.acepipe.store.Seeds.derive(11, "draft", 0));
  }

  @Test
  void aRerollCounterDrawsADifferentStableSeed() {
    ExecStep draft =
        PlanSteps.of(plan(), Path.of("/proj"), Set.of(), java.util.Map.of("draft", 1)).get(1);

    StepAction.Job job = (StepAction.Job) draft.resolver().resolve(id -> formatOutput());

    assertThat(job.request().seed())
        .isEqualTo(dev.acepipe.store.Seeds.derive(11, "draft", 0, 1))
        .isNotEqualTo(dev.acepipe.store.Seeds.derive(11, "draft", 0));
  }

  @Test
  void aContinueStepNamesItsSourceTakeAndKeepsItsOwnSeed() {
    ExecStep longer = PlanSteps.of(plan(), Path.of("/proj"), Set.of()).get(2);

    StepAction.Job job = (StepAction.Job) longer.resolver().resolve(id -> draftOutput());

    assertThat(job.stepKind()).isEqualTo(dev.acepipe.dsl.model.StepKind.CONTINUE);
    assertThat(job.source()).isEqualTo(new AudioRef("draft", 1));
    assertThat(job.edit().seconds()).isEqualTo(20.0);
    assertThat(job.request().seed()).isEqualTo(5);
    assertThat(job.request().audioFormat()).isEqualTo("wav");
  }

  @Test
  void aFormatStepBecomesAFormatRequest() {
    ExecStep words = PlanSteps.of(plan(), Path.of("/proj"), Set.of()).get(0);

    StepAction action =
        words
            .resolver()
            .resolve(
                id -> {
                  throw new IllegalArgumentException("no upstream");
                });

    assertThat(action.stepKind()).isEqualTo(StepKind.FORMAT);
    assertThat(AnswerHandler.question(action, FormatRequest.class).prompt()).isEqualTo("indie");
  }

  @Test
  void aMissingUpstreamFieldFailsWithTheLocatedResolutionMessage() {
    ExecStep draft = PlanSteps.of(plan(), Path.of("/proj"), Set.of()).get(1);

    assertThatThrownBy(
            () -> draft.resolver().resolve(id -> new StepOutput("words", List.of(), Map.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("t.yaml:")
        .hasMessageContaining("which that step did not produce");
  }

  @Test
  void onlyKeepsTheNamedStepsAndEverythingTheyNeed() {
    List<ExecStep> steps = PlanSteps.of(plan(), Path.of("/proj"), Set.of("longer"));

    assertThat(steps).extracting(ExecStep::id).containsExactly("words", "draft", "longer");
  }
}
