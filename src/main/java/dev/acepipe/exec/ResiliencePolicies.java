package dev.acepipe.exec;

import dev.acepipe.client.AceStepException;
import dev.acepipe.client.TransientErrors;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Every Resilience4j policy of the engine, built in this one class from {@link Settings}; one
 * registry per concern, instances named by the server's base URL so that messages say which server.
 *
 * <p>Decorator order for a server call (see {@link ServerGuard}): CircuitBreaker outside, Retry
 * inside it — each attempt asks the breaker for permission, so a server that went down stops being
 * hammered after {@code failuresToOpen} attempts and is probed through {@code /health} instead. The
 * Bulkhead is not a call decorator: it bounds jobs in flight (permit taken at submit, released when
 * the job ends).
 */
public final class ResiliencePolicies {

  /**
   * The knobs. {@link #defaults()} is what {@code engine run} uses; tests shrink the durations.
   *
   * @param maxParallel jobs in flight per server (the Bulkhead)
   * @param maxAttempts attempts per call (first try included) while the breaker is closed
   * @param initialBackoff first wait after a transient failure; doubles each attempt, randomised by
   *     half
   * @param maxBackoff cap for that wait
   * @param busyBackoff first wait after a 429 (queue full); doubles, capped at {@code 8 *
   *     busyBackoff}
   * @param failuresToOpen consecutive transport failures that open the breaker
   * @param openWait how long the breaker stays open before a half-open {@code /health} probe
   * @param outageBound how long the server may stay unreachable before the run gives up on it
   */
  public record Settings(
      int maxParallel,
      int maxAttempts,
      Duration initialBackoff,
      Duration maxBackoff,
      Duration busyBackoff,
      int failuresToOpen,
      Duration openWait,
      Duration outageBound) {
    public Settings {
      if (maxParallel < 1) {
        throw new IllegalArgumentException("max-parallel must be >= 1, was " + maxParallel);
      }
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
      }
      if (failuresToOpen < 1) {
        throw new IllegalArgumentException("failuresToOpen must be >= 1, was " + failuresToOpen);
      }
      requirePositive(initialBackoff, "initialBackoff");
      requirePositive(maxBackoff, "maxBackoff");
      requirePositive(busyBackoff, "busyBackoff");
      requirePositive(openWait, "openWait");
      requirePositive(outageBound, "outageBound");
    }

    public static Settings defaults() {
      return new Settings(
          4,
          6,
          Duration.ofMillis(500),
          Duration.ofSeconds(8),
          Duration.ofSeconds(2),
          5,
          Duration.ofSeconds(2),
          Duration.ofMinutes(2));
    }

    public Settings withMaxParallel(int n) {
      return new Settings(
          n,
          maxAttempts,
          initialBackoff,
          maxBackoff,
          busyBackoff,
          failuresToOpen,
          openWait,
          outageBound);
    }

    private static void requirePositive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + d);
      }
    }
  }

  private final Settings settings;
  private final RetryRegistry retries;
  private final CircuitBreakerRegistry breakers;
  private final BulkheadRegistry bulkheads;

  public ResiliencePolicies(Settings settings, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(clock, "clock");
    this.retries = RetryRegistry.of(retryConfig(settings));
    this.breakers = CircuitBreakerRegistry.of(breakerConfig(settings, clock));
    this.bulkheads =
        BulkheadRegistry.of(
            BulkheadConfig.custom()
                .maxConcurrentCalls(settings.maxParallel())
                // The executor asks with tryAcquirePermission and never blocks its loop on a
                // permit.
                .maxWaitDuration(Duration.ZERO)
                .build());
  }

  public Settings settings() {
    return settings;
  }

  /**
   * The retry for calls to {@code server}; use its async context so waiting goes through our
   * sleeper.
   */
  public Retry retry(String server) {
    return retries.retry(server);
  }

  public CircuitBreaker circuitBreaker(String server) {
    return breakers.circuitBreaker(server);
  }

  public Bulkhead bulkhead(String server) {
    return bulkheads.bulkhead(server);
  }

  private static RetryConfig retryConfig(Settings s) {
    IntervalFunction transientBackoff =
        IntervalFunction.ofExponentialRandomBackoff(s.initialBackoff(), 2.0, 0.5, s.maxBackoff());
    IntervalFunction busy =
        IntervalFunction.ofExponentialRandomBackoff(
            s.busyBackoff(), 2.0, 0.5, s.busyBackoff().multipliedBy(8));
    IntervalBiFunction<Object> interval =
        (attempt, outcome) ->
            outcome.isLeft() && isBusy(outcome.getLeft())
                ? busy.apply(attempt)
                : transientBackoff.apply(attempt);
    return RetryConfig.custom()
        .maxAttempts(s.maxAttempts())
        .retryOnException(TransientErrors::isTransient)
        .intervalBiFunction(interval)
        .build();
  }

  private static CircuitBreakerConfig breakerConfig(Settings s, Clock clock) {
    return CircuitBreakerConfig.custom()
        // "N consecutive failures": a window of N calls that must all have failed.
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(s.failuresToOpen())
        .minimumNumberOfCalls(s.failuresToOpen())
        .failureRateThreshold(100f)
        // Only "no answer / server broken" counts; a refusal (400, 401...) proves the server is up.
        .recordException(ResiliencePolicies::isOutage)
        // 429 means alive but busy: neither a failure nor a success for the breaker.
        .ignoreException(ResiliencePolicies::isBusy)
        .waitDurationInOpenState(s.openWait())
        .permittedNumberOfCallsInHalfOpenState(1)
        .clock(clock)
        .build();
  }

  /** Whether {@code t} is a 429 "queue full". */
  static boolean isBusy(Throwable t) {
    return t instanceof AceStepException e && e.httpStatus() == 429;
  }

  private static boolean isOutage(Throwable t) {
    return TransientErrors.isTransient(t) && !isBusy(t);
  }
}
