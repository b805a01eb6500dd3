package dev.acepipe.cli;

import dev.acepipe.client.AceStepClient;
import dev.acepipe.client.ClientConfig;
import dev.acepipe.client.OkHttpAceStepClient;
import dev.acepipe.exec.RunResult;
import dev.acepipe.exec.Sleeper;
import dev.acepipe.plan.Plan;
import dev.acepipe.report.ConsoleProgress;
import dev.acepipe.report.RunDocuments;
import dev.acepipe.report.RunExtras;
import dev.acepipe.report.TerminalDisplay;
import dev.acepipe.report.TextSummary;
import dev.acepipe.report.github.GitHubActions;
import dev.acepipe.run.RunException;
import dev.acepipe.run.RunService;
import dev.acepipe.run.RunSettings;
import dev.acepipe.server.EmbeddedServer;
import dev.acepipe.server.EmbeddedServerConfig;
import dev.acepipe.store.AtomicFiles;
import dev.acepipe.store.ProjectLayout;
import dev.acepipe.store.RunLock;
import dev.acepipe.store.remote.RemoteTier;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code engine run FILE}: validates and plans the pipeline, runs it against its server (or an
 * embedded one started on a free loopback port and stopped at the end), copies {@code outputs:}
 * into place and writes the run manifest. Exit 0 when every step succeeded, 1 when one failed, 2
 * for usage errors, 3 for an invalid pipeline, 4 when the server stayed unreachable, 130 on Ctrl-C
 * (in-flight task ids are printed).
 */
@Command(
    name = "run",
    description =
        "Run a pipeline against an ACE-Step server (default: an embedded one, in-process).")
public final class RunCommand extends EngineCommand {
  @Parameters(index = "0", paramLabel = "FILE", description = "The pipeline (YAML).")
  Path file;

  @Mixin RenderTargetOptions target = new RenderTargetOptions();

  @Mixin ParamsOptions params = new ParamsOptions();

  @Mixin RemoteOptions remote = new RemoteOptions();

  @Mixin RunJUnitOption junit = new RunJUnitOption();

  @Option(
      names = "--only",
      paramLabel = "STEP",
      description = "Run only this step and what it needs; repeatable.")
  List<String> only = new ArrayList<>();

  @Option(
      names = "--max-parallel",
      paramLabel = "N",
      defaultValue = "4",
      description = "Jobs in flight on the server at once (default ${DEFAULT-VALUE}).")
  int maxParallel;

  @Mixin StrictOption strict = new StrictOption();

