package dev.acepipe.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acepipe.plan.PlanInputs;
import dev.acepipe.plan.PlanResult;
import dev.acepipe.plan.Planner;
import dev.acepipe.plan.PlannedStep;
import dev.acepipe.dsl.model.StepKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

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
    assertThat(!plan.plan().outputs().isEmpty() || plan.plan().album().isPresent()).as("writes something").isTrue();
  }

  @Test
  void singleSongIsOneShortGenerateStepWithAnOutput() {
    PlanResult plan = new Planner().plan(new PipelineChecker().check(Path.of("dsl-examples/single-song.yaml"), "single-song.yaml").pipeline(), PlanInputs.empty());

    List<PlannedStep> steps = plan.plan().order();
    assertThat(steps).hasSize(1);
    assertThat(steps.get(0).kind()).isEqualTo(StepKind.GENERATE);
    assertThat(steps.get(0).fields().get(dev.acepipe.dsl.model.StepField.DURATION).constant()).contains("20");
    assertThat(plan.plan().outputs()).hasSize(1);
  }

  @Test
  void editChainUsesEveryEditingKindInOrder() {
    PlanResult plan = new Planner().plan(new PipelineChecker().check(Path.of("dsl-examples/edit-chain.yaml"), "edit-chain.yaml").pipeline(), PlanInputs.empty());

    assertThat(plan.plan().order()).extracting(PlannedStep::kind)
        .containsExactly(StepKind.GENERATE, StepKind.CONTINUE, StepKind.REPAINT, StepKind.COVER);
  }
}
