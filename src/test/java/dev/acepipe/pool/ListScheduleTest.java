package dev.acepipe.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ListScheduleTest {
  private static ListSchedule.Job job(String id, double s, String... needs) {
    return new ListSchedule.Job(id, List.of(needs), s);
  }

  @Test
  void independentJobsSpreadOverServers() {
    // Three 1 s jobs on two servers: two run at once, the third after: 2 s.
    var r = ListSchedule.of(List.of(job("a", 1), job("b", 1), job("c", 1)), List.of(1.0, 1.0));

    assertThat(r.makespan()).isEqualTo(2.0);
    assertThat(r.placements().get("a")).isEqualTo(new ListSchedule.Placement(0, 0, 1));
    assertThat(r.placements().get("b")).isEqualTo(new ListSchedule.Placement(1, 0, 1));
    assertThat(r.placements().get("c")).isEqualTo(new ListSchedule.Placement(0, 1, 2));
  }

  @Test
  void aChainTakesItsCriticalPathWhateverTheServers() {
    var r =
        ListSchedule.of(
            List.of(job("a", 1), job("b", 2, "a"), job("c", 3, "b")), List.of(1.0, 1.0, 1.0));

    assertThat(r.makespan()).isEqualTo(6.0);
  }

  @Test
  void theCriticalPathGoesFirst() {
    // Declared first, x is short with no successor; a starts a 1 + 3 chain. On one server
    // critical-path priority runs a, then b (rank 3) before x (rank 1): a 0-1, b 1-4, x 4-5.
    var r = ListSchedule.of(List.of(job("x", 1), job("a", 1), job("b", 3, "a")), List.of(1.0));

    assertThat(r.placements().keySet()).containsExactly("a", "b", "x");
    assertThat(r.makespan()).isEqualTo(5.0);
  }

  @Test
  void criticalPathPriorityBeatsDeclarationOrderOnTwoServers() {
    // Two servers. x1, x2 are 2 s leaves; a (1 s) leads to b (2 s). Priority: a (3), then x1, x2
    // (2), then b (2, ready later). a 0-1 on s0, x1 0-2 on s1, x2 1-3 on s0, b 2-4 on s1: 4 s.
    // Declaration order (x1, x2 first) would give x1, x2 0-2, a 2-3, b 3-5: 5 s.
    var r =
        ListSchedule.of(
            List.of(job("x1", 2), job("x2", 2), job("a", 1), job("b", 2, "a")), List.of(1.0, 1.0));

    assertThat(r.makespan()).isEqualTo(4.0);
    assertThat(r.placements().get("b")).isEqualTo(new ListSchedule.Placement(1, 2, 4));
  }

  @Test
  void aSlowServerTakesWorkOnlyWhenItStillFinishesFirst() {
    // Speeds 1 and 1/3: a 1 s job takes 3 s on the slow server. By earliest finish: j1 fast 0-1,
    // j2 fast 1-2 (2 < 3), j3 fast 2-3 or slow 0-3 tie at 3 and the lower index wins, j4 fast 3-4
    // or slow 0-3: slow. Makespan 3, the slow server used once.
    var r =
        ListSchedule.of(
            List.of(job("j1", 1), job("j2", 1), job("j3", 1), job("j4", 1)), List.of(1.0, 1.0 / 3));

    assertThat(r.makespan()).isCloseTo(3.0, within(1e-9));
    assertThat(r.placements().get("j4").server()).isEqualTo(1);
    assertThat(r.placements().get("j3").server()).isEqualTo(0);
  }

  @Test
  void theBenchmarkGraphOnFourServersIsTenRoundsOfJobs() {
    // 40 jobs of 0.5 s, 8 per level, 4 servers: each level takes two rounds, 5 levels, 5 s.
    var r = ListSchedule.of(BenchmarkDag.jobs(5, 8, 0.5), List.of(1.0, 1.0, 1.0, 1.0));

    assertThat(r.placements()).hasSize(40);
    assertThat(r.makespan()).isCloseTo(5.0, within(1e-9));
  }

  @Test
  void namesTheCycleAndTheUnknownNeed() {
    assertThatThrownBy(
            () -> ListSchedule.of(List.of(job("a", 1, "b"), job("b", 1, "a")), List.of(1.0)))
        .hasMessageContaining("cycle")
        .hasMessageContaining("a -> b -> a");
    assertThatThrownBy(() -> ListSchedule.of(List.of(job("a", 1, "zz")), List.of(1.0)))
        .hasMessageContaining("a needs zz");
    assertThatThrownBy(() -> ListSchedule.of(List.of(job("a", 1)), List.of(0.0)))
        .hasMessageContaining("speeds");
  }
}
