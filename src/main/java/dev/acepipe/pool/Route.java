package dev.acepipe.pool;

/** Where a ready job goes, as the {@link Router} decides it. */
public sealed interface Route {
  /**
   * Submit the job to {@code server} now.
   *
   * @param expectedFinishSeconds when it is expected to finish, in seconds from now
   */
  record Assign(PoolServer server, double expectedFinishSeconds) implements Route {}

  /**
   * Keep the job until a slot frees: the best server for it is full, or every server that could run
   * it is paused. Ask again when a job finishes or a breaker closes.
   */
  record Wait(String reason) implements Route {}

  /**
   * No server left can run the job: every one lacks what it needs or is down. The run fails the
   * step and ends with exit code 4.
   *
   * @param reason one clause per server, e.g. {@code gpu-1: down (lost 1 job); gpu-2: no model x}
   */
  record NoServer(String reason) implements Route {}
}
