package dev.acepipe.adapters;

import java.util.Objects;

/** What {@link AdapterGate#tryAcquire} answers for one job. */
public sealed interface Admission {
  /** The server has the job's adapters and the job holds them: submit it, later {@code release}. */
  record Ready(String job) implements Admission {}

  /**
   * Not now: the server's adapters are in use by jobs wanting another set, or are being changed.
   * Ask again on a later loop turn.
   */
  record Wait(String job, String why) implements Admission {}

  /**
   * No job holds the server's adapters and this job's set is next: the caller must run {@link
   * AdapterGate#switchAdapters(SwitchPlan)} (a few blocking HTTP calls; it may do so off its loop).
   * Until then every job of the server waits.
   */
  record Switch(SwitchPlan plan) implements Admission {
    public Switch {
      Objects.requireNonNull(plan, "plan");
    }
  }

  /** The job cannot run on this server: fail its step with the reason, do not submit it. */
  record Fail(String job, AdapterException reason) implements Admission {}
}
