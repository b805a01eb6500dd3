package dev.acepipe.exec;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One runnable step as the executor sees it: its id, the steps it waits for, its job-level
 * policies, and how to turn upstream outputs into a {@link StepAction} once they exist. Plans from
 * the DSL are adapted to this.
 *
 * @param needs every step whose output (or completion) this one waits for
 * @param retries how many times a failed job (status 2) is resubmitted with the same seed
 * @param timeout how long the step may be polled in total, from its first submission
 * @param checks what every take must measure ({@code expect:}) and what to do when none does
 *     ({@code on_fail:})
 */
public record ExecStep(
    String id,
    List<String> needs,
    int retries,
    Duration timeout,
    Resolver resolver,
    dev.acepipe.dsl.model.Expect.Checks checks) {
  /** A step whose takes are not checked. */
  public ExecStep(String id, List<String> needs, int retries, Duration timeout, Resolver resolver) {
    this(id, needs, retries, timeout, resolver, dev.acepipe.dsl.model.Expect.Checks.NONE);
  }

  /** The default step timeout when the pipeline sets none: the DSL's one default. */
  public static final Duration DEFAULT_TIMEOUT = dev.acepipe.dsl.model.Step.DEFAULT_TIMEOUT;

  public ExecStep {
    Objects.requireNonNull(id, "id");
    needs = List.copyOf(needs);
    if (retries < 0) {
      throw new IllegalArgumentException("retries must be >= 0, was " + retries);
    }
    timeout = Objects.requireNonNullElse(timeout, DEFAULT_TIMEOUT);
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    Objects.requireNonNull(resolver, "resolver");
    checks = Objects.requireNonNullElse(checks, dev.acepipe.dsl.model.Expect.Checks.NONE);
  }

  /** Resolves a step's templates against the outputs of the steps it needs. */
  @FunctionalInterface
  public interface Resolver {
    /**
     * Builds the action. Throws {@link IllegalArgumentException} with a user-facing message when an
     * upstream field the step refers to is missing; that fails the step.
     */
    StepAction resolve(Upstream upstream);

    /**
     * The action after {@code extraRerolls} rerolls for failed checks: new seeds. A resolver that
     * cannot reroll returns the plain action.
     */
    default StepAction resolve(Upstream upstream, int extraRerolls) {
      return resolve(upstream);
    }
  }
}
