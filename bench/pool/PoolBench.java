import dev.acepipe.pool.BenchmarkDag;
import dev.acepipe.pool.ListSchedule;
import dev.acepipe.pool.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The pool benchmark's scheduling half: the 40-step DAG of width 8 with 0.5 s jobs, routed by
 * acepipe's Router (expected finish time, late binding, failover) on simulated servers, against the
 * list-scheduling ideal for the same speeds. Three cases: four equal servers; one of them three
 * times slower; four equal servers with one killed at 30 % of the ideal makespan.
 *
 * <p>It measures routing only (no HTTP, polling or transfer). The same cases against four embedded
 * servers ({@code engine serve --count 4 --take-seconds 0.5}) through the executor follow once the
 * executor routes each job through the pool.
 *
 * <p>Usage: java -cp target/acepipe.jar bench/pool/PoolBench.java
 */
public class PoolBench {
  static final double JOB_SECONDS = 0.5;

  static List<Simulation.Server> servers(double... speeds) {
    List<Simulation.Server> s = new ArrayList<>();
    for (int i = 0; i < speeds.length; i++) {
      s.add(new Simulation.Server("gpu-" + (i + 1), speeds[i]));
    }
    return s;
  }

  static void report(String title, List<Simulation.Server> pool, Optional<Simulation.Kill> kill) {
    List<ListSchedule.Job> dag = BenchmarkDag.jobs(5, 8, JOB_SECONDS);
    double ideal =
        ListSchedule.of(dag, pool.stream().map(Simulation.Server::speed).toList()).makespan();
    for (boolean warm : new boolean[] {false, true}) {
      Simulation.Outcome o = Simulation.run(dag, pool, kill, warm);
      long repeatedOnOneServer =
          o.serversOfJob().values().stream()
              .filter(s -> s.size() != s.stream().distinct().count())
              .count();
      System.out.printf(
          Locale.ROOT,
          "%-34s %-5s makespan %6.2f s  ideal %6.2f s  = %.3f x ideal  submissions %d for %d"
              + " steps (%.3f per step)  lost %d  repeated on one server %d%n",
          title,
          warm ? "warm" : "cold",
          o.makespan(),
          ideal,
          o.makespan() / ideal,
          o.submissions(),
          dag.size(),
          (double) o.submissions() / dag.size(),
          o.stranded().size(),
          repeatedOnOneServer);
    }
  }

  public static void main(String[] args) {
    System.out.println(
        "pool routing, 40-step DAG of width 8, 0.5 s jobs (cold: averages learned during the run;"
            + " warm: seeded from /v1/stats)");
    report("4 servers", servers(1, 1, 1, 1), Optional.empty());
    report("4 servers, one 3x slower", servers(1, 1, 1, 1.0 / 3), Optional.empty());
    double ideal =
        ListSchedule.of(BenchmarkDag.jobs(5, 8, JOB_SECONDS), List.of(1.0, 1.0, 1.0, 1.0))
            .makespan();
    report(
        "4 servers, gpu-2 killed at 30 %",
        servers(1, 1, 1, 1), Optional.of(new Simulation.Kill("gpu-2", 0.3 * ideal)));
  }
}
