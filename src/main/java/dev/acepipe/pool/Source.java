package dev.acepipe.pool;

import java.util.Objects;

/** Where a job's source audio is, which decides how it is handed to a server. */
public sealed interface Source {
  /** The job reads no audio (text2music, format ...). */
  record None() implements Source {}

  /** Only a local copy exists (an {@code import} step, or the server that made it is gone). */
  record Local() implements Source {}

  /**
   * The audio was made on {@code server} (a local copy exists as well): passed by path there,
   * uploaded elsewhere.
   */
  record OnServer(String server) implements Source {
    public OnServer {
      Objects.requireNonNull(server, "server");
    }
  }

  static Source none() {
    return new None();
  }
}
