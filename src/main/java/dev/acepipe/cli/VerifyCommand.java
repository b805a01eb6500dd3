package dev.acepipe.cli;

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
import dev.acepipe.exec.PlanSteps;
import dev.acepipe.exec.Recipes;
import dev.acepipe.exec.ResiliencePolicies;
import dev.acepipe.exec.RunJournal;
import dev.acepipe.exec.RunListener;
import dev.acepipe.exec.RunResult;
import dev.acepipe.exec.RunServers;
import dev.acepipe.exec.Sleeper;
import dev.acepipe.exec.StepAction;
import dev.acepipe.exec.StepOutput;
import dev.acepipe.exec.StepReport;
import dev.acepipe.exec.StoreJournal;
import dev.acepipe.exec.TakeResult;
import dev.acepipe.exec.Upstream;
import dev.acepipe.plan.Plan;
import dev.acepipe.plan.PlannedStep;
import dev.acepipe.run.RenderChoices;
import dev.acepipe.run.RunIds;
import dev.acepipe.run.RunTarget;
import dev.acepipe.store.ArtifactStore;
import dev.acepipe.store.LockEntry;
import dev.acepipe.store.LockedTake;
import dev.acepipe.store.Lockfile;
import dev.acepipe.validate.PipelineChecker;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code engine verify PIPELINE [STEP...]}: renders the locked job steps again, bypassing the
 * cache, and compares every take with the lockfile (content hash and duration). Steps they need
 * come from the store as usual; nothing re-rendered is stored and the lockfile is not touched. Exit
 * 0 when every step reproduced, 1 with a table of what differs (or failed), 2 for usage errors, 3
 * for an invalid pipeline, 4 when the server is unreachable.
 */
@Command(
    name = "verify",
    description =
        "Render locked steps again (bypassing the cache) and check they match the lockfile.")
public final class VerifyCommand extends EngineCommand {
  /** Durations closer than this count as equal (container framing, not audio). */
  static final double DURATION_TOLERANCE_SECONDS = 0.05;

  @Parameters(
      index = "0",
      paramLabel = "PIPELINE",
      description = "The pipeline (YAML) whose lockfile is checked.")
  Path file;

  @Parameters(
      index = "1..*",
      paramLabel = "STEP",
      description = "Steps to verify (default: every locked step).")
  List<String> stepNames = new ArrayList<>();

  @Mixin RenderTargetOptions given = new RenderTargetOptions();

  @Mixin ParamsOptions params = new ParamsOptions();

  /** One compared take: what the lock pinned and what the new render gave. */
  record Row(String step, String take, String locked, String rendered, String verdict) {}

  @Override
  public Integer call() throws Exception {
    PrintWriter out = main.out();
    PrintWriter err = main.err();
    Plan plan = PipelinePlans.plan(file, params, new PipelineChecker(), main.env(), err).orThrow();
    Path pipeline = file.toAbsolutePath().normalize();
    Path projectDir = pipeline.getParent();
    Path lockPath = Lockfile.pathFor(pipeline);
    Lockfile lock;
    try {
      lock = Lockfile.read(lockPath).orElse(Lockfile.empty(plan.name()));
    } catch (IOException e) {
      throw new CliException(ExitCodes.INVALID, lockPath + ": " + e.getMessage());
    }
    Set<String> targets = targets(plan, lock, lockPath);
    RenderChoices choices = RenderChoices.of(plan, lock, false, List.of(), List.of());
    List<ExecStep> steps = PlanSteps.of(plan, projectDir, targets, choices.rerolls());

    Clock clock = Clock.systemUTC();
    Path runDir =
        dev.acepipe.store.ProjectLayout.of(projectDir).verifyRun(RunIds.next(clock.instant()));
    Files.createDirectories(runDir);
    // The same server and key choice as engine run: a pipeline's key goes only to the pipeline's
    // server.
    if (given.servers != null && given.servers.size() > 1) {
      // A comparison wants one renderer: a pool's first server is the one verify uses.
      throw new CliException(ExitCodes.USAGE, "verify renders on one server; give --server once");
    }
    RunTarget target = RunTarget.of(given.server(), given.key(), main.env(), plan);
    String url = target.url();
    RunCommand.EmbeddedHolder embedded = new RunCommand.EmbeddedHolder();
    RunResult result;
    try {
      AceStepClient client;
      ServerProfile profile = null;
      String serverName = "embedded";
      if (url == null) {
        client = new LazyClient("embedded (not started)", embedded::start);
      } else {
        ClientConfig config = RunFailures.config(target);
        client = new OkHttpAceStepClient(config);
        serverName = config.baseUrl();
        try {
          profile = client.profile();
        } catch (AceStepException e) {
          client.close();
          throw ServerOptions.failure(config.baseUrl(), e);
        }
      }
      ServerProfile.Backend backend =
          profile == null ? ServerProfile.Backend.EMBEDDED : profile.backend();
      StoreJournal cache =
          new StoreJournal(
              ArtifactStore.forProject(projectDir),
              null,
              new StoreJournal.Settings(
                  serverName,
                  runDir.resolve("takes"),
                  targets,
                  choices.rerolls(),
                  profile == null ? null : profile.version(),
                  Recipes.backendName(backend)),
              clock,
              line -> err.println("cache: " + line));
      try (client) {
        Executor executor =
            new Executor(
                RunServers.one(client),
                new ResiliencePolicies(ResiliencePolicies.Settings.defaults(), clock),
                AudioFilesProbe.forEnvironment(main.env()),
                new VerifyJournal(cache, targets),
                new RunListener() {},
                clock,
                Sleeper.SYSTEM,
                new ExecutorOptions(runDir.resolve("takes"), false, 10).withBackend(backend));
        if (profile != null) {
          executor.knownProfile(profile);
        }
        result = executor.run(steps);
      }
      err.flush();
      if (result.outcome() == RunResult.Outcome.SERVER_UNAVAILABLE) {
        throw new CliException(ExitCodes.SERVER, result.error());
      }
      List<Row> rows = compare(targets, lock, result, cache);
      return print(rows, result, out);
    } finally {
      embedded.close();
    }
  }

