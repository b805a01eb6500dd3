package dev.acepipe.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SimulationTest {
  private static final List<ListSchedule.Job> DAG = BenchmarkDag.jobs(5, 8, 0.5);

  private static List<Simulation.Server> servers(double... speeds) {
    List<Simulation.Server> s = new java.util.ArrayList<>();
    for (int i = 0; i < speeds.length; i++) {
      s.add(new Simulation.Server("gpu-" + (i + 1), speeds[i]));
    }
    return s;
  }

  private static List<Double> speeds(List<Simulation.Server> servers) {
    return servers.stream().map(Simulation.Server::speed).toList();
  }

  @Test
  void routingMatchesTheIdealOnFourEqualServers() {
    List<Simulation.Server> pool = servers(1, 1, 1, 1);

    Simulation.Outcome o = Simulation.run(DAG, pool, Optional.empty(), false);
    double ideal = ListSchedule.of(DAG, speeds(pool)).makespan();

    assertThat(o.stranded()).isEmpty();
    assertThat(o.submissions()).isEqualTo(40);
    assertThat(o.makespan() / ideal).isLessThanOrEqualTo(1.03);
  }

  @Test
  void aThreeTimesSlowerServerCostsLittleAgainstTheIdealForThoseSpeeds() {
    List<Simulation.Server> pool = servers(1, 1, 1, 1.0 / 3);

    Simulation.Outcome cold = Simulation.run(DAG, pool, Optional.empty(), false);
    Simulation.Outcome warm = Simulation.run(DAG, pool, Optional.empty(), true);
    double ideal = ListSchedule.of(DAG, speeds(pool)).makespan();

    assertThat(cold.makespan() / ideal).isLessThanOrEqualTo(1.15);
    assertThat(warm.makespan() / ideal).isLessThanOrEqualTo(1.15);
  }

  @Test
  void aServerKilledAtThirtyPercentLosesNoStepAndRepeatsNoneOnOneServer() {
    List<Simulation.Server> pool = servers(1, 1, 1, 1);
    double ideal = ListSchedule.of(DAG, speeds(pool)).makespan();

    Simulation.Outcome o =
        Simulation.run(
            DAG, pool, Optional.of(new Simulation.Kill("gpu-2", 0.3 * ideal + 0.1)), false);

    assertThat(o.stranded()).isEmpty();
    assertThat(o.serversOfJob()).hasSize(40);
    assertThat(o.serversOfJob().values()).allSatisfy(s -> assertThat(s).doesNotHaveDuplicates());
    assertThat(o.submissions()).isEqualTo(41);
    assertThat(o.serversOfJob().values().stream().filter(s -> s.size() > 1).toList())
        .singleElement()
        .satisfies(s -> assertThat(s.get(0)).isEqualTo("gpu-2"));
    // Three servers for the remaining 70 %: slower, but bounded by the ideal on three.
    assertThat(o.makespan()).isGreaterThan(ideal);
  }

  @Test
  void aPoolWhoseOnlyServerDiesStrandsTheRestInsteadOfHanging() {
    Simulation.Outcome o =
        Simulation.run(DAG, servers(1), Optional.of(new Simulation.Kill("gpu-1", 1.2)), false);

    assertThat(o.stranded()).isNotEmpty();
    assertThat(o.serversOfJob().values()).allSatisfy(s -> assertThat(s).hasSize(1));
  }
}
