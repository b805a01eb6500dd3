import dev.acepipe.audio.AudioFiles;
import dev.acepipe.audio.AudioFormat;
import dev.acepipe.audio.Pcm;
import dev.acepipe.client.AceStepClient;
import dev.acepipe.client.ClientConfig;
import dev.acepipe.client.OkHttpAceStepClient;
import dev.acepipe.client.TaskRequest;
import dev.acepipe.client.TaskStatus;
import dev.acepipe.exec.AudioFilesProbe;
import dev.acepipe.exec.ExecStep;
import dev.acepipe.exec.Executor;
import dev.acepipe.exec.ExecutorOptions;
import dev.acepipe.exec.ResiliencePolicies;
import dev.acepipe.exec.RunJournal;
import dev.acepipe.exec.RunListener;
import dev.acepipe.exec.RunResult;
import dev.acepipe.exec.RunServers;
import dev.acepipe.exec.Sleeper;
import dev.acepipe.exec.StepAction;
import dev.acepipe.server.EmbeddedServer;
import dev.acepipe.server.EmbeddedServerConfig;
import dev.acepipe.server.synth.RenderedTake;
import dev.acepipe.server.synth.SynthRequest;
import dev.acepipe.server.synth.Synthesizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Makespan of the executor on a 20-step DAG of width 4 (5 levels; each step needs two steps of the
 * level before), against the embedded server with 2 workers and a fixed 0.5 s per job, compared
 * with the list-scheduling ideal and with the naive way (submit one job, poll every 5 s, then the
 * next).
 *
 * <p>Usage: java -cp target/acepipe.jar bench/exec/ExecBench.java [--no-naive]
 */
public class ExecBench {
  static final int LEVELS = 5;
  static final int WIDTH = 4;
  static final int WORKERS = 2;
  static final double JOB_SECONDS = 0.5;

  /** Near-instant silent audio, so the job time is the server's fixed 0.5 s delay. */
  static final class SilentSynth implements Synthesizer {
    @Override
    public RenderedTake render(SynthRequest request, long seed, Path out)
        throws java.io.IOException {
      double seconds = request.durationSeconds() > 0 ? request.durationSeconds() : 10;
      AudioFiles.write(Pcm.silence(48_000, 2, (int) (seconds * 48_000)), AudioFormat.WAV, out);
      return new RenderedTake(out, seconds, 120, "C major", "4", "bench");
    }
  }

  static String id(int level, int i) {
    return "s" + level + "_" + i;
  }

  static List<String> needs(int level, int i) {
    return level == 0 ? List.of() : List.of(id(level - 1, i), id(level - 1, (i + 1) % WIDTH));
  }

  static TaskRequest request(int level, int i) {
    return TaskRequest.builder()
        .prompt("bench")
        .lyrics("[inst]")
        .audioDuration(10.0)
        .seed(level * 100L + i)
        .batchSize(1)
        .audioFormat("wav")
        .build();
  }

  static List<ExecStep> dag() {
    List<ExecStep> steps = new ArrayList<>();
    for (int l = 0; l < LEVELS; l++) {
      for (int i = 0; i < WIDTH; i++) {
        StepAction action = StepAction.Job.generate(request(l, i));
        steps.add(new ExecStep(id(l, i), needs(l, i), 0, Duration.ofMinutes(5), up -> action));
      }
    }
    return steps;
  }

  /** Greedy list scheduling with zero overhead: the ideal the executor is measured against. */
  static double listScheduleBound(double job) {
    double[] finish = new double[LEVELS * WIDTH];
    double[] workerFree = new double[WORKERS];
    boolean[] done = new boolean[LEVELS * WIDTH];
    for (int scheduled = 0; scheduled < LEVELS * WIDTH; scheduled++) {
      // The worker that frees first takes the ready step that can start earliest (plan order breaks
      // ties).
      int w = workerFree[0] <= workerFree[1] ? 0 : 1;
      int best = -1;
      double bestStart = Double.MAX_VALUE;
      for (int l = 0; l < LEVELS; l++) {
        for (int i = 0; i < WIDTH; i++) {
          int k = l * WIDTH + i;
          if (done[k]) continue;
          double ready = 0;
          boolean depsScheduled = true;
          for (String n : needs(l, i)) {
            int nl = n.charAt(1) - '0';
            int ni = n.charAt(3) - '0';
            int nk = nl * WIDTH + ni;
            if (!done[nk]) depsScheduled = false;
            ready = Math.max(ready, finish[nk]);
          }
          if (!depsScheduled) continue;
          double start = Math.max(ready, workerFree[w]);
          if (start < bestStart) {
            bestStart = start;
            best = k;
          }
        }
      }
      done[best] = true;
      finish[best] = bestStart + job;
      workerFree[w] = finish[best];
    }
    double max = 0;
    for (double f : finish) max = Math.max(max, f);
    return max;
  }

  static long totalRequests(EmbeddedServer server) {
    return server.counters().snapshot().values().stream().mapToLong(Long::longValue).sum();
  }

