package dev.acepipe.exec;

import dev.acepipe.client.AceStepClient;
import dev.acepipe.client.AceStepException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Runs calls to one server under its CircuitBreaker and Retry (built by {@link
 * ResiliencePolicies}); all waiting goes through the injected {@link Sleeper}.
 *
 * <p>Per call: wait until the breaker permits (while it is open, sleep; when it turns half-open,
 * spend the one permitted call on {@code GET /health}); then try the call. A transient failure is
 * retried with the Retry's backoff; a failure that opened the breaker starts a fresh retry budget
 * once the server is back, because an outage (one where {@code /health} failed too) is bounded by
 * time ({@code outageBound}), not by attempts. Permanent errors are thrown at once. A server
 * without a configured API key (503 "API key is not configured") refuses every call, so that ends
 * the run as {@link ServerUnavailableException}; a server without its LM ({@code LM_UNAVAILABLE})
 * is neither retried nor counted by the breaker ({@link ResiliencePolicies}), so the step that
 * needed the LM fails and independent branches go on.
 *
 * <p>Not thread-safe: the executor's loop is its only caller.
 */
public final class ServerGuard {
  private final AceStepClient client;
  private final String server;
  private final CircuitBreaker breaker;
  private final Retry retry;
  private final Duration outageBound;
  private final Duration openWait;
  private final Clock clock;
  private final Sleeper sleeper;
  private Instant outageSince;
  private AceStepException lastOutageError;
  private long retriedCalls;
  private long calls;
  private long healthFailures;
  private RunListener listener = RunListener.NONE;

  /**
   * In a pool the loop must not wait on one server while others have work: every failure that would
   * retry or wait is thrown at once as {@link ServerUnavailableException}, and the pool pauses the
   * server ({@link #failFast()}).
   */
  private boolean failFast;

  public ServerGuard(
      AceStepClient client, ResiliencePolicies policies, Clock clock, Sleeper sleeper) {
    this.client = Objects.requireNonNull(client, "client");
    this.server = client.baseUrl();
    this.breaker = policies.circuitBreaker(server);
    this.retry = policies.retry(server);
    this.outageBound = policies.settings().outageBound();
    this.openWait = policies.settings().openWait();
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /** As the four-argument constructor; {@code listener} hears when an outage starts and ends. */
  public ServerGuard(
      AceStepClient client,
      ResiliencePolicies policies,
      Clock clock,
      Sleeper sleeper,
      RunListener listener) {
    this(client, policies, clock, sleeper);
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /**
   * Makes every transient failure and every open-breaker wait throw {@link
   * ServerUnavailableException} at once instead of retrying or sleeping: the pool's next tick is
   * the retry, and the other servers go on meanwhile.
   */
  void failFast() {
    failFast = true;
  }

  /** The server's base URL. */
  public String server() {
    return server;
  }

  public CircuitBreaker.State breakerState() {
    return breaker.getState();
  }

  /** How many requests went to the server so far (every attempt and every health probe). */
  public long calls() {
    return calls;
  }

  /** How many retries (extra attempts) calls needed so far. */
  public long retriedCalls() {
    return retriedCalls;
  }

  /**
   * Runs {@code call}, retrying transient failures.
   *
   * @throws AceStepException a permanent failure, or the last transient one once the retries are
   *     spent
   * @throws ServerUnavailableException the server stayed unreachable longer than the outage bound
   * @throws InterruptedException while waiting
   */
  public <T> T call(Supplier<T> call) throws InterruptedException {
    Retry.AsyncContext<Object> attempts = retry.asyncContext();
    while (true) {
      awaitPermission();
      long started = System.nanoTime();
      calls++;
      try {
        T result = call.get();
        breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        recovered();
        attempts.onComplete();
        return result;
      } catch (AceStepException e) {
        breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
        if (e.kind() == AceStepException.Kind.NOT_CONFIGURED) {
          // The server refuses everything until its operator sets a key: a configuration error ends
          // the run.
          throw new ServerUnavailableException(
              server,
              "server "
                  + server
                  + " refuses every request: "
                  + e.getMessage()
                  + " (its operator must configure an API key; then pass it with --api-key)",
              e);
        }
        long waitMillis = attempts.onError(e);
        if (failFast && e.isTransient()) {
          markOutage(e);
          throw new ServerUnavailableException(
              server, "server " + server + " failed: " + e.getMessage(), e);
        }
        if (breaker.getState() == CircuitBreaker.State.OPEN) {
          markOutage(e);
          long healthFailuresBefore = healthFailures;
          awaitPermission();
          if (healthFailures > healthFailuresBefore) {
            // A real outage (health failed too): it was bounded by time, so the call gets a fresh
            // budget.
            attempts = retry.asyncContext();
            continue;
          }
          // The server is up and only this call fails: keep counting its attempts.
          if (waitMillis < 0) {
            throw e;
          }
          continue;
        }
        if (waitMillis < 0) {
          throw e;
        }
        retriedCalls++;
        sleeper.sleep(Duration.ofMillis(waitMillis));
      } catch (RuntimeException e) {
        // Not a server answer (a bug or local I/O): never retried, but the permit must be given
        // back.
        breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
        throw e;
      }
    }
  }

  private void awaitPermission() throws InterruptedException {
    while (true) {
      if (breaker.tryAcquirePermission()) {
        if (breaker.getState() != CircuitBreaker.State.HALF_OPEN) {
          return;
        }
        probeHealth();
        continue;
      }
      markOutage(lastOutageError);
      Duration down = Duration.between(outageSince, clock.instant());
      if (failFast || down.compareTo(outageBound) > 0) {
        throw new ServerUnavailableException(
            server,
            "server "
                + server
                + " unreachable for "
                + down.toSeconds()
                + " s (CircuitBreaker '"
                + server
                + "' is OPEN)"
                + (lastOutageError == null ? "" : ": " + lastOutageError.getMessage()),
            lastOutageError);
      }
      sleeper.sleep(openWait);
    }
  }

  /**
   * Spends the half-open permit on {@code /health}: success closes the breaker, failure reopens it.
   */
  private void probeHealth() {
    long started = System.nanoTime();
    calls++;
    try {
      client.health();
      breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
      recovered();
    } catch (AceStepException e) {
      breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
      healthFailures++;
      markOutage(e);
    }
  }

  private void recovered() {
    if (outageSince != null) {
      listener.serverReachable(server, Duration.between(outageSince, clock.instant()));
    }
    outageSince = null;
  }

  private void markOutage(AceStepException e) {
    if (outageSince == null) {
      outageSince = clock.instant();
      listener.serverUnreachable(server, outageSince, outageBound);
    }
    if (e != null) {
      lastOutageError = e;
    }
  }
}
