package dev.acepipe.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PollIntervalTest {
  @Test
  void startsAtHalfASecondAndBacksOffToFiveSecondsWhileNothingChanges() {
    PollInterval interval = new PollInterval();
    assertThat(interval.current()).isEqualTo(Duration.ofMillis(500));

    for (int i = 0; i < 20; i++) {
      interval.next(false);
    }

    assertThat(interval.current()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void dropsBackToTheFloorWhenSomethingChanged() {
    PollInterval interval = new PollInterval();
    interval.next(false);
    interval.next(false);

    interval.next(true);

    assertThat(interval.current()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void shortJobsArePolledFasterAndLongOnesNoFasterThanTheirAverageAllows() {
    PollInterval fast = new PollInterval();
    PollInterval slow = new PollInterval();

    fast.informedBy(0.6);
    slow.informedBy(120);
    for (int i = 0; i < 20; i++) {
      fast.next(false);
      slow.next(false);
    }

    assertThat(fast.current()).isEqualTo(Duration.ofMillis(300));
    assertThat(slow.current()).isEqualTo(Duration.ofSeconds(5));
    fast.next(true);
    assertThat(fast.current()).isEqualTo(Duration.ofMillis(150));
  }

  @Test
  void ignoresAServerThatHasNoAverageYet() {
    PollInterval interval = new PollInterval();

    interval.informedBy(0);

    assertThat(interval.informed()).isFalse();
    assertThat(interval.current()).isEqualTo(Duration.ofMillis(500));
  }
}
