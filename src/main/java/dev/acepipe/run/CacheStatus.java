package dev.acepipe.run;

import dev.acepipe.exec.AudioFilesProbe;
import dev.acepipe.exec.AudioInfo;
import dev.acepipe.exec.AudioProbe;
import dev.acepipe.exec.ExecStep;
import dev.acepipe.exec.JobHandler;
import dev.acepipe.exec.LocalHandler;
import dev.acepipe.exec.LockPolicy;
import dev.acepipe.exec.PlanSteps;
import dev.acepipe.exec.Recipes;
import dev.acepipe.exec.StepAction;
import dev.acepipe.exec.StepHandler;
import dev.acepipe.exec.StepHandlers;
import dev.acepipe.exec.StepOutput;
import dev.acepipe.exec.StoredTakes;
import dev.acepipe.exec.TakeResult;
import dev.acepipe.exec.Upstream;
import dev.acepipe.plan.Plan;
import dev.acepipe.store.ArtifactStore;
import dev.acepipe.store.Fingerprint;
import dev.acepipe.store.LockEntry;
import dev.acepipe.store.Lockfile;
import dev.acepipe.store.StaleExplainer;
import dev.acepipe.store.Staleness;
import dev.acepipe.store.StepInput;
import dev.acepipe.store.StoreEntry;
import dev.acepipe.store.StoredTake;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a run of the plan would do with each step instance, decided without a server: {@code
 * cached}, {@code will render} or {@code stale}, with a one-line reason. Used by {@code engine
 * plan} (the cache column) and {@code engine run --locked}.
 *
 * <p>The plan is walked in order, as a run would: a job step whose fields and input takes are known
 * is fingerprinted and explained by {@link StaleExplainer}; a cached step's stored output then
 * feeds the steps after it (fields and input hashes), so a fully cached chain is shown cached end
 * to end. A step that reads a value only a rendering upstream step will produce cannot be
 * fingerprinted yet and says which steps it waits for. Format and random steps are cached when the
 * lockfile pins their answer for their recipe; imports are hashed from disk.
 */
public final class CacheStatus {
  /**
   * One step instance's line.
   *
   * @param mark {@code cached}, {@code will render} or {@code stale}
   * @param reason one line ("cached", "prompt changed", "input take draft#0 will re-render", ...)
   * @param matchesLock true when the step's recipe is exactly the locked one ({@code --locked}
   *     passes): it is cached, its answer is pinned, or its fingerprint is locked and only its
   *     outputs left the store (then it renders, and {@code --locked} holds the new bytes to the
   *     locked hashes)
   * @param fingerprint the step's fingerprint when it could be computed
   */
  public record Row(
      String id,
      String kind,
      String mark,
      String reason,
      boolean matchesLock,
      Optional<Fingerprint> fingerprint) {
    public Row {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(mark, "mark");
      Objects.requireNonNull(reason, "reason");
    }

    /** {@code "stale: prompt changed"}, {@code "cached"}, {@code "will render: new step"}. */
    public String line() {
      return reason.equals(mark) || reason.startsWith(mark) ? reason : mark + ": " + reason;
    }
  }

  private CacheStatus() {}

  /**
   * @param rerolls instance id → reroll counter, as the run would use it
   * @param forced instances the run would render regardless of the store ({@code --force}, {@code
   *     --from})
   */
  public static List<Row> of(
      Plan plan,
      Path projectDir,
      ArtifactStore store,
      Lockfile lock,
      Map<String, Integer> rerolls,
      Set<String> forced) {
    return of(
        plan,
        projectDir,
        store,
        lock,
        rerolls,
        forced,
        defaultBackend(plan),
        dev.acepipe.store.remote.RemoteTier.NONE);
  }

  /**
   * The backend a plan would render on when no server has been asked: the embedded synthesizer
   * without a server in the pipeline, else an external server.
   */
  public static String defaultBackend(Plan plan) {
    return plan.server().isPresent()
        ? "external"
        : Recipes.backendName(dev.acepipe.client.ServerProfile.Backend.EMBEDDED);
  }

