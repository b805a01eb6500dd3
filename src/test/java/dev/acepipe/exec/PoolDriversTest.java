package dev.acepipe.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acepipe.client.AceStepClient;
import dev.acepipe.client.Download;
import dev.acepipe.pool.FailoverConfig;
import dev.acepipe.pool.PoolServer;
import dev.acepipe.pool.Secret;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two embedded servers in a pool, driven by the real executor over HTTP: every server has its own
 * driver, so one server's slow work never holds up the other's.
 */
@Timeout(60)
class PoolDriversTest {
  private static final Duration SLOW_DOWNLOAD = Duration.ofSeconds(3);

  @TempDir Path dir;
  private EmbeddedPool servers;

  @BeforeEach
  void start() {
    servers = new EmbeddedPool(dir, 0.05);
  }

  @AfterEach
  void stop() {
    servers.close();
  }

  @Test
  void aServerWhoseTakesDownloadSlowlyDoesNotStallTheOtherServer() throws Exception {
    AceStepClient fast = servers.client("fast");
    AceStepClient slow = slowDownloads(servers.client("slow"));
    List<PoolMember> members =
        List.of(
            new PoolMember(PoolServer.of("fast", fast.baseUrl(), Secret.none()), fast),
            new PoolMember(PoolServer.of("slow", slow.baseUrl(), Secret.none()), slow));
    List<ExecStep> steps = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      steps.add(EmbeddedPool.generate("s" + i));
    }

    RunResult result = executor(members).run(steps);

    assertThat(result.outcome()).isEqualTo(RunResult.Outcome.SUCCEEDED);
    List<StepReport> onSlow = on(result, slow.baseUrl());
    List<StepReport> onFast = on(result, fast.baseUrl());
    assertThat(onSlow).isNotEmpty();
    StepReport slowStep = onSlow.get(0);
    // While the slow server's take downloads, the fast server takes, renders and hands back jobs
    // that were submitted after it: the executor never waits on one server's download.
    List<StepReport> meanwhile =
        onFast.stream()
            .filter(s -> s.startedAt().isAfter(slowStep.startedAt()))
            .filter(s -> s.finishedAt().isBefore(slowStep.finishedAt()))
            .toList();
    assertThat(meanwhile).hasSizeGreaterThanOrEqualTo(3);
    assertThat(onFast.size() + onSlow.size()).isEqualTo(10);
  }

  private static List<StepReport> on(RunResult result, String url) {
    return result.steps().stream()
        .filter(s -> s.state() == StepState.SUCCEEDED)
        .filter(s -> s.takes().get(0).server().equals(url))
        .toList();
  }

  /** The real server, reached over a link on which every take takes {@link #SLOW_DOWNLOAD}. */
  private static AceStepClient slowDownloads(AceStepClient real) {
    return new UnlockedClient(real, new RunLock()) {
      @Override
      public Download download(String fileUrl, Path target) {
        crawl();
        return super.download(fileUrl, target);
      }

      @Override
      public Download download(String fileUrl, Path target, OutputStream tee) {
        crawl();
        return super.download(fileUrl, target, tee);
      }
    };
  }

  private static void crawl() {
    try {
      Thread.sleep(SLOW_DOWNLOAD.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Executor executor(List<PoolMember> members) {
    Clock clock = Clock.systemUTC();
    return TestExecutors.plain(
        new RunServers(members, FailoverConfig.DEFAULTS),
        clock,
        Sleeper.SYSTEM,
        dir.resolve("takes"));
  }
}
