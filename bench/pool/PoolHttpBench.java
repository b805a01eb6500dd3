import dev.acepipe.client.AceStepClient;
import dev.acepipe.client.ClientConfig;
import dev.acepipe.client.OkHttpAceStepClient;
import dev.acepipe.client.TaskRequest;
import dev.acepipe.exec.AudioFilesProbe;
import dev.acepipe.exec.ExecStep;
import dev.acepipe.exec.Executor;
import dev.acepipe.exec.ExecutorOptions;
import dev.acepipe.exec.PoolMember;
import dev.acepipe.exec.ResiliencePolicies;
import dev.acepipe.exec.RunJournal;
import dev.acepipe.exec.RunListener;
import dev.acepipe.exec.RunResult;
import dev.acepipe.exec.RunServers;
import dev.acepipe.exec.Sleeper;
import dev.acepipe.exec.StepAction;
import dev.acepipe.exec.StepReport;
import dev.acepipe.exec.StepState;
import dev.acepipe.exec.StepView;
import dev.acepipe.pool.BenchmarkDag;
import dev.acepipe.pool.FailoverConfig;
import dev.acepipe.pool.ListSchedule;
import dev.acepipe.pool.PoolServer;
import dev.acepipe.pool.Secret;
import dev.acepipe.server.EmbeddedServer;
import dev.acepipe.server.EmbeddedServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The pool benchmark over real HTTP: the 40-step DAG of width 8 rendered by the real executor on 4
 * embedded servers started in-process (1 worker each, fixed take time, as {@code engine serve
 * --count 4 --take-seconds 0.5} starts them), against the list-scheduling ideal for the same
 * speeds. Three cases: equal servers; one server 3x slower; equal servers with one killed at 30 %
 * of the ideal makespan (the run must finish, no step lost, no step submitted twice on one server).
 *
 * <p>Usage: java -cp target/acepipe.jar bench/pool/PoolHttpBench.java
 */
public class PoolHttpBench {
  static final int LEVELS = 5;
  static final int WIDTH = 8;
  static final double JOB_SECONDS = 0.5;

  static List<ExecStep> dag(String prefix) {
    List<ExecStep> steps = new ArrayList<>();
    for (ListSchedule.Job j : BenchmarkDag.jobs(LEVELS, WIDTH, JOB_SECONDS)) {
      StepAction action = StepAction.Job.generate(request(j.id()));
      List<String> needs = j.needs().stream().map(n -> prefix + n).toList();
      steps.add(new ExecStep(prefix + j.id(), needs, 0, Duration.ofMinutes(5), up -> action));
    }
    return steps;
  }

  static TaskRequest request(String id) {
    return TaskRequest.builder()
        .prompt("bench " + id)
        .lyrics("[inst]")
        .audioDuration(2.0)
        .seed(1000L + Math.floorMod(id.hashCode(), 1000))
        .batchSize(1)
        .audioFormat("wav")
        .build();
  }

  static long requests(List<EmbeddedServer> servers) {
    long n = 0;
    for (EmbeddedServer s : servers) {
      n += s.counters().snapshot().values().stream().mapToLong(Long::longValue).sum();
    }
    return n;
  }

