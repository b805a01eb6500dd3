package dev.acepipe.run;

import dev.acepipe.album.Album;
import dev.acepipe.client.AceStepClient;
import dev.acepipe.client.AceStepException;
import dev.acepipe.client.ClientConfig;
import dev.acepipe.client.OkHttpAceStepClient;
import dev.acepipe.client.ServerProfile;
import dev.acepipe.exec.AudioFilesProbe;
import dev.acepipe.exec.ExecStep;
import dev.acepipe.exec.Executor;
import dev.acepipe.exec.ExecutorOptions;
import dev.acepipe.exec.LazyClient;
import dev.acepipe.exec.LockPolicy;
import dev.acepipe.exec.PlanSteps;
import dev.acepipe.exec.Recipes;
import dev.acepipe.exec.ResiliencePolicies;
import dev.acepipe.exec.RunListener;
import dev.acepipe.exec.RunResult;
import dev.acepipe.exec.RunServers;
import dev.acepipe.exec.Sleeper;
import dev.acepipe.exec.StoreJournal;
import dev.acepipe.plan.Plan;
import dev.acepipe.store.ArtifactStore;
import dev.acepipe.store.Journal;
import dev.acepipe.store.JournalLockedException;
import dev.acepipe.store.Lockfile;
import dev.acepipe.store.ProjectLayout;
import dev.acepipe.store.remote.RemoteTier;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Runs one planned pipeline: chooses its server, asks the cache, renders what is left, writes the
 * lockfile, the outputs and the album. What it returns is everything the run's documents need; the
 * caller writes them (manifest, summary, reports) and chooses the exit code.
 *
 * <p>Time, waiting and the environment are injected, so a test drives a whole run with a fake clock
 * and sleeper and names its server through a map instead of the process environment. Nothing here
 * prints except the progress lines a run has always written to {@code err} and the album's notes.
 */
public final class RunService {
  /** The embedded server of one run: started by the first call that needs a server. */
  public interface Embedded extends AutoCloseable {
    /** Starts the server and returns a client for it. */
    AceStepClient start();

    /** Stops the server if it was started and removes what it left behind. */
    @Override
    void close();
  }

  /**
   * Runs the executor. The CLI's guard cancels the run on Ctrl-C ({@code cancel}) and lets the
   * summary out before the JVM exits; {@link #DIRECT} just runs it.
   */
  @FunctionalInterface
  public interface Guard {
    Guard DIRECT = (cancel, run) -> run.get();

    RunResult run(Runnable cancel, Supplier<RunResult> run);
  }

  /**
   * Where a run talks: progress lines and warnings on {@code err}, the album's notes on {@code
   * notes} (stdout for text output), step events to {@code progress}.
   */
  public record Io(PrintWriter err, PrintWriter notes, RunListener progress, Guard guard) {
    public Io {
      Objects.requireNonNull(err, "err");
      Objects.requireNonNull(notes, "notes");
      Objects.requireNonNull(progress, "progress");
      Objects.requireNonNull(guard, "guard");
    }
  }

  /**
   * A run that got as far as its result.
   *
   * @param runId the run's id, also its directory's name
   * @param projectDir the folder of the pipeline
   * @param runDir {@code .acepipe/runs/<runId>}
   * @param result the executor's result, or the refusal's
   * @param outputs the {@code outputs:} as copied (empty for an interrupted or refused run)
   * @param renderer where the run rendered, or null when it never got to a server
   * @param album the album written, or null
   * @param refusal why the run was refused before rendering ({@link RunException.Reason#SERVER},
   *     {@link RunException.Reason#NOT_LOCKED}), or null; a refused run is still documented
   */
  public record Finished(
      String runId,
      Path projectDir,
      Path runDir,
      RunResult result,
      List<OutputCopier.Copied> outputs,
      String renderer,
      Album album,
      RunException refusal) {
    public Finished {
      outputs = List.copyOf(outputs);
    }
  }

