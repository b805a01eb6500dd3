package dev.acepipe.exec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Sleeps by advancing a {@link FakeClock}; records every wait and can run a hook on each. */
final class FakeSleeper implements Sleeper {
  private final FakeClock clock;
  final List<Duration> sleeps = new ArrayList<>();
  Runnable onSleep = () -> {};

  FakeSleeper(FakeClock clock) {
    this.clock = clock;
  }

  @Override
  public void sleep(Duration d) {
    sleeps.add(d);
    clock.advance(d);
    onSleep.run();
  }

  Duration total() {
    return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
  }
}
