package dev.acepipe.exec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.acepipe.client.ServerProfile;
import dev.acepipe.store.ArtifactStore;
import dev.acepipe.store.Fingerprint;
import dev.acepipe.store.Journal;
import dev.acepipe.store.LockEntry;
import dev.acepipe.store.Lockfile;
import dev.acepipe.store.StepInput;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The {@link RunJournal} of {@code engine run}: the artifact store decides cache hits, the journal
 * makes submissions durable and lets a killed run re-attach, and the blocks of the next lockfile
 * are collected as steps finish.
 *
 * <p>Only job steps (generate, sample, continue, repaint, cover) are stored and get lock blocks;
 * the answers of format and random calls, which feed the fingerprints of the jobs after them, are
 * pinned in the lockfile by the {@link LockPolicy} (which also holds a {@code --locked} run to the
 * lockfile); imports are local files (their hash is a job input).
 *
 * <p>On a hit every take is exported from the store into the run's takes folder, hashed while it is
 * copied ({@link ArtifactStore#export}), so a damaged object is caught before anyone uses it; the
 * exported takes keep their server path and the server it is on, so a downstream step on that same
 * server can hand them on by path (snapshot servers refuse uploads but keep every output) after
 * probing it. A corrupt entry is reported through {@code warn} and rendered again.
 *
 * <p>Entries record who rendered them ({@code backend}, server URL, generation); the backend is
 * part of the fingerprinted request, so renders of the embedded synthesizer never satisfy a run
 * against an ACE-Step server.
 */
public final class StoreJournal implements RunJournal {
  /**
   * @param serverUrl the run's server (the first of a pool), recorded where a take names none;
   *     tasks are journaled under the server each was submitted to
   * @param takesDir the run's takes folder; cache hits are exported to {@code
   *     takesDir/<step>/<index>.<format>}
   * @param forced step instances that render even when the store has their outputs ({@code
   *     --force}, {@code --from}); their new outputs are stored as usual
   * @param rerolls instance id → reroll counter recorded in its lock block
   * @param serverVersion the version {@code /health} reported, or {@code null} when unknown
   *     (recorded as is)
   * @param backend who renders: {@code embedded} or {@code external} ({@link Recipes#backendName});
   *     part of every fingerprint. {@code null} leaves it out (tests of the cache alone)
   */
  public record Settings(
      String serverUrl,
      Path takesDir,
      Set<String> forced,
      Map<String, Integer> rerolls,
      String serverVersion,
      String backend) {
    public Settings {
      Objects.requireNonNull(serverUrl, "serverUrl");
      Objects.requireNonNull(takesDir, "takesDir");
      forced = Set.copyOf(forced);
      rerolls = Map.copyOf(rerolls);
    }
  }

  private final Settings settings;
  private final StepCache cache;
  private final TaskJournal tasks;
  private final LockBlocks blocks;
  private final LockPolicy lock;
  private final Map<String, StepCache.Recipe> recipes = new HashMap<>();
  private final Map<String, Fingerprint> cachedSteps = new LinkedHashMap<>();
  private final Set<String> notReproducible = new HashSet<>();
  private ServerProfile profile;

  /**
   * @param journal the pipeline's open journal, or {@code null} for none (submissions are then not
   *     resumable)
   * @param warn receives one line per notable cache event (a corrupt entry, a re-attached task)
   */
  public StoreJournal(
      ArtifactStore store, Journal journal, Settings settings, Clock clock, Consumer<String> warn) {
    this(store, journal, settings, clock, warn, null);
  }

  /**
   * As above, also distrusting stored entries the previous lockfile contradicts, reusing the
   * answers it pins and, under {@code --locked}, holding every step to it ({@link LockPolicy}).
   *
   * @param lock the lock policy over the lockfile of the previous run, or null for none: a stored
   *     entry whose takes differ from the hashes that lockfile pins for the same fingerprint has
   *     been edited, and is not trusted
   */
  public StoreJournal(
      ArtifactStore store,
      Journal journal,
      Settings settings,
      Clock clock,
      Consumer<String> warn,
      LockPolicy lock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.lock = lock;
    this.cache =
        new StepCache(
            store,
            settings,
            Objects.requireNonNull(clock, "clock"),
            Objects.requireNonNull(warn, "warn"),
            lock);
    this.tasks = new TaskJournal(journal, warn);
    this.blocks = new LockBlocks(settings.rerolls());
  }

  @Override
  public Optional<StepOutput> cached(String stepId, StepAction action, Upstream upstream) {
    if (!(action instanceof StepAction.Job job)) {
      return lock == null ? Optional.empty() : lock.reuse(stepId, action);
    }
    ObjectNode request = Recipes.request(job, settings.backend());
    List<StepInput> inputs = Recipes.inputs(job, upstream);
    Fingerprint fp = Fingerprint.of(request, inputs);
    recipes.put(stepId, new StepCache.Recipe(job, request, inputs, fp));
    if (lock != null) {
      lock.checkRecipe(stepId, request, inputs, fp);
    }
    if (settings.forced().contains(stepId)) {
      return Optional.empty();
    }
    Optional<StepCache.Hit> hit = cache.lookup(stepId, fp);
    if (hit.isEmpty()) {
      return Optional.empty();
    }
    cachedSteps.put(stepId, fp);
    blocks.put(stepId, LockEntry.of(hit.get().entry(), blocks.reroll(stepId)));
    return Optional.of(settled(stepId, job, JobHandler.output(stepId, job, hit.get().takes())));
  }

  @Override
  public StepOutput settled(String stepId, StepAction action, StepOutput output) {
    return lock == null ? output : lock.settle(stepId, action, output);
  }

  @Override
  public Optional<String> reattach(String stepId, String server) {
    StepCache.Recipe recipe = recipes.get(stepId);
    return recipe == null ? Optional.empty() : tasks.reattach(stepId, recipe.fingerprint(), server);
  }

  @Override
  public boolean holdsTask(String stepId, String server) {
    StepCache.Recipe recipe = recipes.get(stepId);
    return recipe != null && tasks.holds(recipe.fingerprint(), server);
  }

  @Override
  public void submitted(String stepId, String server, String taskId, int attempt) {
    StepCache.Recipe recipe = recipes.get(stepId);
    tasks.submitted(stepId, recipe == null ? null : recipe.fingerprint(), server, taskId, attempt);
  }

  @Override
  public void lost(String stepId, String taskId) {
    tasks.lost(taskId);
  }

  @Override
  public void failed(String stepId) {
    tasks.ended(stepId, Journal.Outcome.FAILED);
  }

  @Override
  public void profiled(ServerProfile p) {
    this.profile = p;
  }

  @Override
  public void notReproducible(String stepId) {
    notReproducible.add(stepId);
  }

  @Override
  public void finished(String stepId, StepAction action, StepOutput output) {
    tasks.ended(stepId, Journal.Outcome.SUCCEEDED);
    if (lock != null) {
      lock.record(stepId, action, output);
    }
    StepCache.Recipe recipe = recipes.get(stepId);
    if (recipe == null || output.takes().isEmpty()) {
      return;
    }
    if (lock != null) {
      // Checked before storing: audio that --locked refuses must not satisfy a later run from the
      // store.
      lock.checkTakes(stepId, output.takes().stream().map(TakeResult::sha256).toList(), true);
    }
    cache
        .store(stepId, recipe, output, profile, !notReproducible.contains(stepId))
        .ifPresent(entry -> blocks.put(stepId, LockEntry.of(entry, blocks.reroll(stepId))));
  }

  /**
   * Reads through to {@code remote} on a local miss and writes every new entry through to it (see
   * {@link dev.acepipe.store.remote.RemoteStore}); returns this.
   */
  public StoreJournal withRemote(dev.acepipe.store.remote.RemoteTier remote) {
    cache.remote(remote);
    return this;
  }

  /**
   * The fingerprint of every job step resolved so far (rendered, cached or running), by instance
   * id.
   */
  public Map<String, Fingerprint> fingerprints() {
    Map<String, Fingerprint> out = new TreeMap<>();
    recipes.forEach((k, v) -> out.put(k, v.fingerprint()));
    return out;
  }

  /** The steps this run took from the store, in the order they were decided. */
  public Set<String> cachedSteps() {
    return java.util.Collections.unmodifiableSet(cachedSteps.keySet());
  }

  /**
   * {@code previous} updated with the blocks of this run's rendered and cached steps; blocks of
   * instances no longer in {@code planned} are dropped, the other blocks are kept as they were.
   */
  public Lockfile lockfile(Lockfile previous, Set<String> planned) {
    return blocks.lockfile(previous, planned, lock);
  }

  @Override
  public void rerolled(String stepId, int extraRerolls) {
    blocks.rerolled(stepId, extraRerolls);
  }
}
