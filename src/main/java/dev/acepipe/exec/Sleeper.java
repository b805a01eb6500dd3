package dev.acepipe.exec;

import java.time.Duration;

/**
 * Waits. The executor and its policies never call {@code Thread.sleep} directly, so tests can
 * advance a fake clock instead of waiting for real.
 */
@FunctionalInterface
public interface Sleeper {
  /** The real thing: {@link Thread#sleep(long)}. */
  Sleeper SYSTEM = d -> Thread.sleep(Math.max(0, d.toMillis()));

  /** Waits {@code duration} (non-negative); throws when the waiting thread is interrupted. */
  void sleep(Duration duration) throws InterruptedException;
}
