package dev.acepipe.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.acepipe.dsl.model.OutputField;
import dev.acepipe.plan.StepOutputs;
import org.junit.jupiter.api.Test;

class UpstreamNotFinishedTest {

  @Test
  void aFieldOfAStepThatHasNotFinishedIsAbsent() {
    StepOutputs outputs =
        PlanSteps.outputsOf(
            id -> {
              throw new Upstream.NotFinishedException(id, "has no output");
            });

    assertThat(outputs.value("draft", OutputField.CAPTION)).isEmpty();
  }

  @Test
  void aBrokenUpstreamIsNotMistakenForOneThatHasNotFinished() {
    StepOutputs outputs =
        PlanSteps.outputsOf(
            id -> {
              throw new IllegalArgumentException("journal entry of '" + id + "' is unreadable");
            });

    assertThatThrownBy(() -> outputs.value("draft", OutputField.CAPTION))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("journal entry of 'draft' is unreadable");
  }

  @Test
  void theExceptionNamesTheStep() {
    assertThat(new Upstream.NotFinishedException("hook", "has no output yet"))
        .hasMessage("step 'hook' has no output yet")
        .isInstanceOf(IllegalArgumentException.class);
  }
}
