package dev.acepipe.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real process journals tasks and is killed with SIGKILL; the next open must see every submitted
 * task.
 */
class JournalKillTest {
  @TempDir Path project;

  /** The child: journals three submissions, says so after each, then waits to be killed. */
  public static final class Child {
    public static void main(String[] args) throws Exception {
      Journal journal = Journal.open(Path.of(args[0]), Clock.systemUTC(), "run-killed");
      for (int i = 1; i <= 3; i++) {
        journal.submitted(
            "step" + i,
            new Fingerprint("v1", Integer.toString(i).repeat(64)),
            "task-" + i,
            "http://gpu-1:8001",
            1);
        System.out.println("submitted " + i);
        System.out.flush();
      }
      Thread.sleep(60_000);
    }
  }

  @Test
  void everyTaskJournaledBeforeASigkillIsPendingForTheNextRun() throws Exception {
    Path file = Journal.pathFor(project, "night-drive");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Child.class.getName(),
                file.toString())
            .redirectErrorStream(true)
            .start();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null && !line.equals("submitted 3"); ) {
        // wait until the third submission returned
      }
    }

    child.destroyForcibly();
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

    try (Journal next = Journal.open(file, Clock.systemUTC(), "run-2")) {
      List<String> tasks =
          next.pending().values().stream().flatMap(List::stream).map(PendingTask::taskId).toList();
      assertThat(tasks).containsExactlyInAnyOrder("task-1", "task-2", "task-3");
      assertThat(next.reattach(new Fingerprint("v1", "2".repeat(64)), "http://gpu-1:8001"))
          .get()
          .extracting(PendingTask::runId)
          .isEqualTo("run-killed");
    }
  }
}
