package dev.acepipe.exec;

import java.time.Clock;
import java.util.Objects;

/**
 * What the parts of one run work with besides its steps: the executor's options, the journal (cache
 * and resumption), the listener, the clock, the probe that reads and measures takes, and the lock a
 * pool's threads share ({@link RunLock}). Checked once, when the executor is made; every lane and
 * the run's state take them from here.
 */
record RunServices(
    ExecutorOptions options,
    RunJournal journal,
    RunListener listener,
    Clock clock,
    AudioProbe probe,
    RunLock lock) {
  RunServices {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(journal, "journal");
    Objects.requireNonNull(listener, "listener");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(probe, "probe");
    Objects.requireNonNull(lock, "lock");
  }
}
