package dev.acepipe.pool;

/**
 * What the router assumes before it has measured anything, and what a hand-off costs.
 *
 * @param defaultJobSeconds a job's expected time on a weight-1 server that has reported no {@code
 *     avg_job_seconds} yet; > 0
 * @param learningRate how much a finished job moves a server's learned average (exponentially
 *     weighted), in (0, 1]: 1 trusts only the last job
 * @param uploadSeconds added to a server's expected finish when the job's source audio must be
 *     uploaded to it (it is not already there), so the server holding the source wins a near tie
 * @param adapterSwitchSeconds added when the server would have to load a different LoRA set first
 */
public record RouterConfig(
    double defaultJobSeconds,
    double learningRate,
    double uploadSeconds,
    double adapterSwitchSeconds) {
  /** 60 s jobs until measured; learning rate 0.3; 2 s per upload; 20 s per adapter switch. */
  public static final RouterConfig DEFAULTS = new RouterConfig(60, 0.3, 2, 20);

  public RouterConfig {
    if (!(defaultJobSeconds > 0) || Double.isInfinite(defaultJobSeconds)) {
      throw new IllegalArgumentException(
          "default job seconds must be a finite number > 0, got " + defaultJobSeconds);
    }
    if (!(learningRate > 0 && learningRate <= 1)) {
      throw new IllegalArgumentException("learning rate must be in (0, 1], got " + learningRate);
    }
    if (!(uploadSeconds >= 0) || !(adapterSwitchSeconds >= 0)) {
      throw new IllegalArgumentException("hand-off costs must be >= 0");
    }
  }
}