  /**
   * As above, for the backend that would render, reading through to {@code remote}: a step whose
   * outputs are not in the local store but on the remote is fetched (verified) into the local store
   * first, as a run would, so a fresh machine with a warm remote is judged cached.
   *
   * @param backend who would render ({@link Recipes#backendName}): part of every fingerprint
   */
  public static List<Row> of(
      Plan plan,
      Path projectDir,
      ArtifactStore store,
      Lockfile lock,
      Map<String, Integer> rerolls,
      Set<String> forced,
      String backend,
      dev.acepipe.store.remote.RemoteTier remote) {
    Map<String, StepOutput> known = new HashMap<>();
    List<Row> rows = new ArrayList<>();
    AudioProbe probe = new AudioFilesProbe();
    for (ExecStep step : PlanSteps.of(plan, projectDir, Set.of(), rerolls)) {
      Upstream upstream =
          id -> {
            StepOutput o = known.get(id);
            if (o == null) {
              throw new Upstream.NotFinishedException(id, "has no output yet");
            }
            return o;
          };
      LockEntry previous = lock.step(step.id()).orElse(null);
      StepAction action;
      try {
        action = step.resolver().resolve(upstream);
      } catch (IllegalArgumentException e) {
        List<String> waits = step.needs().stream().filter(n -> !known.containsKey(n)).toList();
        String why =
            waits.isEmpty()
                ? e.getMessage()
                : "inputs known once " + String.join(", ", waits) + " ran";
        rows.add(
            new Row(
                step.id(),
                plan.step(step.id()).kind().toString().toLowerCase(java.util.Locale.ROOT),
                previous == null ? "will render" : "stale",
                previous == null ? "new step; " + why : why,
                false,
                Optional.empty()));
        continue;
      }
      StepHandler handler = StepHandlers.of(action);
      if (handler instanceof LocalHandler local) {
        LocalHandler.Preview p =
            local.preview(
                step.id(),
                action,
                new LocalHandler.Inputs(probe, upstream, new dev.acepipe.album.TakeSelector()));
        p.output().ifPresent(o -> known.put(step.id(), o));
        rows.add(
            new Row(
                step.id(), action.kind(), p.mark(), p.reason(), p.matchesLock(), Optional.empty()));
        continue;
      }
      if (!(action instanceof StepAction.Job job)) {
        Optional<StepOutput> pin =
            LockPolicy.pinnedOutput(lock, step.id(), action, forced, rerolls);
        pin.ifPresent(o -> known.put(step.id(), o));
        rows.add(
            pin.isPresent()
                ? new Row(
                    step.id(),
                    action.kind(),
                    "cached",
                    "answer pinned in the lockfile",
                    true,
                    Optional.empty())
                : new Row(
                    step.id(),
                    action.kind(),
                    "will render",
                    "asks the server, then pins the answer in the lockfile",
                    false,
                    Optional.empty()));
        continue;
      }
      List<StepInput> inputs = Recipes.inputs(job, upstream);
      var request = Recipes.request(job, backend);
      boolean pending = inputs.stream().anyMatch(StepInput::isPending);
      Fingerprint fp = pending ? null : Fingerprint.of(request, inputs);
      if (fp != null && forced.contains(step.id())) {
        rows.add(new Row(step.id(), job.kind(), "will render", "forced", false, Optional.of(fp)));
        continue;
      }
      readThrough(store, fp, remote);
      Staleness s = StaleExplainer.explain(previous, request, inputs, store);
      Map<String, Object> pinnedText =
          LockPolicy.pinnedSampleText(lock, step.id(), job, forced, rerolls);
      if (s.status() == Staleness.Status.CACHED) {
        entryOutput(store, fp, step.id(), job)
            .ifPresent(o -> known.put(step.id(), withFields(o, pinnedText)));
      } else if (s.matchesLock() && previous != null) {
        // Locked but not stored (a fresh checkout): the steps after it are fingerprinted from the
        // locked takes,
        // which a seeded re-render must reproduce.
        known.put(step.id(), withFields(lockedOutput(step.id(), job, previous), pinnedText));
      }
      rows.add(
          new Row(
              step.id(),
              job.kind(),
              s.status().mark(),
              s.reason(),
              s.matchesLock(),
              Optional.ofNullable(fp)));
    }
    return rows;
  }

  private static void readThrough(
      ArtifactStore store, Fingerprint fp, dev.acepipe.store.remote.RemoteTier remote) {
    if (fp == null || remote == dev.acepipe.store.remote.RemoteTier.NONE) {
      return;
    }
    try {
      if (!(store.lookup(fp, ArtifactStore.Verification.STAT)
          instanceof dev.acepipe.store.CacheLookup.Hit)) {
        remote.fetch(fp, store);
      }
    } catch (IOException e) {
      // The local store cannot be read: the explainer reports the step as not cached.
    }
  }

  /**
   * The rows {@code run --locked} refuses: every job step that would render or change its lock
   * block.
   */
  public static List<Row> notLocked(List<Row> rows) {
    return rows.stream().filter(r -> !r.matchesLock()).toList();
  }

  private static StepOutput withFields(StepOutput o, Map<String, Object> pinned) {
    if (pinned.isEmpty()) {
      return o;
    }
    Map<String, Object> fields = new java.util.LinkedHashMap<>(o.fields());
    fields.putAll(pinned);
    return new StepOutput(o.stepId(), o.takes(), fields);
  }

  /** The output a locked step will have once rendered again: its locked takes (not on disk yet). */
  private static StepOutput lockedOutput(String id, StepAction.Job job, LockEntry entry) {
    List<TakeResult> takes = new ArrayList<>();
    for (dev.acepipe.store.LockedTake t : entry.takes()) {
      long seed = entry.seedsSent().isEmpty() ? job.request().seed() : entry.seedsSent().get(0);
      takes.add(
          TakeResult.builder(
                  t.index(),
                  Path.of(id, t.index() + "." + t.format()),
                  t.sha256(),
                  0,
                  new AudioInfo(t.durationSeconds(), 48000, 2))
              .seedSent(seed)
              .ditModel(entry.model())
              .build());
    }
    return JobHandler.output(id, job, takes);
  }

  private static Optional<StepOutput> entryOutput(
      ArtifactStore store, Fingerprint fp, String id, StepAction.Job job) {
    try {
      Optional<StoreEntry> entry = store.entry(fp);
      if (entry.isEmpty()) {
        return Optional.empty();
      }
      List<TakeResult> takes = new ArrayList<>();
      for (StoredTake t : entry.get().takes()) {
        takes.add(StoredTakes.takeOf(t, store.objectPath(t.sha256())));
      }
      return Optional.of(JobHandler.output(id, job, takes));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
