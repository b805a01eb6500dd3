package dev.acepipe.exec;

import dev.acepipe.client.TaskRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** The executor and steps that tests of one behaviour need, with nothing else attached. */
final class TestExecutors {
  private TestExecutors() {}

  /**
   * An executor over {@code servers} with the default policies, the real probe, no journal and no
   * listener, its takes in {@code takes}.
   */
  static Executor plain(RunServers servers, Clock clock, Sleeper sleeper, Path takes) {
    return new Executor(
        servers,
        new ResiliencePolicies(ResiliencePolicies.Settings.defaults(), clock),
        new AudioFilesProbe(),
        RunJournal.NONE,
        RunListener.NONE,
        clock,
        sleeper,
        ExecutorOptions.in(takes));
  }

  /** A step {@code id} that needs nothing and generates {@code request}. */
  static ExecStep generate(String id, TaskRequest request) {
    StepAction action = StepAction.Job.generate(request);
    return new ExecStep(id, List.of(), 0, Duration.ofMinutes(10), up -> action);
  }
}
