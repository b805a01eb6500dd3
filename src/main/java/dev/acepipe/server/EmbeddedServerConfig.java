package dev.acepipe.server;

import dev.acepipe.server.synth.ProceduralSynthesizer;
import dev.acepipe.server.synth.Synthesizer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How to run an {@link EmbeddedServer}. Build one with {@link #defaults(Path)} and the {@code
 * with*} methods.
 *
 * @param host interface to bind; {@code 127.0.0.1} by default (never all interfaces unless asked)
 * @param port TCP port; 0 picks a free one
 * @param apiKey the key clients must present, or {@code null} for an open server; never printed
 * @param workers jobs rendered at once (>= 1)
 * @param queueMax jobs that may wait; one more is refused with 429
 * @param outputDir root of every generated and uploaded file; {@code /v1/audio} serves nothing
 *     outside it
 * @param jobDelaySeconds fixed extra latency per job (benchmarks, polling tests)
 * @param faults fault injection settings (changeable later with {@link
 *     EmbeddedServer#faults(FaultConfig)})
 * @param uploadLimitBytes largest accepted multipart file; larger answers 413
 * @param synthesizer renders the takes
 * @param clock measures job durations for {@code avg_job_seconds}, stamps the wrapper's timestamp
 *     and ages restored jobs (the one-hour "presumed timed out" rule)
 * @param profile which server generation to answer like (see {@link EmbeddedProfile})
 * @param maxBatch largest {@code batch_size} rendered; larger requests are silently cut to it, as a
 *     server on a small GPU does (0 = no cut beyond the contract's 8)
 * @param lm whether the (rule-based) LM is loaded; {@code null} = the profile's default (off for
 *     the snapshot)
 * @param stateDir where job records are persisted so finished jobs survive a restart and running
 *     ones are left stale, as upstream's disk cache does; {@code null} = in memory only
 * @param tempDir the newer profile's temp dir: uploads are saved there and absolute source paths
 *     are accepted only inside it; {@code null} = {@code <outputDir>/tmp} (so reusing an output
 *     path is refused, as on upstream's default install). Set it to the output dir to accept output
 *     paths.
 * @param failClosed with no API key configured, answer every protected route 503 "API key is not
 *     configured" (the fail-closed upstream variant)
 * @param models the DiT models the server has (names with "turbo" are turbo models, the others base
 *     models); {@code null} = {@code acestep-v15-turbo} and {@code acestep-v15-base}
 * @param model the model loaded at start ({@code null} = the first of {@code models}); added to
 *     {@code models} when missing. {@code POST /v1/init} switches it at run time.
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
    Clock clock,
    EmbeddedProfile profile,
    int maxBatch,
    Boolean lm,
    Path stateDir,
    Path tempDir,
    boolean failClosed,
    List<String> models,
    String model) {

  /** Default upload limit: 200 MiB, enough for ten minutes of 48 kHz stereo WAV. */
  public static final long DEFAULT_UPLOAD_LIMIT = 200L * 1024 * 1024;

  /**
   * The models a server has unless configured otherwise: upstream's turbo (loaded) and base models.
   */
  public static final List<String> DEFAULT_MODELS =
      List.of("acestep-v15-turbo", "acestep-v15-base");

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
      throw new IllegalArgumentException(
          "job delay must be a finite number >= 0, got " + jobDelaySeconds);
    }
    if (uploadLimitBytes < 1) {
      throw new IllegalArgumentException("upload limit must be >= 1 byte, got " + uploadLimitBytes);
    }
    if (apiKey != null && apiKey.isEmpty()) {
      apiKey = null;
    }
    Objects.requireNonNull(profile, "profile");
    if (maxBatch < 0 || maxBatch > 8) {
      throw new IllegalArgumentException("max batch must be 1..8 (0 = no cut), got " + maxBatch);
    }
    List<String> present = new ArrayList<>(models == null ? DEFAULT_MODELS : models);
    if (present.isEmpty()) {
      present.addAll(DEFAULT_MODELS);
    }
    model = model == null || model.isBlank() ? present.get(0) : model.strip();
    if (!present.contains(model)) {
      present.add(0, model);
    }
    models = List.copyOf(present);
    outputDir = outputDir.toAbsolutePath().normalize();
    stateDir = stateDir == null ? null : stateDir.toAbsolutePath().normalize();
    tempDir = tempDir == null ? null : tempDir.toAbsolutePath().normalize();
  }

  /** Whether the LM is loaded: {@link #lm} if set, else the profile's default. */
  public boolean lmLoaded() {
    return lm == null ? profile.lmByDefault() : lm;
  }

  /**
   * The newer profile's temp dir (uploads, and the only place absolute source paths may point
   * into).
   */
  public Path effectiveTempDir() {
    return tempDir == null ? outputDir.resolve("tmp") : tempDir;
  }

  /**
   * {@code batch} as the server renders it: clamped to 1..8, then cut to {@link #maxBatch} when
   * set.
   */
  int cutBatch(int batch) {
    int clamped = Math.max(1, Math.min(8, batch));
    return maxBatch == 0 ? clamped : Math.min(clamped, maxBatch);
  }

  /**
   * Loopback, free port, no key, one worker, queue 200, no delay, no faults, the procedural
   * synthesizer.
   */
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
        Clock.systemUTC(),
        EmbeddedProfile.EMBEDDED,
        0,
        null,
        null,
        null,
        false,
        null,
        null);
  }

  public EmbeddedServerConfig withHost(String host) {
    return with(d -> d.host = host);
  }

  public EmbeddedServerConfig withPort(int port) {
    return with(d -> d.port = port);
  }

  public EmbeddedServerConfig withApiKey(String apiKey) {
    return with(d -> d.apiKey = apiKey);
  }

  public EmbeddedServerConfig withWorkers(int workers) {
    return with(d -> d.workers = workers);
  }

  public EmbeddedServerConfig withQueueMax(int queueMax) {
    return with(d -> d.queueMax = queueMax);
  }

  public EmbeddedServerConfig withJobDelaySeconds(double jobDelaySeconds) {
    return with(d -> d.jobDelaySeconds = jobDelaySeconds);
  }

  public EmbeddedServerConfig withFaults(FaultConfig faults) {
    return with(d -> d.faults = faults);
  }

  public EmbeddedServerConfig withUploadLimitBytes(long uploadLimitBytes) {
    return with(d -> d.uploadLimitBytes = uploadLimitBytes);
  }

  public EmbeddedServerConfig withSynthesizer(Synthesizer synthesizer) {
    return with(d -> d.synthesizer = synthesizer);
  }

  public EmbeddedServerConfig withClock(Clock clock) {
    return with(d -> d.clock = clock);
  }

  public EmbeddedServerConfig withProfile(EmbeddedProfile profile) {
    return with(d -> d.profile = profile);
  }

  public EmbeddedServerConfig withMaxBatch(int maxBatch) {
    return with(d -> d.maxBatch = maxBatch);
  }

  /**
   * {@code true}/{@code false} switch the LM on/off; {@code null} restores the profile's default.
   */
  public EmbeddedServerConfig withLm(Boolean lm) {
    return with(d -> d.lm = lm);
  }

  public EmbeddedServerConfig withStateDir(Path stateDir) {
    return with(d -> d.stateDir = stateDir);
  }

  public EmbeddedServerConfig withTempDir(Path tempDir) {
    return with(d -> d.tempDir = tempDir);
  }

  public EmbeddedServerConfig withFailClosed(boolean failClosed) {
    return with(d -> d.failClosed = failClosed);
  }

  /** The DiT models the server has ({@code model} loaded first if it was missing). */
  public EmbeddedServerConfig withModels(List<String> models) {
    return with(
        d -> {
          d.models = models;
          d.model = null;
        });
  }

  /** The model loaded at start; a name the server does not have yet is added to {@link #models}. */
  public EmbeddedServerConfig withModel(String model) {
    return with(d -> d.model = model);
  }

  /**
   * Every take lasts {@code seconds} of wall time at least: the synthesizer renders, then waits out
   * the rest, so a one-take job takes a fixed time whatever its duration or the machine's load
   * (benchmarks against a list-scheduling ideal need fixed job times; a slower server is a larger
   * value). A take that renders slower than that is not cut. 0 leaves the synthesizer as it is.
   */
  public EmbeddedServerConfig withFixedTakeSeconds(double seconds) {
    if (!(seconds >= 0) || Double.isInfinite(seconds)) {
      throw new IllegalArgumentException(
          "take seconds must be a finite number >= 0, got " + seconds);
    }
    return seconds == 0 ? this : withSynthesizer(new PacedSynthesizer(synthesizer, seconds));
  }

  /** Copies this config with one change; every wither goes through here. */
  private EmbeddedServerConfig with(Consumer<Draft> change) {
    Draft d = new Draft(this);
    change.accept(d);
    return d.build();
  }

  /** The components of a config while a wither changes some of them. */
  private static final class Draft {
    private String host;
    private int port;
    private String apiKey;
    private int workers;
    private int queueMax;
    private Path outputDir;
    private double jobDelaySeconds;
    private FaultConfig faults;
    private long uploadLimitBytes;
    private Synthesizer synthesizer;
    private Clock clock;
    private EmbeddedProfile profile;
    private int maxBatch;
    private Boolean lm;
    private Path stateDir;
    private Path tempDir;
    private boolean failClosed;
    private List<String> models;
    private String model;

    Draft(EmbeddedServerConfig c) {
      host = c.host;
      port = c.port;
      apiKey = c.apiKey;
      workers = c.workers;
      queueMax = c.queueMax;
      outputDir = c.outputDir;
      jobDelaySeconds = c.jobDelaySeconds;
      faults = c.faults;
      uploadLimitBytes = c.uploadLimitBytes;
      synthesizer = c.synthesizer;
      clock = c.clock;
      profile = c.profile;
      maxBatch = c.maxBatch;
      lm = c.lm;
      stateDir = c.stateDir;
      tempDir = c.tempDir;
      failClosed = c.failClosed;
      models = c.models;
      model = c.model;
    }

    EmbeddedServerConfig build() {
      return new EmbeddedServerConfig(
          host,
          port,
          apiKey,
          workers,
          queueMax,
          outputDir,
          jobDelaySeconds,
          faults,
          uploadLimitBytes,
          synthesizer,
          clock,
          profile,
          maxBatch,
          lm,
          stateDir,
          tempDir,
          failClosed,
          models,
          model);
    }
  }

  /** Never shows the key itself, only whether one is set. */
  @Override
  public String toString() {
    return "EmbeddedServerConfig[host="
        + host
        + ", port="
        + port
        + ", apiKey="
        + (apiKey == null ? "none" : "***")
        + ", workers="
        + workers
        + ", queueMax="
        + queueMax
        + ", outputDir="
        + outputDir
        + ", jobDelaySeconds="
        + jobDelaySeconds
        + ", faults="
        + faults
        + ", uploadLimitBytes="
        + uploadLimitBytes
        + ", profile="
        + profile.label()
        + ", maxBatch="
        + maxBatch
        + ", lm="
        + lmLoaded()
        + ", stateDir="
        + stateDir
        + ", tempDir="
        + tempDir
        + ", failClosed="
        + failClosed
        + ", models="
        + models
        + ", model="
        + model
        + "]";
  }
}
