package dev.acepipe.server;

import java.util.Random;

/**
 * The fault settings in force, changeable while the server runs. Thread-safe; draws are serialised
 * so a sequential client sees a repeatable sequence for a given seed.
 */
final class Faults {
  private FaultConfig config;
  private Random random;
  private int jobsStarted;

  Faults(FaultConfig config) {
    set(config);
  }

  synchronized void set(FaultConfig config) {
    this.config = config;
    this.random = new Random(config.seed());
    this.jobsStarted = 0;
  }

  /** What a job's takes should sound like: as rendered, or broken on purpose. */
  enum TakeFault {
    NONE,
    SILENT,
    CLIPPED
  }

  /**
   * Counts one job and says whether its takes are broken (the first silent-jobs, then
   * clipped-jobs).
   */
  synchronized TakeFault drawTakeFault() {
    int n = jobsStarted++;
    if (n < config.silentJobs()) {
      return TakeFault.SILENT;
    }
    return n < config.silentJobs() + config.clippedJobs() ? TakeFault.CLIPPED : TakeFault.NONE;
  }

  synchronized FaultConfig config() {
    return config;
  }

  /** What to do to one HTTP request before it is handled. */
  enum HttpFault {
    NONE,
    DROP,
    HTTP_500,
    HTTP_429
  }

  /** Draws the fault of one request; {@code mayBeBusy} is true only for {@code /release_task}. */
  synchronized HttpFault drawHttp(boolean mayBeBusy) {
    if (config.none()) {
      return HttpFault.NONE;
    }
    if (hit(config.drop())) {
      return HttpFault.DROP;
    }
    if (hit(config.http500())) {
      return HttpFault.HTTP_500;
    }
    if (mayBeBusy && hit(config.http429())) {
      return HttpFault.HTTP_429;
    }
    return HttpFault.NONE;
  }

  /** Draws whether a job fails. */
  synchronized boolean drawJobFailure() {
    return hit(config.fail());
  }

  /** Draws the extra seconds of one job (0 unless it is a slow one). */
  synchronized double drawExtraSeconds() {
    return hit(config.slow()) ? config.slowSeconds() : 0;
  }

  private boolean hit(double p) {
    // Always consume a draw so one fault's probability does not shift the sequence of the others.
    double x = random.nextDouble();
    return p > 0 && x < p;
  }
}