  @Option(names = "--fail-fast", description = "Stop submitting after the first failed step.")
  boolean failFast;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "Summary on stdout: text (default) or json.")
  OutputFormat format;

  @Option(
      names = "--locked",
      description =
          "CI mode: the recipe must match the lockfile exactly (else exit 1, nothing submitted); steps "
              + "missing from the store are rendered and must reproduce the locked bytes.")
  boolean locked;

  @Option(
      names = "--force",
      description = "Render every step again, ignoring the cache (new outputs are still stored).")
  boolean force;

  @Option(
      names = "--from",
      paramLabel = "STEP",
      description = "Render STEP and everything after it again; repeatable.")
  List<String> from = new ArrayList<>();

  @Option(
      names = "--reroll",
      paramLabel = "STEP",
      description =
          "Draw new seeds for STEP (recorded in the lockfile); its descendants render again; repeatable.")
  List<String> reroll = new ArrayList<>();

  @Option(
      names = "--lost-after",
      paramLabel = "SECONDS",
      defaultValue = "60",
      description =
          "A running job whose stage stays the same this long while the server runs and queues nothing "
              + "is lost (server restarted mid-job) and resubmitted once (default ${DEFAULT-VALUE}).")
  long lostAfterSeconds;

  @Option(
      names = "--report",
      description = "Write the HTML report (players, waveforms, graph) into the run directory.")
  boolean report;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(file)) {
      return render();
    }
    RunLock lock;
    try {
      lock = RunLock.acquire(file);
    } catch (IOException e) {
      // Another engine on this pipeline, or project state that leads elsewhere: nothing has been
      // written.
      throw new CliException(ExitCodes.RUN_FAILED, e.getMessage(), e);
    }
    try (lock) {
      return render();
    }
  }

  /** The run itself, under the pipeline's run lock: plan, run through the service, document. */
  private Integer render() throws Exception {
    PrintWriter out = main.out();
    PrintWriter err = main.err();
    if (maxParallel < 1) {
      throw new CliException(
          ExitCodes.USAGE, "--max-parallel must be at least 1, got " + maxParallel);
    }
    if (lostAfterSeconds < 1) {
      throw new CliException(
          ExitCodes.USAGE, "--lost-after must be at least 1 second, got " + lostAfterSeconds);
    }
    // With JSON on stdout, the notes of reports (paths written, Actions workflow commands) go to
    // stderr.
    PrintWriter notes = format == OutputFormat.json ? err : out;
    RunReports reports = new RunReports(GitHubActions.of(main.env()));
    PipelinePlans.Outcome planned =
        PipelinePlans.plan(file, params, strict.checker(true), main.env(), err);
    if (!planned.ok()) {
      // A pipeline that cannot run still gets its JUnit case and annotations: the CI job shows why
      // it is red.
      reports.publishInvalid(file.toString(), planned.diagnostics(), junit.file, notes);
    }
    Plan plan = planned.orThrow();
    RunSettings settings =
        new RunSettings(
            target.server(),
            target.key(),
            only,
            maxParallel,
            failFast,
            locked,
            force,
            from,
            reroll,
            Duration.ofSeconds(lostAfterSeconds));
    // Opened (and probed) before anything renders, so --remote-required fails before any GPU time.
    RemoteTier shared = remote.open(planned.store(), main.env(), err);
    Clock clock = Clock.systemUTC();
    RunService service = new RunService(clock, Sleeper.SYSTEM, main.env(), EmbeddedHolder::new);
    RunService.Finished run;
    Map<String, String> servers;
    boolean refused = false;
    try (ConsoleProgress progress =
        new ConsoleProgress(err, TerminalDisplay.system(main.env()), clock)) {
      run =
          service.run(
              file, plan, settings, shared, new RunService.Io(err, notes, progress, this::guard));
      refused = run.refusal() != null && run.refusal().reason() == RunException.Reason.NOT_LOCKED;
      servers = service.target(plan, settings).names();
    } catch (RunException e) {
      throw RunFailures.toCli(e);
    } finally {
      // A refused recipe moved nothing, so there is no transfer summary to print.
      if (refused) {
        remote.close();
      } else {
        remote.finish(err);
      }
    }
    int code = document(plan, run, servers, reports, notes);
    if (run.refusal() != null) {
      throw RunFailures.toCli(run.refusal());
    }
    return code;
  }

  /**
   * Writes the run's documents whatever its outcome (manifest, the summary on stdout, HTML report,
   * JUnit, GitHub annotations and summary) and returns its exit code.
   */
  private int document(
      Plan plan,
      RunService.Finished run,
      Map<String, String> servers,
      RunReports reports,
      PrintWriter notes)
      throws IOException {
    PrintWriter out = main.out();
    RunDocuments.RunInfo info =
        new RunDocuments.RunInfo(
            run.runId(), file.toString(), plan.name(), run.projectDir(), run.runDir(), servers);
    RunResult result = run.result();
    boolean manifestWritten =
        writeManifest(
            info.runDir(),
            RunDocuments.manifest(
                info,
                result,
                run.outputs(),
                new RunExtras(run.renderer(), plan.album().orElse(null), run.album())),
            main.err());
    if (format == OutputFormat.json) {
      out.print(RunDocuments.summary(info, result, run.outputs()));
    } else {
      TextSummary.print(info, result, run.outputs(), out);
    }
    out.flush();
    // Reports are read back from the manifest: without it there is nothing to publish, and the run
    // is not green.
    if (manifestWritten) {
      reports.publish(plan, info.runDir(), report, junit.file, notes);
    }
    reported.countDown();
    int code = ExitCodes.of(result.outcome());
    return code == ExitCodes.OK && !manifestWritten ? ExitCodes.RUN_FAILED : code;
  }

  /**
   * Runs the executor with a Ctrl-C hook: the hook cancels the run and interrupts this thread's
   * waiting, then holds the JVM until the summary (with the in-flight task ids) is printed, and
   * exits 130.
   */
  private RunResult guard(Runnable cancel, Supplier<RunResult> run) {
    PrintWriter out = main.out();
    PrintWriter err = main.err();
    Thread runner = Thread.currentThread();
    Thread hook =
        new Thread(
            () -> {
              cancel.run();
              runner.interrupt();
              try {
                reported.await(15, TimeUnit.SECONDS);
              } catch (InterruptedException ignored) {
                // exiting anyway
              }
              out.flush();
              err.flush();
              Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
            },
            "acepipe-ctrl-c");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return run.get();
    } finally {
      // However the run ended: a hook left behind would hold a later JVM exit for 15 s and turn it
      // into 130.
      // The hook's interrupt must not break the manifest and summary writes that follow.
      Thread.interrupted();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook is running and waits for `reported`.
      }
    }
  }

  /**
   * Writes the manifest; a local disk that cannot take it is reported, and the summary is still
   * printed.
   */
  private static boolean writeManifest(Path runDir, String manifest, PrintWriter err) {
    try {
      AtomicFiles.writeString(ProjectLayout.manifest(runDir), manifest);
      return true;
    } catch (IOException e) {
      err.println("engine: manifest not written: " + e.getMessage());
      err.flush();
      return false;
    }
  }

  /** Counted down once the summary is out, so a Ctrl-C hook can let the JVM exit. */
  private final CountDownLatch reported = new CountDownLatch(1);

  /** Starts the embedded server on demand and stops it (and deletes its folder) at the end. */
  static final class EmbeddedHolder implements RunService.Embedded {
    private Path dir;
    private EmbeddedServer server;

    @Override
    public AceStepClient start() {
      try {
        // The embedded server's web stack logs its start-up at INFO; a run's stderr is for
        // progress.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        dir = EmbeddedTempDirs.create();
        server = EmbeddedServer.start(EmbeddedServerConfig.defaults(dir).withWorkers(2));
        return new OkHttpAceStepClient(ClientConfig.custom(server.baseUrl()).build());
      } catch (IOException e) {
        throw new java.io.UncheckedIOException("cannot start the embedded server", e);
      }
    }

    @Override
    public void close() {
      if (server != null) {
        server.close();
      }
      deleteQuietly(dir);
    }
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // A temp folder left behind is harmless.
    }
  }
}