  static void run(String title, double[] takeSeconds, boolean kill, Path tmp) throws Exception {
    List<EmbeddedServer> servers = new ArrayList<>();
    List<AceStepClient> clients = new ArrayList<>();
    List<PoolMember> members = new ArrayList<>();
    try {
      for (int i = 0; i < takeSeconds.length; i++) {
        EmbeddedServer s =
            EmbeddedServer.start(
                EmbeddedServerConfig.defaults(tmp.resolve(title.hashCode() + "-srv" + i))
                    .withPort(0)
                    .withWorkers(1)
                    .withFixedTakeSeconds(takeSeconds[i]));
        servers.add(s);
        AceStepClient c = new OkHttpAceStepClient(ClientConfig.custom(s.baseUrl()).build());
        clients.add(c);
        members.add(new PoolMember(PoolServer.of("gpu-" + (i + 1), s.baseUrl(), Secret.none()), c));
      }
      List<String> urls = servers.stream().map(EmbeddedServer::baseUrl).toList();
      Clock clock = Clock.systemUTC();
      // Warm-up: one job per server (class loading, JIT, connections; /v1/stats learns each speed).
      for (int i = 0; i < members.size(); i++) {
        executor(List.of(members.get(i)), RunListener.NONE, tmp.resolve("warm" + i), clock)
            .run(
                List.of(
                    new ExecStep(
                        "w", List.of(), 0, null, up -> StepAction.Job.generate(request("warm")))));
      }
      List<Double> speeds = new ArrayList<>();
      for (double t : takeSeconds) {
        speeds.add(JOB_SECONDS / t);
      }
      double ideal =
          ListSchedule.of(BenchmarkDag.jobs(LEVELS, WIDTH, JOB_SECONDS), speeds).makespan();
      AtomicBoolean killed = new AtomicBoolean();
      EmbeddedServer victim = servers.get(1);
      long t0 = System.nanoTime();
      RunListener listener =
          !kill
              ? RunListener.NONE
              : new RunListener() {
                @Override
                public void tick(List<StepView> views) {
                  if ((System.nanoTime() - t0) / 1e9 >= 0.3 * ideal
                      && killed.compareAndSet(false, true)) {
                    victim.close();
                  }
                }
              };
      long before = requests(servers);
      RunResult result =
          executor(members, listener, tmp.resolve(title.hashCode() + "-takes"), clock).run(dag(""));
      double makespan = (System.nanoTime() - t0) / 1e9;
      long reqs = kill ? -1 : requests(servers) - before;
      if (result.outcome() != RunResult.Outcome.SUCCEEDED) {
        throw new IllegalStateException(
            title + ": run ended " + result.outcome() + " " + result.error());
      }
      int lost = 0;
      int twice = 0;
      int moved = 0;
      Map<String, Integer> perServer = new HashMap<>();
      for (StepReport s : result.steps()) {
        if (s.state() != StepState.SUCCEEDED || s.takes().size() != 1) {
          lost++;
          continue;
        }
        perServer.merge(s.takes().get(0).server(), 1, Integer::sum);
        List<String> to = s.events().stream().filter(e -> e.startsWith("submitted to ")).toList();
        Set<String> distinct = new HashSet<>(to);
        if (distinct.size() != to.size()) {
          twice++;
        }
        if (s.events().stream().anyMatch(e -> e.startsWith("moved off "))) {
          moved++;
        }
      }
      // The ideal again with each surviving server's measured job time (rendering under load may
      // take longer than the fixed time): what the executor's own overhead adds.
      List<Double> measured = new ArrayList<>();
      for (int i = 0; i < clients.size(); i++) {
        double avg = servers.get(i) == victim && kill ? 0 : clients.get(i).stats().avgJobSeconds();
        measured.add(avg > 0 ? JOB_SECONDS / avg : speeds.get(i));
      }
      double idealMeasured =
          ListSchedule.of(BenchmarkDag.jobs(LEVELS, WIDTH, JOB_SECONDS), measured).makespan();
      List<Integer> counts = urls.stream().map(u -> perServer.getOrDefault(u, 0)).toList();
      System.out.printf(
          Locale.ROOT,
          "%-34s makespan %6.2f s  ideal %6.2f s  = %.3f x ideal (%.3f x ideal of measured job"
              + " times)  %s  steps per server %s"
              + "  lost %d  moved %d  submitted twice on one server %d%n",
          title,
          makespan,
          ideal,
          makespan / ideal,
          makespan / idealMeasured,
          reqs < 0
              ? "requests n/a (a killed server's counters are gone)"
              : String.format(
                  Locale.ROOT, "requests %.2f per step", reqs / (double) result.steps().size()),
          counts,
          lost,
          moved,
          twice);
    } finally {
      clients.forEach(AceStepClient::close);
      servers.forEach(EmbeddedServer::close);
    }
  }

  static Executor executor(
      List<PoolMember> members, RunListener listener, Path takes, Clock clock) {
    return new Executor(
        new RunServers(members, new FailoverConfig(Duration.ofSeconds(1), 1)),
        new ResiliencePolicies(ResiliencePolicies.Settings.defaults(), clock),
        new AudioFilesProbe(),
        RunJournal.NONE,
        listener,
        clock,
        Sleeper.SYSTEM,
        ExecutorOptions.in(takes));
  }

  public static void main(String[] args) throws Exception {
    Path tmp = Files.createTempDirectory("acepipe-poolbench-");
    System.out.println(
        "pool over HTTP: 40-step DAG of width 8 on 4 embedded servers (1 worker, 0.5 s per take),"
            + " real executor");
    run("4 servers", new double[] {0.5, 0.5, 0.5, 0.5}, false, tmp);
    run("4 servers, one 3x slower", new double[] {0.5, 0.5, 0.5, 1.5}, false, tmp);
    run("4 servers, gpu-2 killed at 30 %", new double[] {0.5, 0.5, 0.5, 0.5}, true, tmp);
  }
}