  /** The named steps' instances that have lock blocks, or every locked job step. */
  private Set<String> targets(Plan plan, Lockfile lock, Path lockPath) {
    List<String> names = stepNames;
    Set<String> out = new TreeSet<>();
    Set<String> unknown = new LinkedHashSet<>(names);
    for (PlannedStep s : plan.order()) {
      boolean named = names.isEmpty() || names.contains(s.id()) || names.contains(s.stepId());
      if (named) {
        unknown.remove(s.id());
        unknown.remove(s.stepId());
        if (lock.step(s.id()).isPresent()) {
          out.add(s.id());
        }
      }
    }
    if (!unknown.isEmpty()) {
      throw new CliException(
          ExitCodes.USAGE,
          "no step "
              + String.join(", ", unknown)
              + " in "
              + file
              + " (steps: "
              + String.join(", ", plan.steps().keySet())
              + ")");
    }
    if (out.isEmpty()) {
      throw new CliException(
          ExitCodes.USAGE,
          lockPath.getFileName()
              + " pins no "
              + (names.isEmpty() ? "step" : "step among " + String.join(", ", names))
              + "; run the pipeline first (engine run "
              + file
              + ")");
    }
    return out;
  }

  /** One row per locked take of every target, plus one per step that could not be compared. */
  static List<Row> compare(
      Set<String> targets, Lockfile lock, RunResult result, StoreJournal cache) {
    List<Row> rows = new ArrayList<>();
    for (String id : targets) {
      LockEntry locked = lock.step(id).orElseThrow();
      StepReport report = result.step(id).orElse(null);
      if (report == null || !report.state().hasOutput()) {
        String why =
            report == null
                ? "not run"
                : report.state().name().toLowerCase(Locale.ROOT)
                    + (report.error() == null ? "" : ": " + report.error());
        rows.add(new Row(id, "-", "-", "-", why));
        continue;
      }
      var fp = cache.fingerprints().get(id);
      if (fp != null && !fp.equals(locked.fingerprint())) {
        rows.add(
            new Row(
                id,
                "-",
                locked.fingerprint().shortText(),
                fp.shortText(),
                "the pipeline changed since it was locked (fingerprint differs); run it to lock it again"));
        continue;
      }
      List<TakeResult> takes = report.takes();
      for (LockedTake t : locked.takes()) {
        Optional<TakeResult> again = takes.stream().filter(r -> r.index() == t.index()).findFirst();
        String pinned = describe(t.sha256(), t.durationSeconds());
        if (again.isEmpty()) {
          rows.add(new Row(id, "#" + t.index(), pinned, "-", "take missing"));
          continue;
        }
        TakeResult r = again.get();
        boolean sameHash = r.sha256().equals(t.sha256());
        boolean sameLength =
            Math.abs(r.audio().durationSeconds() - t.durationSeconds())
                <= DURATION_TOLERANCE_SECONDS;
        String verdict =
            sameHash
                ? "reproduced"
                : (sameLength ? "different audio" : "different audio and length")
                    + (locked.reproducible()
                        ? ""
                        : " (locked as not reproducible: its server ignored the seeds)");
        rows.add(
            new Row(
                id,
                "#" + t.index(),
                pinned,
                describe(r.sha256(), r.audio().durationSeconds()),
                verdict));
      }
    }
    return rows;
  }

  private static String describe(String sha, double seconds) {
    return sha.substring(0, 12) + String.format(Locale.ROOT, " %.2fs", seconds);
  }

  private static int print(List<Row> rows, RunResult result, PrintWriter out) {
    List<Row> bad = rows.stream().filter(r -> !r.verdict().equals("reproduced")).toList();
    out.println(
        "verify: "
            + (rows.size() - bad.size())
            + " of "
            + rows.size()
            + " take(s) reproduced on "
            + result.renderedBy());
    if (!bad.isEmpty()) {
      int w1 = Math.max(4, bad.stream().mapToInt(r -> r.step().length()).max().orElse(4));
      String format = "  %-" + w1 + "s  %-4s  %-19s  %-19s  %s%n";
      out.printf(Locale.ROOT, format, "step", "take", "locked", "rendered", "");
      for (Row r : bad) {
        out.printf(Locale.ROOT, format, r.step(), r.take(), r.locked(), r.rendered(), r.verdict());
      }
    }
    out.flush();
    return bad.isEmpty() ? ExitCodes.OK : ExitCodes.RUN_FAILED;
  }

  /**
   * The store's cache for the steps the targets need, and nothing stored for the targets
   * themselves: a re-render that differs must not replace the entry the lockfile pins.
   */
  private static final class VerifyJournal implements RunJournal {
    private final StoreJournal cache;
    private final Set<String> targets;

    VerifyJournal(StoreJournal cache, Set<String> targets) {
      this.cache = cache;
      this.targets = Set.copyOf(targets);
    }

    @Override
    public Optional<StepOutput> cached(String stepId, StepAction action, Upstream upstream) {
      return cache.cached(stepId, action, upstream);
    }

    @Override
    public void finished(String stepId, StepAction action, StepOutput output) {
      if (!targets.contains(stepId)) {
        cache.finished(stepId, action, output);
      }
    }

    @Override
    public void profiled(ServerProfile profile) {
      cache.profiled(profile);
    }
  }
}
