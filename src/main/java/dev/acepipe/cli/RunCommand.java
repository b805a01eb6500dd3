package dev.acepipe.cli;

import dev.acepipe.album.Album;
import dev.acepipe.client.AceStepClient;
import dev.acepipe.client.AceStepException;
import dev.acepipe.client.ClientConfig;
import dev.acepipe.client.OkHttpAceStepClient;
import dev.acepipe.client.ServerProfile;
import dev.acepipe.exec.AudioFilesProbe;
import dev.acepipe.exec.ExecStep;
import dev.acepipe.exec.Executor;
import dev.acepipe.exec.LazyClient;
import dev.acepipe.exec.LockPolicy;
import dev.acepipe.exec.PlanSteps;
import dev.acepipe.exec.Recipes;
import dev.acepipe.exec.ResiliencePolicies;
import dev.acepipe.exec.RunResult;
import dev.acepipe.exec.Sleeper;
import dev.acepipe.exec.StoreJournal;
import dev.acepipe.plan.Plan;
import dev.acepipe.report.ConsoleProgress;
import dev.acepipe.report.RunDocuments;
import dev.acepipe.report.TerminalDisplay;
import dev.acepipe.report.TextSummary;
import dev.acepipe.report.github.GitHubActions;
import dev.acepipe.run.AlbumOutputs;
import dev.acepipe.run.CacheStatus;
import dev.acepipe.run.OutputCopier;
import dev.acepipe.run.OutputLineage;
import dev.acepipe.run.RenderChoices;
import dev.acepipe.run.RunIds;
import dev.acepipe.server.EmbeddedServer;
import dev.acepipe.server.EmbeddedServerConfig;
import dev.acepipe.store.ArtifactStore;
import dev.acepipe.store.AtomicFiles;
import dev.acepipe.store.Journal;
import dev.acepipe.store.JournalLockedException;
import dev.acepipe.store.Lockfile;
import dev.acepipe.store.RunLock;
import dev.acepipe.validate.PipelineChecker;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

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
        "Run a pipeline against an ACE-Step server (default: an embedded one, in-process).",
    mixinStandardHelpOptions = true)
public final class RunCommand implements Callable<Integer> {
  /** Summary formats. */
  enum Format {
    text,
    json
  }

  @ParentCommand Main main;

  @Parameters(index = "0", paramLabel = "FILE", description = "The pipeline (YAML).")
  Path file;

  @Option(
      names = "--server",
      paramLabel = "URL",
      description =
          "ACE-Step server (default: $ACESTEP_URL, else the pipeline's server.url, else the embedded one).")
  String server;

  @Option(
      names = "--api-key",
      paramLabel = "K",
      description =
          "API key for --server (default: the pipeline's server.api_key, else $ACESTEP_API_KEY). Never "
              + "printed, but visible to other users in ps: prefer --api-key-file or the environment variable.")
  String apiKey;

  @Option(
      names = "--api-key-file",
      paramLabel = "FILE",
      description = "Read the API key from the first line of FILE.")
  Path apiKeyFile;

  @Mixin ParamsOptions params = new ParamsOptions();

  @Mixin RemoteOptions remote = new RemoteOptions();

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

  @Option(
      names = "--strict",
      description = "Treat validation warnings (the music-aware lint) as errors (exit 3).")
  boolean strict;

