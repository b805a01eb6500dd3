package dev.acepipe.cli;

import dev.acepipe.server.EmbeddedProfile;
import dev.acepipe.server.EmbeddedServer;
import dev.acepipe.server.EmbeddedServerConfig;
import dev.acepipe.server.FaultConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code engine serve}: runs the embedded ACE-Step-compatible server (a procedural stand-in, not
 * AI) until interrupted. Prints the base URL on the first line of stdout (with {@code --count N}, N
 * URLs on the first N lines and an {@code ACESTEP_URL=} line naming them all); never prints the API
 * key.
 */
@Command(
    name = "serve",
    description = {
      "Run the embedded ACE-Step-compatible server (procedural synthesizer, not AI) until Ctrl-C.",
      "Prints its URL first. Only 127.0.0.1 is bound unless --host says otherwise."
    })
public final class ServeCommand extends EngineCommand {
  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "Interface to bind (default ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--port",
      defaultValue = "8001",
      description = "Port; 0 picks a free one (default ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--api-key",
      description = "Require this key (Bearer header or ai_token); never printed.")
  String apiKey;

  @Option(
      names = "--workers",
      defaultValue = "1",
      description = "Jobs rendered at once (default ${DEFAULT-VALUE}).")
  int workers;

  @Option(
      names = "--queue-max",
      defaultValue = "200",
      description = "Jobs that may wait before 429 (default ${DEFAULT-VALUE}).")
  int queueMax;

  @Option(
      names = "--output-dir",
      defaultValue = "acestep-output",
      description = "Where generated and uploaded audio goes (default ${DEFAULT-VALUE}).")
  Path outputDir;

  @Option(
      names = "--job-delay",
      defaultValue = "0",
      paramLabel = "SECONDS",
      description = "Fixed extra latency per job (default ${DEFAULT-VALUE}).")
  double jobDelay;

  @Option(
      names = "--faults",
      paramLabel = "SPEC",
      description =
          "Fault injection, e.g. "
              + "'seed=7,http500=0.1,http429=0.05,drop=0.02,fail=0.1,slow=0.2,slow-seconds=5'; silent-jobs=N and "
              + "clipped-jobs=N break the first jobs' takes. See docs/server.md.")
  String faults;

  @Option(
      names = "--upload-limit-mb",
      defaultValue = "200",
      description = "Largest accepted upload in MiB (default ${DEFAULT-VALUE}).")
  long uploadLimitMb;

  @Option(
      names = "--profile",
      defaultValue = "embedded",
      paramLabel = "PROFILE",
      description =
          "Answer like: embedded (acepipe's own behaviour), snapshot (the 2026-02 ACE-Step snapshot) or"
              + " newer (upstream ACE-Step of mid-2026), traps included. See docs/server.md (default ${DEFAULT-VALUE}).")
  String profile;

  @Option(
      names = "--max-batch",
      defaultValue = "0",
      paramLabel = "N",
      description = "Silently cut batch_size to N, as a server on a small GPU does (0 = no cut).")
  int maxBatch;

  @Option(
      names = "--lm",
      negatable = true,
      description =
          "Load the (rule-based) LM, or not with --no-lm (default: the profile's; off for snapshot).")
  Boolean lm;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description =
          "Persist job records here: finished jobs survive a restart, running ones are left stale.")
  Path stateDir;

  @Option(
      names = "--temp-dir",
      paramLabel = "DIR",
      description =
          "newer profile: uploads go here and only absolute paths inside it are accepted"
              + " (default <output-dir>/tmp; give the output dir to accept output paths).")
  Path tempDir;

  @Option(
      names = "--model",
      paramLabel = "NAME",
      description =
          "DiT model loaded at start (default acestep-v15-turbo; acestep-v15-base runs extract, lego and"
              + " complete). A name the server does not have is added.")
  String model;

  @Option(
      names = "--fail-closed",
      description =
          "Without --api-key, answer every protected route 503 \"API key is not configured\".")
  boolean failClosed;

  @Option(
      names = "--count",
      defaultValue = "1",
      paramLabel = "N",
      description =
          "Start N servers, each with its own output, state and temp dir (server-1 ... under the"
              + " given ones) on free ports, or on --port, --port + 1 ... when --port is given; prints"
              + " one URL a line, then ACESTEP_URL=<all, comma-separated> (default ${DEFAULT-VALUE}).")
  int count;

  @Option(
      names = "--take-seconds",
      defaultValue = "0",
      paramLabel = "SECONDS",
      description =
          "Every take lasts at least this long (render, then wait out the rest): fixed job times for"
              + " benchmarks (default ${DEFAULT-VALUE} = as fast as it renders).")
  double takeSeconds;

  @Spec CommandSpec spec;

  /** Most servers one command starts: enough for any laptop demo, a typo guard beyond. */
  static final int MAX_COUNT = 64;

  private final CountDownLatch stopped = new CountDownLatch(1);

  @Override
  public Integer call() {
    if (count < 1 || count > MAX_COUNT) {
      throw new CliException(ExitCodes.USAGE, "--count must be 1.." + MAX_COUNT + ", got " + count);
    }
    List<EmbeddedServerConfig> configs = configs();
    List<EmbeddedServer> servers = new ArrayList<>();
    try {
      for (EmbeddedServerConfig c : configs) {
        servers.add(EmbeddedServer.start(c));
      }
    } catch (IOException e) {
      servers.forEach(EmbeddedServer::close);
      throw new CliException(
          ExitCodes.USAGE, "cannot use output directory " + outputDir + ": " + e.getMessage(), e);
    } catch (IllegalStateException e) {
      servers.forEach(EmbeddedServer::close);
      throw new CliException(ExitCodes.RUN_FAILED, e.getMessage(), e);
    }
    EmbeddedServerConfig config = configs.get(0);
    Runnable closeAll = () -> servers.forEach(EmbeddedServer::close);
    Thread hook =
        new Thread(
            () -> {
              closeAll.run();
              stopped.countDown();
            },
            "acepipe-serve-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    for (EmbeddedServer server : servers) {
      main.out().println(server.baseUrl());
    }
    if (servers.size() > 1) {
      main.out()
          .println(
              "ACESTEP_URL="
                  + String.join(",", servers.stream().map(EmbeddedServer::baseUrl).toList()));
    }
    main.out()
        .println(
            (servers.size() == 1
                    ? "acepipe embedded server"
                    : servers.size() + " acepipe embedded servers")
                + " (procedural stand-in for ACE-Step, not AI): output "
                + (servers.size() == 1 ? servers.get(0).outputDir() : outputDirOf(0).getParent())
                + ", "
                + workers
                + " worker(s), queue "
                + queueMax
                + (config.apiKey() == null ? ", no API key" : ", API key required")
                + (config.faults().none() ? "" : ", faults " + faults)
                + (takeSeconds == 0 ? "" : ", " + takeSeconds + " s per take")
                + (servers.size() == 1 ? "" : " each")
                + ". Ctrl-C to stop.");
    main.out().println(profileLine(config));
    main.out().flush();
    try {
      stopped.await();
      return ExitCodes.OK;
    } catch (InterruptedException e) {
      // Stop cleanly first (Jetty's stop would itself be interrupted), then restore the flag.
      closeAll.run();
      Thread.currentThread().interrupt();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The JVM is already exiting; the hook closes the server again, which is harmless.
      }
      return ExitCodes.INTERRUPTED;
    }
  }

  /** What the served profile does, in one line: the traps a client meets there. */
  static String profileLine(EmbeddedServerConfig config) {
    String what =
        switch (config.profile()) {
          case EMBEDDED ->
              "acepipe's own behaviour: uploads and output paths accepted, seeds honoured (lists too)";
          case SNAPSHOT ->
              "like the 2026-02 ACE-Step snapshot: uploads answer 500, any absolute path accepted, seeds"
                  + " ignored, failures without reasons, no model inventory";
          case NEWER ->
              "like upstream ACE-Step of mid-2026: uploads accepted, absolute paths outside "
                  + config.effectiveTempDir()
                  + " answer 400, per-take seed lists, a missing source fails the job";
        };
    return "profile "
        + config.profile().label()
        + " ("
        + what
        + "); LM "
        + (config.lmLoaded() ? "on" : "off")
        + (config.maxBatch() == 0 ? "" : "; batch_size cut to " + config.maxBatch())
        + (config.stateDir() == null ? "" : "; job records in " + config.stateDir())
        + (config.failClosed() && config.apiKey() == null
            ? "; fail-closed (no key configured)"
            : "");
  }

  /**
   * One config per server: with {@code --count 1} exactly the options as given; with more, each
   * server gets {@code server-<i>} under the output, state and temp dirs (so no two share a job
   * record or a file) and its own port.
   */
  private List<EmbeddedServerConfig> configs() {
    EmbeddedServerConfig base = config();
    if (count == 1) {
      return List.of(base);
    }
    boolean fixedPorts =
        spec != null && spec.commandLine().getParseResult().hasMatchedOption("--port") && port != 0;
    if (fixedPorts && port + count - 1 > 65535) {
      throw new CliException(
          ExitCodes.USAGE, "--port " + port + " with --count " + count + " runs past port 65535");
    }
    List<EmbeddedServerConfig> configs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String own = "server-" + (i + 1);
      configs.add(
          new EmbeddedServerConfig(
                  base.host(),
                  base.port(),
                  base.apiKey(),
                  base.workers(),
                  base.queueMax(),
                  outputDirOf(i),
                  base.jobDelaySeconds(),
                  base.faults(),
                  base.uploadLimitBytes(),
                  base.synthesizer(),
                  base.clock(),
                  base.profile(),
                  base.maxBatch(),
                  base.lm(),
                  base.stateDir() == null ? null : base.stateDir().resolve(own),
                  base.tempDir() == null ? null : base.tempDir().resolve(own),
                  base.failClosed(),
                  base.models(),
                  base.model())
              .withPort(fixedPorts ? port + i : 0));
    }
    return configs;
  }

  private Path outputDirOf(int i) {
    return outputDir.toAbsolutePath().normalize().resolve("server-" + (i + 1));
  }

  private EmbeddedServerConfig config() {
    FaultConfig faultConfig;
    try {
      faultConfig = faults == null ? FaultConfig.NONE : FaultConfig.parse(faults);
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCodes.USAGE, "--faults: " + e.getMessage());
    }
    try {
      return EmbeddedServerConfig.defaults(outputDir)
          .withHost(host)
          .withPort(port)
          .withApiKey(apiKey)
          .withWorkers(workers)
          .withQueueMax(queueMax)
          .withJobDelaySeconds(jobDelay)
          .withFaults(faultConfig)
          .withUploadLimitBytes(Math.multiplyExact(uploadLimitMb, 1024L * 1024))
          .withProfile(EmbeddedProfile.parse(profile))
          .withMaxBatch(maxBatch)
          .withLm(lm)
          .withStateDir(stateDir)
          .withTempDir(tempDir)
          .withFailClosed(failClosed)
          .withModel(model)
          .withFixedTakeSeconds(takeSeconds);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new CliException(ExitCodes.USAGE, e.getMessage());
    }
  }
}
