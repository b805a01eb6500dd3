package dev.acepipe.exec;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that only moves when told to (or when {@link FakeSleeper} sleeps). Thread-safe enough for
 * one loop.
 */
final class FakeClock extends Clock {
  private volatile Instant now = Instant.parse("2026-11-25T12:00:00Z");

  void advance(Duration d) {
    now = now.plus(d);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