  @Option(names = "--fail-fast", description = "Stop submitting after the first failed step.")
  boolean failFast;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "Summary on stdout: text (default) or json.")
  Format format;

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

  @Option(
      names = "--junit",
      paramLabel = "FILE",
      description = "Write the run as JUnit XML (one test case per step).")
  Path junit;

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

  /** The run itself, under the pipeline's run lock. */
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
    PrintWriter notes = format == Format.json ? err : out;
    RunReports reports = new RunReports(GitHubActions.of(main.env()));
    PipelinePlans.Outcome planned =
        PipelinePlans.plan(file, params, new PipelineChecker().strict(strict), err);
    if (!planned.ok()) {
      // A pipeline that cannot run still gets its JUnit case and annotations: the CI job shows why
      // it is red.
      reports.publishInvalid(file.toString(), planned.diagnostics(), junit, notes);
    }
    Plan plan = planned.orThrow();
    Path projectDir = file.toAbsolutePath().normalize().getParent();
    if (locked && (force || !from.isEmpty() || !reroll.isEmpty())) {
      throw new CliException(
          ExitCodes.USAGE,
          "--locked checks the pipeline as pinned; it cannot be combined with "
              + "--force, --from or --reroll");
    }
    requireKnownSteps(plan, "--only", only);
    requireKnownSteps(plan, "--from", from);
    requireKnownSteps(plan, "--reroll", reroll);
    Path lockPath = Lockfile.pathFor(file.toAbsolutePath().normalize());
    Lockfile previousLock = readLock(lockPath, plan.name());
    RenderChoices choices = RenderChoices.of(plan, previousLock, force, from, reroll);
    List<ExecStep> steps =
        PlanSteps.of(plan, projectDir, new LinkedHashSet<>(only), choices.rerolls());
    ArtifactStore store = ArtifactStore.forProject(projectDir);
    // Opened (and probed) before anything renders, so --remote-required fails before any GPU time.
    dev.acepipe.store.remote.RemoteTier shared = remote.open(planned.store(), System.getenv(), err);

    Clock clock = Clock.systemUTC();
    Instant started = clock.instant();
    String runId = RunIds.next(started);
    Path runDir = projectDir.resolve(".acepipe").resolve("runs").resolve(runId);
    Files.createDirectories(runDir);
    RunDocuments.RunInfo info =
        new RunDocuments.RunInfo(runId, file.toString(), plan.name(), projectDir, runDir);
    RunTarget target = RunTarget.of(server, apiKey, apiKeyFile, main.env(), plan);
    String url = target.url();

    if (locked) {
      List<CacheStatus.Row> refused =
          CacheStatus.notLocked(
              CacheStatus.of(
                  plan,
                  projectDir,
                  store,
                  previousLock,
                  choices.rerolls(),
                  Set.of(),
                  lockedBackend(plan),
                  shared));
      if (!refused.isEmpty()) {
        err.println(
            lockPath.getFileName()
                + " does not pin this pipeline; these steps would render or change:");
        refused.forEach(r -> err.println("  " + r.id() + ": " + r.line()));
        remote.close();
        err.flush();
        String why =
            "--locked: "
                + refused.size()
                + " step(s) not locked: "
                + String.join(", ", refused.stream().map(CacheStatus.Row::id).toList());
        RunResult refusal =
            RunOutcomes.refusedByLock(
                plan, refused, url == null ? "embedded" : url, why, started, clock.instant());
        document(plan, info, refusal, List.of(), reports, notes);
        throw new CliException(ExitCodes.RUN_FAILED, why);
      }
    }

    EmbeddedHolder embedded = new EmbeddedHolder();
    RunResult result;
    StoreJournal cache;
    Journal journal = null;
    try {
      AceStepClient client;
      String journalServer;
      String serverVersion = null;
      ServerProfile profile = null;
      if (url == null) {
        // Started on the first call that needs a server: a fully cached run never starts it.
        client = new LazyClient("embedded (not started)", embedded::start);
        journalServer = null;
      } else {
        ClientConfig config = target.config();
        client = new OkHttpAceStepClient(config);
        journalServer = config.baseUrl();
        try {
          // A server that is not there at all fails the run at once; mid-run outages get the
          // breaker's bound.
          profile = client.profile();
          serverVersion = profile.version();
        } catch (AceStepException e) {
          client.close();
          CliException failure = ServerOptions.failure(config.baseUrl(), e);
          document(
              plan,
              info,
              RunOutcomes.notRun(
                  plan,
                  config.baseUrl(),
                  RunResult.Outcome.SERVER_UNAVAILABLE,
                  failure.getMessage(),
                  "the server could not be used",
                  started,
                  clock.instant()),
              List.of(),
              reports,
              notes);
          throw failure;
        }
      }
      renderer = RunTarget.describe(journalServer, serverVersion);
      err.println(RunTarget.line(journalServer, serverVersion));
      err.flush();
      ConsoleProgress progress =
          new ConsoleProgress(err, TerminalDisplay.system(main.env()), clock);
      try (client;
          progress) {
        if (journalServer != null) {
          // The embedded server dies with this process, so only an external server's tasks can be
          // re-attached.
          journal = openJournal(projectDir, plan.name(), clock, runId);
          reportSkipped(journal, err);
        }
        // The embedded synthesizer is deterministic for (request, seed): its renders always repeat.
        SeedsHonoured seeds = new SeedsHonoured(client);
        LockPolicy lockPolicy =
            new LockPolicy(
                previousLock,
                locked,
                choices.forced(),
                choices.rerolls(),
                url == null ? () -> true : seeds::get);
        cache =
            new StoreJournal(
                    store,
                    journal,
                    new StoreJournal.Settings(
                        journalServer == null ? "embedded" : journalServer,
                        runDir.resolve("takes"),
                        choices.forced(),
                        choices.rerolls(),
                        serverVersion,
                        Recipes.backendName(
                            profile == null ? ServerProfile.Backend.EMBEDDED : profile.backend())),
                    clock,
                    line -> {
                      err.println("cache: " + line);
                      err.flush();
                    },
                    previousLock,
                    lockPolicy)
                .withRemote(shared);
        Executor executor =
            new Executor(
                client,
                new ResiliencePolicies(
                    ResiliencePolicies.Settings.defaults().withMaxParallel(maxParallel), clock),
                new AudioFilesProbe(),
                cache,
                progress,
                clock,
                Sleeper.SYSTEM,
                new Executor.Options(runDir.resolve("takes"), failFast, 10)
                    .withBackend(
                        profile == null ? ServerProfile.Backend.EMBEDDED : profile.backend())
                    .withLostAfter(java.time.Duration.ofSeconds(lostAfterSeconds)));
        if (profile != null) {
          executor.knownProfile(profile);
        }
        result = runInterruptibly(executor, steps, out, err);
      }
    } finally {
      if (journal != null) {
        journal.close();
      }
      embedded.close();
      remote.finish(err);
    }
    result = RunOutcomes.withKinds(result, plan);
    // A check never rewrites what it checks: under --locked the committed lockfile stays as it is.
    if (result.outcome() == RunResult.Outcome.SUCCEEDED && !locked) {
      cache.lockfile(previousLock, new java.util.TreeSet<>(plan.steps().keySet())).write(lockPath);
    }

    List<OutputCopier.Copied> outputs =
        result.outcome() == RunResult.Outcome.INTERRUPTED
            ? List.of()
            : OutputCopier.copy(plan.outputs(), result, projectDir);
    OutputLineage.tag(plan.name(), outputs, plan.outputs(), result, cache.fingerprints(), err);
    String albumProblem = writeAlbum(plan, result, projectDir, notes, err, cache.fingerprints());
    String declared = declaredProblem(albumProblem, outputs);
    if (declared != null) {
      // Steps that all passed do not make a green run when what the pipeline declares was not
      // written.
      result = RunOutcomes.failedBy(result, declared);
    }
    return document(plan, info, result, outputs, reports, notes);
  }

  /**
   * Writes the run's documents whatever its outcome (manifest, the summary on stdout, HTML report,
   * JUnit, GitHub annotations and summary) and returns its exit code.
   */
  private int document(
      Plan plan,
      RunDocuments.RunInfo info,
      RunResult result,
      List<OutputCopier.Copied> outputs,
      RunReports reports,
      PrintWriter notes)
      throws IOException {
    PrintWriter out = main.out();
    boolean manifestWritten =
        writeManifest(
            info.runDir(),
            RunDocuments.manifest(
                info,
                result,
                outputs,
                new dev.acepipe.report.RunExtras(
                    renderer, plan.album().orElse(null), writtenAlbum)),
            main.err());
    if (format == Format.json) {
      out.print(RunDocuments.summary(info, result, outputs));
    } else {
      TextSummary.print(info, result, outputs, out);
    }
    out.flush();
    // Reports are read back from the manifest: without it there is nothing to publish, and the run
    // is not green.
    if (manifestWritten) {
      reports.publish(plan, info.runDir(), report, junit, notes);
    }
    reported.countDown();
    int code = RunOutcomes.exitCode(result.outcome());
    return code == ExitCodes.OK && !manifestWritten ? ExitCodes.RUN_FAILED : code;
  }

  /**
   * Why a declared output or the album is missing after the run, or null when everything in scope
   * was written.
   */
  private static String declaredProblem(String albumProblem, List<OutputCopier.Copied> outputs) {
    List<String> problems = new ArrayList<>();
    for (OutputCopier.Copied c : outputs) {
      if (c.inScope() && !c.ok()) {
        problems.add(
            "output "
                + c.target().getFileName()
                + " not written ("
                + c.ref()
                + ": "
                + c.problem()
                + ")");
      }
    }
    if (albumProblem != null) {
      problems.add("album not written: " + albumProblem);
    }
    return problems.isEmpty() ? null : String.join("; ", problems);
  }

  /**
   * {@code --only}, {@code --from} and {@code --reroll} must name steps (or matrix instances) of
   * the plan.
   */
  private static void requireKnownSteps(Plan plan, String option, List<String> names) {
    Set<String> unknown = RenderChoices.unknownSteps(plan, names);
    if (!unknown.isEmpty()) {
      Set<String> known = new java.util.TreeSet<>();
      plan.order()
          .forEach(
              s -> {
                known.add(s.id());
                known.add(s.stepId());
              });
      String hint =
          unknown.size() == 1
              ? dev.acepipe.dsl.Suggest.closest(unknown.iterator().next(), known)
                  .map(k -> " (did you mean '" + k + "'?)")
                  .orElse("")
              : "";
      throw new CliException(
          ExitCodes.USAGE, option + " names no step: " + String.join(", ", unknown) + hint);
    }
  }

  /**
   * Whether renders on the run's server repeat byte for byte, asked once: the embedded synthesizer
   * always does, an ACE-Step server when its profile says it honours seeds; false when the profile
   * cannot be read.
   */
  private static final class SeedsHonoured {
    private final AceStepClient client;
    private Boolean answer;

    SeedsHonoured(AceStepClient client) {
      this.client = client;
    }

    boolean get() {
      if (answer == null) {
        try {
          ServerProfile p = client.profile();
          answer = p.backend() == ServerProfile.Backend.EMBEDDED || p.honoursSeeds();
        } catch (RuntimeException e) {
          answer = false;
        }
      }
      return answer;
    }
  }

  /**
   * Runs the executor with a Ctrl-C hook: the hook cancels the run and interrupts this thread's
   * waiting, then holds the JVM until the summary (with the in-flight task ids) is printed, and
   * exits 130.
   */
  private RunResult runInterruptibly(
      Executor executor, List<ExecStep> steps, PrintWriter out, PrintWriter err) {
    Thread runner = Thread.currentThread();
    Thread hook =
        new Thread(
            () -> {
              executor.cancel();
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
      return executor.run(steps);
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
   * Writes the pipeline's {@code album:} after a successful full run (not with {@code --only},
   * which may leave tracks out); returns why it could not be written, or null.
   */
  private String writeAlbum(
      Plan plan,
      RunResult result,
      Path projectDir,
      PrintWriter notes,
      PrintWriter err,
      java.util.Map<String, dev.acepipe.store.Fingerprint> fingerprints) {
    if (plan.album().isEmpty()
        || result.outcome() != RunResult.Outcome.SUCCEEDED
        || !only.isEmpty()) {
      return null;
    }
    try {
      Album album =
          AlbumOutputs.write(
              plan.album().get(),
              result,
              projectDir,
              OutputLineage.albumTags(plan.name(), plan.album().get(), result, fingerprints));
      writtenAlbum = album;
      notes.println(
          "album: "
              + album.directory()
              + " ("
              + album.tracks().size()
              + " tracks, "
              + album.playlist().getFileName()
              + ", "
              + album.tracklist().getFileName()
              + ")");
      AlbumOutputs.loudnessReport(album).forEach(notes::println);
      return null;
    } catch (IOException | IllegalStateException e) {
      err.println("engine: album not written: " + e.getMessage());
      return e.getMessage();
    }
  }

  /**
   * The backend {@code --locked} checks the lock against: the embedded synthesizer without a server
   * URL, else what the server's profile says (an {@code engine serve} is the synthesizer too).
   */
  private String lockedBackend(Plan plan) throws CliException {
    RunTarget target = RunTarget.of(server, apiKey, apiKeyFile, main.env(), plan);
    String url = target.url();
    if (url == null) {
      return Recipes.backendName(ServerProfile.Backend.EMBEDDED);
    }
    ClientConfig config = target.config();
    try (AceStepClient c = new OkHttpAceStepClient(config)) {
      return Recipes.backendName(c.profile().backend());
    } catch (AceStepException e) {
      throw ServerOptions.failure(config.baseUrl(), e);
    }
  }

  /**
   * Writes the manifest; a local disk that cannot take it is reported, and the summary is still
   * printed.
   */
  private static boolean writeManifest(Path runDir, String manifest, PrintWriter err) {
    try {
      AtomicFiles.writeString(runDir.resolve("manifest.json"), manifest);
      return true;
    } catch (IOException e) {
      err.println("engine: manifest not written: " + e.getMessage());
      err.flush();
      return false;
    }
  }

  /** Where this run rendered and the album it wrote, for the manifest. */
  private String renderer;

  private Album writtenAlbum;

  /** Counted down once the summary is out, so a Ctrl-C hook can let the JVM exit. */
  private final CountDownLatch reported = new CountDownLatch(1);

  private static Lockfile readLock(Path lockPath, String pipeline) throws CliException {
    try {
      return Lockfile.read(lockPath).orElse(Lockfile.empty(pipeline));
    } catch (IOException e) {
      throw new CliException(
          ExitCodes.INVALID,
          e instanceof dev.acepipe.store.StoreFormatException
              ? e.getMessage()
              : lockPath + ": " + e.getMessage());
    }
  }

  private static Journal openJournal(Path projectDir, String pipeline, Clock clock, String runId)
      throws CliException, IOException {
    try {
      return Journal.open(Journal.pathFor(projectDir, pipeline), clock, runId);
    } catch (JournalLockedException e) {
      throw new CliException(
          ExitCodes.RUN_FAILED,
          "another engine is running pipeline '"
              + pipeline
              + "' in "
              + projectDir
              + " ("
              + e.getMessage()
              + ")");
    }
  }

  private static void reportSkipped(Journal journal, PrintWriter err) {
    if (journal.skippedLines() > 0) {
      err.println(
          "journal: skipped "
              + journal.skippedLines()
              + " unreadable line(s) of "
              + journal.file()
              + "; the tasks they recorded are not re-attached");
      err.flush();
    }
  }

  /** Starts the embedded server on demand and stops it (and deletes its folder) at the end. */
  static final class EmbeddedHolder implements AutoCloseable {
    private Path dir;
    private EmbeddedServer server;

    AceStepClient start() {
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
