package dev.acepipe.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acepipe.cli.ExitCodes;
import dev.acepipe.server.EmbeddedProfile;
import dev.acepipe.server.EmbeddedServer;
import dev.acepipe.server.EmbeddedServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An engine killed with SIGKILL mid-run, then started again, re-attaches to the tasks it left on
 * the server and submits no step twice. The server lives in this JVM (an embedded server inside the
 * engine would die with it); only the engine, a child JVM, is killed. Run against both server
 * generations (the "resume after SIGKILL" cell of docs/servers.md): the step after a resumed one
 * gets its source by path on the snapshot, uploaded on newer ones.
 */
@Timeout(180)
class ResumeAfterKillTest {
  @TempDir Path project;
  @TempDir Path serverDir;

  @ParameterizedTest
  @EnumSource(
      value = EmbeddedProfile.class,
      names = {"SNAPSHOT", "NEWER"})
  void aRunKilledMidWayIsResumedWithoutSubmittingAnyStepTwice(EmbeddedProfile profile)
      throws Exception {
    Path pipeline =
        EngineRun.copyInto(Path.of("src/test/resources/e2e/slow-trio.yaml"), project).get(0);
    // One worker and a fixed delay keep submitted jobs queued or running when the engine dies.
    try (EmbeddedServer server =
        EmbeddedServer.start(
            EmbeddedServerConfig.defaults(serverDir)
                .withProfile(profile)
                .withWorkers(1)
                .withJobDelaySeconds(1.5))) {
      Process engine =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  "dev.acepipe.cli.Main",
                  "run",
                  pipeline.toString(),
                  "--server",
                  server.baseUrl())
              .redirectErrorStream(true)
              .redirectOutput(project.resolve("killed.log").toFile())
              .start();
      Path journal = project.resolve(".acepipe/journal/trio.jsonl");
      awaitSubmissions(journal, 3, engine);
      engine.destroyForcibly(); // SIGKILL on Unix: no shutdown hook, no cleanup
      assertThat(engine.waitFor(30, TimeUnit.SECONDS)).isTrue();
      long beforeResume = server.counters().acceptedTasks();

      EngineRun resumed = EngineRun.of("run", pipeline.toString(), "--server", server.baseUrl());

      assertThat(beforeResume).isGreaterThanOrEqualTo(3);
      assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isEqualTo(ExitCodes.OK);
      assertThat(resumed.err()).contains("re-attached to task");
      assertThat(server.counters().acceptedTasks())
          .as("one submission per step in total")
          .isEqualTo(4);
    }
  }

  private static void awaitSubmissions(Path journal, int count, Process engine) throws Exception {
    Instant until = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(until)) {
      if (Files.exists(journal)
          && Files.readAllLines(journal).stream().filter(l -> l.contains("\"submitted\"")).count()
              >= count) {
        return;
      }
      if (!engine.isAlive()) {
        throw new AssertionError(
            "engine exited before submitting: "
                + Files.readString(
                    journal.getParent().getParent().getParent().resolve("killed.log")));
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the engine journaled fewer than " + count + " submissions in 60 s");
  }
}
