package dev.acepipe.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acepipe.dsl.model.StepKind;
import dev.acepipe.plan.PlanInputs;
import dev.acepipe.plan.PlanResult;
import dev.acepipe.plan.PlannedStep;
import dev.acepipe.plan.Planner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every file in {@code dsl-examples/} validates and plans. */
class DslExamplesTest {
  static Stream<Path> examples() throws IOException {
    try (Stream<Path> s = Files.list(Path.of("dsl-examples"))) {
      return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void exampleValidatesAndPlans(Path file) {
    CheckResult checked = new PipelineChecker().check(file, file.toString());

    assertThat(checked.diagnostics()).isEmpty();
    PlanResult plan = new Planner().plan(checked.pipeline(), new PlanInputs(Map.of(), Map.of()));
    assertThat(plan.diagnostics()).isEmpty();
    assertThat(!plan.plan().outputs().isEmpty() || plan.plan().album().isPresent())
        .as("writes something")
        .isTrue();
  }

  @Test
  void singleSongIsOneShortGenerateStepWithAnOutput() {
    PlanResult plan =
        new Planner()
            .plan(
                new PipelineChecker()
                    .check(Path.of("dsl-examples/single-song.yaml"), "single-song.yaml")
                    .pipeline(),
                PlanInputs.empty());

    List<PlannedStep> steps = plan.plan().order();
    assertThat(steps).hasSize(1);
    assertThat(steps.get(0).kind()).isEqualTo(StepKind.GENERATE);
    assertThat(steps.get(0).fields().get(dev.acepipe.dsl.model.StepField.DURATION).constant())
        .contains("20");
    assertThat(plan.plan().outputs()).hasSize(1);
  }

  @Test
  void editChainUsesEveryEditingKindInOrder() {
    PlanResult plan =
        new Planner()
            .plan(
                new PipelineChecker()
                    .check(Path.of("dsl-examples/edit-chain.yaml"), "edit-chain.yaml")
                    .pipeline(),
                PlanInputs.empty());

    assertThat(plan.plan().order())
        .extracting(PlannedStep::kind)
        .containsExactly(StepKind.GENERATE, StepKind.CONTINUE, StepKind.REPAINT, StepKind.COVER);
  }

  private static dev.acepipe.plan.Plan planOf(String name, Map<String, String> params) {
    CheckResult checked = new PipelineChecker().check(Path.of("dsl-examples/" + name), name);
    PlanResult r =
        new Planner().plan(checked.valid().orElseThrow(), new PlanInputs(params, Map.of()));
    assertThat(r.diagnostics()).isEmpty();
    return r.plan();
  }

  @Test
  void albumHasFiveTracksOneOfThemASelectOverAMatrix() {
    dev.acepipe.plan.Plan plan = planOf("album.yaml", Map.of());

    assertThat(plan.album().orElseThrow().tracks()).hasSize(5);
    PlannedStep single = plan.step("single");
    assertThat(single.kind()).isEqualTo(StepKind.SELECT);
    assertThat(single.dependencies()).containsExactly("hook[mood=bright]", "hook[mood=moody]");
    assertThat(plan.album().orElseThrow().tracks())
        .extracting(t -> t.source().step())
        .contains("single");
  }

  @Test
  void remixChainImportsCoversRepaintsAndContinuesInOrder() {
    assertThat(planOf("remix-chain.yaml", Map.of()).order())
        .extracting(PlannedStep::kind)
        .containsExactly(StepKind.IMPORT, StepKind.COVER, StepKind.REPAINT, StepKind.CONTINUE);
  }

  @Test
  void housePartyTakesItsTemplateFromTheLibraryAndTypedParamsFromTheCommandLine() {
    dev.acepipe.plan.Plan plan = planOf("house-party.yaml", Map.of("mood", "dark", "tempo", "124"));

    PlannedStep opener = plan.step("opener");
    assertThat(opener.fields().get(dev.acepipe.dsl.model.StepField.PROMPT).constant())
        .contains("deep house, warm sub bass, crisp claps, dark");
    assertThat(opener.fields().get(dev.acepipe.dsl.model.StepField.BPM).constant()).contains("124");
    assertThat(plan.step("closer").kind()).isEqualTo(StepKind.COVER);
  }

  @Test
  void randomInspirationReadsEveryFieldFromTheRandomStep() {
    PlannedStep song = planOf("random-inspiration.yaml", Map.of()).step("song");

    assertThat(song.dependencies()).containsExactly("idea");
    assertThat(song.readsUpstream()).isTrue();
  }
}
