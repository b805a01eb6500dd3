package dev.acepipe.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.acepipe.client.TaskRequest;
import dev.acepipe.dsl.model.StepKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The windows of overlap and prepend, and what the stem kinds send. */
class StemAndExtensionHandlersTest {
  private static final AudioRef SRC = new AudioRef("draft", 0);
  private final TaskRequest base = TaskRequest.builder().prompt("p").seed(1).batchSize(1).build();

  @Test
  void anOverlapStartsTheExtensionBeforeTheSourcesEnd() {
    JobRequests.Prepared p =
        JobRequests.prepare(StepAction.Job.continueFrom(SRC, 20, 4.0, base), 60);

    assertThat(p.request().repaintingStart()).isEqualTo(56.0);
    assertThat(p.request().repaintingEnd()).isEqualTo(80.0);
    assertThat(p.expectedSeconds()).isEqualTo(80.0);
  }

  @Test
  void anOverlapAsLongAsTheSourceIsRefused() {
    assertThatThrownBy(
            () -> JobRequests.prepare(StepAction.Job.continueFrom(SRC, 20, 60.0, base), 60))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("overlap 60.0 s is not less than the source's 60.0 s");
  }

  @Test
  void prependRepaintsBeforeTheStartWithARealZeroEnd() {
    JobRequests.Prepared p = JobRequests.prepare(StepAction.Job.prepend(SRC, 8, base), 60);

    assertThat(p.request().taskType()).isEqualTo("repaint");
    assertThat(p.request().repaintingStart()).isEqualTo(-8.0);
    assertThat(p.request().repaintingEnd()).isEqualTo(0.0);
    assertThat(p.expectedSeconds()).isEqualTo(68.0);
  }

  @Test
  void stemKindsSendTheirTaskTypeAndKeepTheSourcesLength() {
    TaskRequest withDuration = base.toBuilder().audioDuration(30.0).build();
    for (StepKind kind : List.of(StepKind.EXTRACT, StepKind.LEGO, StepKind.COMPLETE)) {
      JobRequests.Prepared p =
          JobRequests.prepare(StepAction.Job.fromSource(kind, SRC, withDuration), 42);

      assertThat(p.request().taskType()).isEqualTo(kind.yamlName());
      assertThat(p.request().audioDuration()).isNull();
      assertThat(p.expectedSeconds()).isEqualTo(42.0);
    }
  }

  @Test
  void theNofsqVariantIsPartOfTheFingerprintAndOtherTaskTypesAreNot() {
    StepAction.Job plain = StepAction.Job.cover(SRC, 0.5, base);
    StepAction.Job nofsq =
        StepAction.Job.cover(SRC, 0.5, base.toBuilder().taskType("cover-nofsq").build());

    assertThat(Recipes.request(plain).has("task_type")).isFalse();
    assertThat(Recipes.request(nofsq).path("task_type").asText()).isEqualTo("cover-nofsq");
  }
}
