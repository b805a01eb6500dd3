package dev.acepipe.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.acepipe.client.TaskRequest;
import org.junit.jupiter.api.Test;

class JobRequestsTest {
  private static final AudioRef SRC = new AudioRef("draft", 0);
  private final TaskRequest base = TaskRequest.builder().prompt("p").seed(1).batchSize(1).build();

  @Test
  void generateExpectsItsDuration() {
    JobRequests.Prepared p =
        JobRequests.prepare(
            StepAction.Job.generate(base.toBuilder().audioDuration(60.0).build()), 0);

    assertThat(p.request().taskType()).isEqualTo("text2music");
    assertThat(p.expectedSeconds()).isEqualTo(60.0);
  }

  @Test
  void generateWithoutDurationExpectsNothing() {
    assertThat(JobRequests.prepare(StepAction.Job.generate(base), 0).expectedSeconds()).isNull();
  }

  @Test
  void sampleTurnsOnSampleMode() {
    JobRequests.Prepared p =
        JobRequests.prepare(StepAction.Job.sample(base.toBuilder().sampleQuery("q").build()), 0);

    assertThat(p.request().sampleMode()).isTrue();
    assertThat(p.request().sampleQuery()).isEqualTo("q");
  }

  @Test
  void continueIsARepaintPastTheEndOfTheSource() {
    JobRequests.Prepared p = JobRequests.prepare(StepAction.Job.continueFrom(SRC, 30, base), 95.5);

    assertThat(p.request().taskType()).isEqualTo("repaint");
    assertThat(p.request().repaintingStart()).isEqualTo(95.5);
    assertThat(p.request().repaintingEnd()).isEqualTo(125.5);
    assertThat(p.expectedSeconds()).isEqualTo(125.5);
  }

  @Test
  void repaintInsideTheSourceKeepsItsLength() {
    JobRequests.Prepared p = JobRequests.prepare(StepAction.Job.repaint(SRC, 45.0, 60.0, base), 90);

    assertThat(p.expectedSeconds()).isEqualTo(90.0);
  }

  @Test
  void repaintWithANegativeStartPrependsAndAnOpenEndMeansTheSourcesEnd() {
    JobRequests.Prepared p = JobRequests.prepare(StepAction.Job.repaint(SRC, -5.0, null, base), 90);

    assertThat(p.request().repaintingEnd()).isEqualTo(90.0);
    assertThat(p.expectedSeconds()).isEqualTo(95.0);
  }

  @Test
  void rejectsAnInvertedRepaintWindowTheServerWouldSilentlyMisread() {
    assertThatThrownBy(() -> JobRequests.prepare(StepAction.Job.repaint(SRC, 60.0, 45.0, base), 90))
        .hasMessageContaining("repaint window [60.0, 45.0) is empty or inverted");
  }

  @Test
  void coverKeepsTheSourceLengthAndSendsTheStrength() {
    JobRequests.Prepared p =
        JobRequests.prepare(
            StepAction.Job.cover(SRC, 0.3, base.toBuilder().audioDuration(10.0).build()), 42);

    assertThat(p.request().taskType()).isEqualTo("cover");
    assertThat(p.request().audioCoverStrength()).isEqualTo(0.3);
    assertThat(p.request().audioDuration()).isNull();
    assertThat(p.expectedSeconds()).isEqualTo(42.0);
  }
}