  static EmbeddedServer start(Path dir) throws Exception {
    return EmbeddedServer.start(
        EmbeddedServerConfig.defaults(dir)
            .withWorkers(WORKERS)
            .withJobDelaySeconds(JOB_SECONDS)
            .withSynthesizer(new SilentSynth()));
  }

  public static void main(String[] args) throws Exception {
    boolean naive = !List.of(args).contains("--no-naive");
    Path tmp = Files.createTempDirectory("acepipe-execbench-");
    int steps = LEVELS * WIDTH;
    double ideal = listScheduleBound(JOB_SECONDS);

    double makespan;
    long requests;
    double avgJob;
    long polls;
    try (EmbeddedServer server = start(tmp.resolve("srv1"));
        AceStepClient client =
            new OkHttpAceStepClient(ClientConfig.custom(server.baseUrl()).build())) {
      Clock clock = Clock.systemUTC();
      // Warm-up (class loading, JIT, connections) on a separate two-step run, not measured.
      new Executor(
              RunServers.one(client),
              new ResiliencePolicies(ResiliencePolicies.Settings.defaults(), clock),
              new AudioFilesProbe(),
              RunJournal.NONE,
              RunListener.NONE,
              clock,
              Sleeper.SYSTEM,
              ExecutorOptions.in(tmp.resolve("warmup")))
          .run(
              List.of(
                  new ExecStep(
                      "w0", List.of(), 0, null, up -> StepAction.Job.generate(request(9, 0))),
                  new ExecStep(
                      "w1", List.of("w0"), 0, null, up -> StepAction.Job.generate(request(9, 1)))));
      Executor executor =
          new Executor(
              RunServers.one(client),
              new ResiliencePolicies(ResiliencePolicies.Settings.defaults(), clock),
              new AudioFilesProbe(),
              RunJournal.NONE,
              RunListener.NONE,
              clock,
              Sleeper.SYSTEM,
              ExecutorOptions.in(tmp.resolve("takes")));
      long before = totalRequests(server);
      long t0 = System.nanoTime();
      RunResult result = executor.run(dag());
      makespan = (System.nanoTime() - t0) / 1e9;
      requests = totalRequests(server) - before;
      polls = result.polls();
      avgJob = client.stats().avgJobSeconds();
      if (List.of(args).contains("--trace")) {
        for (var s : result.steps()) {
          System.out.printf(
              Locale.ROOT,
              "  %s start %.2f end %.2f%n",
              s.id(),
              Duration.between(result.startedAt(), s.startedAt()).toMillis() / 1000.0,
              Duration.between(result.startedAt(), s.finishedAt()).toMillis() / 1000.0);
        }
      }
      if (result.outcome() != RunResult.Outcome.SUCCEEDED) {
        throw new IllegalStateException("bench run failed: " + result.steps());
      }
    }
    double idealMeasured = listScheduleBound(avgJob);
    System.out.printf(
        Locale.ROOT,
        "DAG: %d steps, width %d, %d levels; server: %d workers, %.1f s fixed per job%n",
        steps,
        WIDTH,
        LEVELS,
        WORKERS,
        JOB_SECONDS);
    System.out.printf(
        Locale.ROOT,
        "ideal (list scheduling, %.2f s jobs):          %6.2f s%n",
        JOB_SECONDS,
        ideal);
    System.out.printf(
        Locale.ROOT,
        "ideal (list scheduling, measured %.3f s jobs): %6.2f s%n",
        avgJob,
        idealMeasured);
    System.out.printf(
        Locale.ROOT,
        "acepipe executor makespan:                     %6.2f s  = %.3f x ideal(0.5 s), %.3f x ideal(measured)%n",
        makespan,
        makespan / ideal,
        makespan / idealMeasured);
    System.out.printf(
        Locale.ROOT,
        "acepipe HTTP requests: %d (%.2f per step; %d batched polls)%n",
        requests,
        requests / (double) steps,
        polls);

    if (naive) {
      try (EmbeddedServer server = start(tmp.resolve("srv2"));
          AceStepClient client =
              new OkHttpAceStepClient(ClientConfig.custom(server.baseUrl()).build())) {
        long before = totalRequests(server);
        long t0 = System.nanoTime();
        int n = 0;
        for (int l = 0; l < LEVELS; l++) {
          for (int i = 0; i < WIDTH; i++) {
            String task = client.submit(request(l, i)).taskId();
            TaskStatus status;
            do {
              Thread.sleep(5000);
              status = client.query(List.of(task)).get(0);
            } while (!(status instanceof TaskStatus.Succeeded));
            var take = ((TaskStatus.Succeeded) status).takes().get(0);
            client.download(take.fileUrl(), tmp.resolve("naive-" + (n++) + ".wav"));
          }
        }
        double naiveSpan = (System.nanoTime() - t0) / 1e9;
        long naiveRequests = totalRequests(server) - before;
        System.out.printf(
            Locale.ROOT,
            "naive (one job at a time, poll every 5 s):     %6.2f s  = %.2f x acepipe; %d requests (%.2f per step)%n",
            naiveSpan,
            naiveSpan / makespan,
            naiveRequests,
            naiveRequests / (double) steps);
      }
    }
  }
}
