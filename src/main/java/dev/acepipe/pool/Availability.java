package dev.acepipe.pool;

import java.util.Objects;

/**
 * Whether a server takes new work now.
 *
 * @param state up, paused (its breaker is open but within the bound: it may come back) or down (out
 *     of the pool for the rest of the run)
 * @param reason why it is not up, or {@code ""}
 */
public record Availability(State state, String reason) {
  public enum State {
    UP,
    PAUSED,
    DOWN
  }

  public Availability {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(reason, "reason");
  }

  static Availability up() {
    return new Availability(State.UP, "");
  }
}
