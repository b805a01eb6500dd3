package dev.acepipe.server;

import dev.acepipe.server.synth.ProceduralSynthesizer;
import dev.acepipe.server.synth.Synthesizer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * How to run an {@link EmbeddedServer}. Build one with {@link #defaults(Path)} and the {@code with*} methods.
 *
 * @param host interface to bind; {@code 127.0.0.1} by default (never all interfaces unless asked)
 * @param port TCP port; 0 picks a free one
 * @param apiKey the key clients must present, or {@code null} for an open server; never printed
 * @param workers jobs rendered at once (>= 1)
 * @param queueMax jobs that may wait; one more is refused with 429
 * @param outputDir root of every generated and uploaded file; {@code /v1/audio} serves nothing outside it
 * @param jobDelaySeconds fixed extra latency per job (benchmarks, polling tests)
 * @param faults fault injection settings (changeable later with {@link EmbeddedServer#faults(FaultConfig)})
 * @param uploadLimitBytes largest accepted multipart file; larger answers 413
 * @param synthesizer renders the takes
 * @param clock measures job durations for {@code avg_job_seconds} and stamps the wrapper's timestamp
 */
public record EmbeddedServerConfig(
    String host,
    int port,
    String apiKey,
    int workers,
    int queueMax,
    Path outputDir,
    double jobDelaySeconds,
    FaultConfig faults,
    long uploadLimitBytes,
    Synthesizer synthesizer,
    Clock clock) {

  /** Default upload limit: 200 MiB, enough for ten minutes of 48 kHz stereo WAV. */
  public static final long DEFAULT_UPLOAD_LIMIT = 200L * 1024 * 1024;

  public EmbeddedServerConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(outputDir, "outputDir");
    Objects.requireNonNull(faults, "faults");
    Objects.requireNonNull(synthesizer, "synthesizer");
    Objects.requireNonNull(clock, "clock");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, got " + port);
    }
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1, got " + workers);
    }
    if (queueMax < 0) {
      throw new IllegalArgumentException("queue max must be >= 0, got " + queueMax);
    }
    if (!(jobDelaySeconds >= 0) || Double.isInfinite(jobDelaySeconds)) {
      throw new IllegalArgumentException("job delay must be a finite number >= 0, got " + jobDelaySeconds);
    }
    if (uploadLimitBytes < 1) {
      throw new IllegalArgumentException("upload limit must be >= 1 byte, got " + uploadLimitBytes);
    }
    if (apiKey != null && apiKey.isEmpty()) {
      apiKey = null;
    }
    outputDir = outputDir.toAbsolutePath().normalize();
  }

  /** Loopback, free port, no key, one worker, queue 200, no delay, no faults, the procedural synthesizer. */
  public static EmbeddedServerConfig defaults(Path outputDir) {
    return new EmbeddedServerConfig(
        "127.0.0.1",
        0,
        null,
        1,
        200,
        outputDir,
        0,
        FaultConfig.NONE,
        DEFAULT_UPLOAD_LIMIT,
        new ProceduralSynthesizer(),
        Clock.systemUTC());
  }

  public EmbeddedServerConfig withHost(String host) {
    return new EmbeddedServerConfig(host, port, apiKey, workers, queueMax, outputDir, jobDelaySeconds, faults,
        uploadLimitBytes, synthesizer, clock);
  }

  public EmbeddedServerConfig withPort(int port) {
    return new EmbeddedServerConfig(host, port, apiKey, workers, queueMax, outputDir, jobDelaySeconds, faults,
        uploadLimitBytes, synthesizer, clock);
  }

  public EmbeddedServerConfig withApiKey(String apiKey) {
    return new EmbeddedServerConfig(host, port, apiKey, workers, queueMax, outputDir, jobDelaySeconds, faults,
        uploadLimitBytes, synthesizer, clock);
  }

  public EmbeddedServerConfig withWorkers(int workers) {
    return new EmbeddedServerConfig(host, port, apiKey, workers, queueMax, outputDir, jobDelaySeconds, faults,
        uploadLimitBytes, synthesizer, clock);
  }

  public EmbeddedServerConfig withQueueMax(int queueMax) {
    return new EmbeddedServerConfig(host, port, apiKey, workers, queueMax, outputDir, jobDelaySeconds, faults,
        uploadLimitBytes, synthesizer, clock);
  }

  public EmbeddedServerConfig withJobDelaySeconds(double jobDelaySeconds) {
    return new EmbeddedServerConfig(host, port, apiKey, workers, queueMax, outputDir, jobDelaySeconds, faults,
        uploadLimitBytes, synthesizer, clock);
  }

  public EmbeddedServerConfig withFaults(FaultConfig faults) {
    return new EmbeddedServerConfig(host, port, apiKey, workers, queueMax, outputDir, jobDelaySeconds, faults,
        uploadLimitBytes, synthesizer, clock);
  }

  public EmbeddedServerConfig withUploadLimitBytes(long uploadLimitBytes) {
    return new EmbeddedServerConfig(host, port, apiKey, workers, queueMax, outputDir, jobDelaySeconds, faults,
        uploadLimitBytes, synthesizer, clock);
  }

  public EmbeddedServerConfig withSynthesizer(Synthesizer synthesizer) {
    return new EmbeddedServerConfig(host, port, apiKey, workers, queueMax, outputDir, jobDelaySeconds, faults,
        uploadLimitBytes, synthesizer, clock);
  }

  public EmbeddedServerConfig withClock(Clock clock) {
    return new EmbeddedServerConfig(host, port, apiKey, workers, queueMax, outputDir, jobDelaySeconds, faults,
        uploadLimitBytes, synthesizer, clock);
  }

  /** Never shows the key itself, only whether one is set. */
  @Override
  public String toString() {
    return "EmbeddedServerConfig[host=" + host + ", port=" + port + ", apiKey=" + (apiKey == null ? "none" : "***")
        + ", workers=" + workers + ", queueMax=" + queueMax + ", outputDir=" + outputDir + ", jobDelaySeconds="
        + jobDelaySeconds + ", faults=" + faults + ", uploadLimitBytes=" + uploadLimitBytes + "]";
  }
}