  private final Clock clock;
  private final Sleeper sleeper;
  private final Map<String, String> env;
  private final Supplier<? extends Embedded> embedded;

  /**
   * @param env the environment the run sees ({@code ACESTEP_URL}, {@code ACESTEP_API_KEY})
   * @param embedded starts an embedded server when the run has no server URL
   */
  public RunService(
      Clock clock,
      Sleeper sleeper,
      Map<String, String> env,
      Supplier<? extends Embedded> embedded) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.env = Map.copyOf(env);
    this.embedded = Objects.requireNonNull(embedded, "embedded");
  }

  /** The server {@code settings} and the environment choose for {@code plan}. */
  public RunTarget target(Plan plan, RunSettings settings) {
    return RunTarget.of(settings.server(), settings.apiKey(), env, plan);
  }

  /**
   * Runs {@code plan} (read from {@code file}) with the store's remote tier {@code shared}.
   *
   * @throws RunException before anything is rendered: an unknown step name, a damaged lockfile, a
   *     malformed server URL, another engine on the pipeline's journal
   * @throws IOException when the run directory or the lockfile cannot be written
   */
  public Finished run(Path file, Plan plan, RunSettings settings, RemoteTier shared, Io io)
      throws RunException, IOException {
    PrintWriter err = io.err();
    Path pipeline = file.toAbsolutePath().normalize();
    Path projectDir = pipeline.getParent();
    if (settings.locked()
        && (settings.force() || !settings.from().isEmpty() || !settings.reroll().isEmpty())) {
      throw new RunException(
          RunException.Reason.USAGE,
          "--locked checks the pipeline as pinned; it cannot be combined with "
              + "--force, --from or --reroll");
    }
    RunSteps.requireKnownSteps(plan, "--only", settings.only());
    RunSteps.requireKnownSteps(plan, "--from", settings.from());
    RunSteps.requireKnownSteps(plan, "--reroll", settings.reroll());
    Path lockPath = Lockfile.pathFor(pipeline);
    Lockfile previousLock = RunSteps.readLock(lockPath, plan.name());
    RenderChoices choices =
        RenderChoices.of(plan, previousLock, settings.force(), settings.from(), settings.reroll());
    List<ExecStep> steps =
        PlanSteps.of(plan, projectDir, new LinkedHashSet<>(settings.only()), choices.rerolls());
    ArtifactStore store = ArtifactStore.forProject(projectDir);

    Instant started = clock.instant();
    String runId = RunIds.next(started);
    Path runDir = ProjectLayout.of(projectDir).run(runId);
    Files.createDirectories(runDir);
    RunTarget target = target(plan, settings);
    String url = target.url();

    if (settings.locked()) {
      List<CacheStatus.Row> refused =
          CacheStatus.notLocked(
              CacheStatus.of(
                  plan,
                  projectDir,
                  store,
                  previousLock,
                  choices.rerolls(),
                  Set.of(),
                  RunSteps.lockedBackend(target),
                  shared));
      if (!refused.isEmpty()) {
        err.println(
            lockPath.getFileName()
                + " does not pin this pipeline; these steps would render or change:");
        refused.forEach(r -> err.println("  " + r.id() + ": " + r.line()));
        err.flush();
        String why =
            "--locked: "
                + refused.size()
                + " step(s) not locked: "
                + String.join(", ", refused.stream().map(CacheStatus.Row::id).toList());
        RunResult refusal =
            RunOutcomes.refusedByLock(
                plan, refused, url == null ? "embedded" : url, why, started, clock.instant());
        return new Finished(
            runId,
            projectDir,
            runDir,
            refusal,
            List.of(),
            null,
            null,
            new RunException(RunException.Reason.NOT_LOCKED, why));
      }
    }

    RunResult result;
    StoreJournal cache;
    String renderer;
    Journal journal = null;
    try (Embedded local = embedded.get()) {
      AceStepClient client;
      String journalServer;
      String serverVersion = null;
      ServerProfile profile = null;
      if (url == null) {
        // Started on the first call that needs a server: a fully cached run never starts it.
        client = new LazyClient("embedded (not started)", local::start);
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
          RunException failure = new RunException(config.baseUrl(), e);
          RunResult notRun =
              RunOutcomes.notRun(
                  plan,
                  config.baseUrl(),
                  RunResult.Outcome.SERVER_UNAVAILABLE,
                  failure.getMessage(),
                  "the server could not be used",
                  started,
                  clock.instant());
          return new Finished(runId, projectDir, runDir, notRun, List.of(), null, null, failure);
        }
      }
      renderer = RunTarget.describe(journalServer, serverVersion);
      err.println(RunTarget.line(journalServer, serverVersion));
      err.flush();
      try (client) {
        if (journalServer != null) {
          // The embedded server dies with this process, so only an external server's tasks can be
          // re-attached.
          journal = openJournal(projectDir, plan.name(), runId);
          reportSkipped(journal, err);
        }
        ServerProfile.Backend backend =
            profile == null ? ServerProfile.Backend.EMBEDDED : profile.backend();
        // The embedded synthesizer is deterministic for (request, seed): its renders always repeat.
        SeedsHonoured seeds = new SeedsHonoured(client);
        LockPolicy lockPolicy =
            new LockPolicy(
                previousLock,
                settings.locked(),
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
                        Recipes.backendName(backend)),
                    clock,
                    line -> {
                      err.println("cache: " + line);
                      err.flush();
                    },
                    lockPolicy)
                .withRemote(shared);
        List<dev.acepipe.exec.PoolMember> members = target.members(client, err);
        Executor executor =
            new Executor(
                new RunServers(members, dev.acepipe.pool.FailoverConfig.DEFAULTS),
                new ResiliencePolicies(
                    ResiliencePolicies.Settings.defaults().withMaxParallel(settings.maxParallel()),
                    clock),
                AudioFilesProbe.forEnvironment(env),
                cache,
                io.progress(),
                clock,
                sleeper,
                new ExecutorOptions(runDir.resolve("takes"), settings.failFast(), 10)
                    .withBackend(backend)
                    .withLostAfter(settings.lostAfter()));
        if (profile != null) {
          executor.knownProfile(profile);
        }
        try {
          result = io.guard().run(executor::cancel, () -> executor.run(steps));
        } finally {
          members.stream().skip(1).forEach(m -> m.client().close());
        }
      }
    } finally {
      if (journal != null) {
        journal.close();
      }
    }
    result = RunOutcomes.withKinds(result, plan);
    // A check never rewrites what it checks: under --locked the committed lockfile stays as it is.
    if (result.outcome() == RunResult.Outcome.SUCCEEDED && !settings.locked()) {
      cache.lockfile(previousLock, new TreeSet<>(plan.steps().keySet())).write(lockPath);
    }

    List<OutputCopier.Copied> outputs =
        result.outcome() == RunResult.Outcome.INTERRUPTED
            ? List.of()
            : OutputCopier.copy(plan.outputs(), result, projectDir);
    OutputLineage.tag(plan, outputs, result, cache.fingerprints(), err);
    RunSteps.AlbumWrite album =
        settings.only().isEmpty()
            ? RunSteps.writeAlbum(plan, result, projectDir, io, cache.fingerprints())
            : RunSteps.AlbumWrite.NONE;
    String declared = RunSteps.declaredProblem(album.problem(), outputs);
    if (declared != null) {
      // Steps that all passed do not make a green run when what the pipeline declares was not
      // written.
      result = RunOutcomes.failedBy(result, declared);
    }
    return new Finished(
        runId, projectDir, runDir, result, outputs, renderer, album.written(), null);
  }

  private Journal openJournal(Path projectDir, String pipeline, String runId)
      throws RunException, IOException {
    try {
      return Journal.open(Journal.pathFor(projectDir, pipeline), clock, runId);
    } catch (JournalLockedException e) {
      throw new RunException(
          RunException.Reason.BUSY,
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
}
