package dev.acepipe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.acepipe.exec.TakeResult;
import dev.acepipe.pool.FailoverConfig;
import dev.acepipe.pool.PoolServer;
import dev.acepipe.pool.Secret;
import dev.acepipe.server.EmbeddedServer;
import dev.acepipe.server.EmbeddedServerConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pool of three embedded servers (one worker each, fixed take time) renders a small DAG through
 * the real executor over HTTP while one server is killed mid-run: the run finishes, every step is
 * rendered exactly once, and no step goes to the same server twice.
 */
@Timeout(60)
class PoolFailoverRunTest {
  private static final int LEVELS = 3;
  private static final int WIDTH = 4;

  @TempDir Path dir;
  private final List<EmbeddedServer> servers = new ArrayList<>();
  private final List<AceStepClient> clients = new ArrayList<>();

  @AfterEach
  void stop() {
    clients.forEach(AceStepClient::close);
    servers.forEach(EmbeddedServer::close);
  }

  @Test
  void aPoolFinishesEveryStepOnceWhenOneServerIsKilledMidRun() throws Exception {
    List<PoolMember> members = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      EmbeddedServer s =
          EmbeddedServer.start(
              EmbeddedServerConfig.defaults(dir.resolve("srv" + i))
                  .withPort(0)
                  .withWorkers(1)
                  .withFixedTakeSeconds(0.3));
      servers.add(s);
      AceStepClient c = new OkHttpAceStepClient(ClientConfig.custom(s.baseUrl()).build());
      clients.add(c);
      members.add(new PoolMember(PoolServer.of("gpu-" + i, s.baseUrl(), Secret.none()), c));
    }
    EmbeddedServer victim = servers.get(1);
    // Read before the kill: a closed server no longer knows its port.
    String victimUrl = victim.baseUrl();
    Set<String> serverUrls = new HashSet<>();
    servers.forEach(s -> serverUrls.add(s.baseUrl()));
    AtomicInteger done = new AtomicInteger();
    AtomicBoolean killed = new AtomicBoolean();
    RunListener killer =
        new RunListener() {
          @Override
          public void stepChanged(StepView view) {
            if (view.state() == StepState.SUCCEEDED) {
              done.incrementAndGet();
            }
            // From a third of the run on, the first time the victim holds a job (accepted, its
            // take not yet fetched), it dies: servers are driven at once, so it may be between
            // jobs when the third step succeeds.
            if (done.get() >= LEVELS * WIDTH / 3
                && victim.counters().acceptedTasks() > victim.counters().requests("/v1/audio")
                && killed.compareAndSet(false, true)) {
              victim.close();
            }
          }
        };
    Clock clock = Clock.systemUTC();
    Executor executor =
        new Executor(
            new RunServers(members, new FailoverConfig(Duration.ofMillis(300), 1)),
            new ResiliencePolicies(ResiliencePolicies.Settings.defaults(), clock),
            new AudioFilesProbe(),
            RunJournal.NONE,
            killer,
            clock,
            Sleeper.SYSTEM,
            ExecutorOptions.in(dir.resolve("takes")));

    RunResult result = executor.run(dag());

    assertThat(killed).isTrue();
    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
    assertThat(result.steps()).hasSize(LEVELS * WIDTH);
    for (StepReport step : result.steps()) {
      assertThat(step.state()).as(step.id()).isEqualTo(StepState.SUCCEEDED);
      assertThat(step.takes()).as(step.id()).hasSize(1);
      TakeResult take = step.takes().get(0);
      assertThat(serverUrls).as(step.id()).contains(take.server());
      List<String> submittedTo =
          step.events().stream().filter(e -> e.startsWith("submitted to ")).toList();
      assertThat(new HashSet<>(submittedTo)).as(step.id()).hasSameSizeAs(submittedTo);
      assertThat(step.request().seed()).as(step.id()).isEqualTo(seedOf(step.id()));
    }
    assertThat(result.steps())
        .anySatisfy(s -> assertThat(s.events()).anyMatch(e -> e.startsWith("moved off ")));
    long rendered =
        servers.stream()
            .filter(s -> s != victim)
            .mapToLong(s -> s.counters().acceptedTasks())
            .sum();
    assertThat(rendered).isEqualTo(LEVELS * WIDTH - victimFinished(result, victimUrl));
  }

  /** Steps the victim finished before it died: they are not rendered again elsewhere. */
  private static long victimFinished(RunResult result, String victimUrl) {
    return result.steps().stream().filter(s -> s.takes().get(0).server().equals(victimUrl)).count();
  }

  private static long seedOf(String id) {
    return 1000L + id.hashCode() % 1000;
  }

  private static List<ExecStep> dag() {
    List<ExecStep> steps = new ArrayList<>();
    for (int l = 0; l < LEVELS; l++) {
      for (int i = 0; i < WIDTH; i++) {
        String id = "s" + l + "_" + i;
        List<String> needs =
            l == 0
                ? List.of()
                : List.of("s" + (l - 1) + "_" + i, "s" + (l - 1) + "_" + (i + 1) % WIDTH);
        TaskRequest request =
            TaskRequest.builder()
                .prompt("pool")
                .lyrics("[inst]")
                .audioDuration(2.0)
                .seed(seedOf(id))
                .batchSize(1)
                .audioFormat("wav")
                .build();
        StepAction action = StepAction.Job.generate(request);
        steps.add(new ExecStep(id, needs, 0, Duration.ofMinutes(2), up -> action));
      }
    }
    return steps;
  }
}
