package dev.acepipe.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.acepipe.client.Metas;
import dev.acepipe.store.ArtifactStore;
import dev.acepipe.store.CacheLookup;
import dev.acepipe.store.Fingerprint;
import dev.acepipe.store.Journal;
import dev.acepipe.store.LockEntry;
import dev.acepipe.store.Lockfile;
import dev.acepipe.store.StepInput;
import dev.acepipe.store.StoreEntry;
import dev.acepipe.store.StoredObject;
import dev.acepipe.store.StoredTake;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
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
   * @param serverUrl the server tasks are submitted to (journaled, without credentials)
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

    public Settings(
        String serverUrl,
        Path takesDir,
        Set<String> forced,
        Map<String, Integer> rerolls,
        String serverVersion) {
      this(serverUrl, takesDir, forced, rerolls, serverVersion, null);
    }
  }

  private final ArtifactStore store;
  private final Journal journal;
  private final Settings settings;
  private final Clock clock;
  private final Consumer<String> warn;
  private final Map<String, Recipe> recipes = new HashMap<>();
  private final Map<String, List<String>> tasks = new HashMap<>();
  private final SortedMap<String, LockEntry> blocks = new TreeMap<>();
  private final Map<String, Fingerprint> cachedSteps = new LinkedHashMap<>();
  private final Set<String> notReproducible = new java.util.HashSet<>();
  private dev.acepipe.client.ServerProfile profile;

  /** Rerolls asked for by failed take checks during this run, on top of the settings' counters. */
  private final Map<String, Integer> checkRerolls = new HashMap<>();

  private final Lockfile pinned;
  private final LockPolicy lock;
  private volatile dev.acepipe.store.remote.RemoteTier remote =
      dev.acepipe.store.remote.RemoteTier.NONE;

  /** The recipe of a job step once its inputs are known. */
  private record Recipe(
      StepAction.Job job, ObjectNode request, List<StepInput> inputs, Fingerprint fingerprint) {}

  /**
   * @param journal the pipeline's open journal, or {@code null} for none (submissions are then not
   *     resumable)
   * @param warn receives one line per notable cache event (a corrupt entry, a re-attached task)
   */
  public StoreJournal(
      ArtifactStore store, Journal journal, Settings settings, Clock clock, Consumer<String> warn) {
    this(store, journal, settings, clock, warn, null, null);
  }

  /**
   * @param pinned the lockfile of the previous run, or null: a stored entry whose takes differ from
   *     the hashes it pins for the same fingerprint has been edited, and is not trusted
   */
  public StoreJournal(
      ArtifactStore store,
      Journal journal,
      Settings settings,
      Clock clock,
      Consumer<String> warn,
      Lockfile pinned) {
    this(store, journal, settings, clock, warn, pinned, null);
  }

  /**
   * As above, also reusing the answers the previous lockfile pins and, under {@code --locked},
   * holding every step to it ({@link LockPolicy}); {@code lock} null for neither.
   */
  public StoreJournal(
      ArtifactStore store,
      Journal journal,
      Settings settings,
      Clock clock,
      Consumer<String> warn,
      Lockfile pinned,
      LockPolicy lock) {
    this.pinned = pinned;
    this.lock = lock;
    this.store = Objects.requireNonNull(store, "store");
    this.journal = journal;
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.warn = Objects.requireNonNull(warn, "warn");
  }

  @Override
  public Optional<StepOutput> cached(String stepId, StepAction action, Upstream upstream) {
    if (!(action instanceof StepAction.Job job)) {
      return lock == null ? Optional.empty() : lock.reuse(stepId, action);
    }
    ObjectNode request = Recipes.request(job, settings.backend());
    List<StepInput> inputs = Recipes.inputs(job, upstream);
    Fingerprint fp = Fingerprint.of(request, inputs);
    recipes.put(stepId, new Recipe(job, request, inputs, fp));
    if (lock != null) {
      lock.checkRecipe(stepId, request, inputs, fp);
    }
    if (settings.forced().contains(stepId)) {
      return Optional.empty();
    }
    try {
      CacheLookup found = readThrough(fp, store.lookup(fp, ArtifactStore.Verification.STAT));
      if (found instanceof CacheLookup.Corrupt c) {
        warn.accept(
            "step '"
                + stepId
                + "': stored outputs unusable, rendering again: "
                + String.join("; ", c.problems()));
        return Optional.empty();
      }
      if (!(found instanceof CacheLookup.Hit hit)) {
        return Optional.empty();
      }
      String edited = PinnedTakes.mismatch(pinned, stepId, fp, hit.entry()).orElse(null);
      if (edited != null) {
        warn.accept(
            "step '"
                + stepId
                + "': "
                + edited
                + "; the store entry is not trusted, rendering again");
        return Optional.empty();
      }
      if (lock != null) {
        lock.checkTakes(
            stepId, hit.entry().takes().stream().map(StoredTake::sha256).toList(), false);
      }
      List<TakeResult> takes = new ArrayList<>();
      for (StoredTake t : hit.entry().takes()) {
        Path target = settings.takesDir().resolve(stepId).resolve(t.index() + "." + t.format());
        StoredObject obj = store.export(t.sha256(), target);
        if (!(obj instanceof StoredObject.Present)) {
          warn.accept(
              "step '"
                  + stepId
                  + "': stored take "
                  + t.index()
                  + " is "
                  + describe(obj)
                  + ", rendering again");
          return Optional.empty();
        }
        takes.add(takeOf(t, target));
      }
      cachedSteps.put(stepId, fp);
      blocks.put(stepId, LockEntry.of(hit.entry(), reroll(stepId)));
      return Optional.of(settled(stepId, job, JobHandler.output(stepId, job, takes)));
    } catch (IOException e) {
      // The store is an optimisation: when it cannot be read, render.
      warn.accept(
          "step '" + stepId + "': cannot read the store (" + e.getMessage() + "), rendering");
      return Optional.empty();
    }
  }

  @Override
  public StepOutput settled(String stepId, StepAction action, StepOutput output) {
    return lock == null ? output : lock.settle(stepId, action, output);
  }

  @Override
  public Optional<String> reattach(String stepId) {
    Recipe recipe = recipes.get(stepId);
    if (journal == null || recipe == null) {
      return Optional.empty();
    }
    return journal
        .reattach(recipe.fingerprint(), settings.serverUrl())
        .map(
            t -> {
              tasks.computeIfAbsent(stepId, k -> new ArrayList<>()).add(t.taskId());
              warn.accept(
                  "step '"
                      + stepId
                      + "': re-attached to task "
                      + t.taskId()
                      + " submitted by run "
                      + t.runId());
              return t.taskId();
            });
  }

  @Override
  public void submitted(String stepId, String taskId, int attempt) {
    tasks.computeIfAbsent(stepId, k -> new ArrayList<>()).add(taskId);
    Recipe recipe = recipes.get(stepId);
    if (journal == null || recipe == null) {
      return;
    }
    try {
      journal.submitted(stepId, recipe.fingerprint(), taskId, settings.serverUrl(), attempt);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot journal task " + taskId + " of step '" + stepId + "'", e);
    }
  }

  @Override
  public void lost(String stepId, String taskId) {
    close(List.of(taskId), Journal.Outcome.LOST);
  }

  @Override
  public void failed(String stepId) {
    close(tasks.getOrDefault(stepId, List.of()), Journal.Outcome.FAILED);
  }

  @Override
  public void profiled(dev.acepipe.client.ServerProfile p) {
    this.profile = p;
  }

  @Override
  public void notReproducible(String stepId) {
    notReproducible.add(stepId);
  }

  @Override
  public void finished(String stepId, StepAction action, StepOutput output) {
    close(tasks.getOrDefault(stepId, List.of()), Journal.Outcome.SUCCEEDED);
    if (lock != null) {
      lock.record(stepId, action, output);
    }
    Recipe recipe = recipes.get(stepId);
    if (recipe == null || output.takes().isEmpty()) {
      return;
    }
    if (lock != null) {
      // Checked before storing: audio that --locked refuses must not satisfy a later run from the
      // store.
      lock.checkTakes(stepId, output.takes().stream().map(TakeResult::sha256).toList(), true);
    }
    try {
      List<StoredTake> stored = new ArrayList<>();
      for (TakeResult t : output.takes()) {
        String sha = store.put(t.localPath());
        if (!sha.equals(t.sha256())) {
          warn.accept(
              "step '"
                  + stepId
                  + "': take "
                  + t.index()
                  + " changed on disk after download; not stored");
          return;
        }
        stored.add(storedTake(t));
      }
      TakeResult first = output.takes().get(0);
      String model =
          !first.ditModel().isBlank() ? first.ditModel() : recipe.request().path("model").asText();
      String version =
          profile != null && !profile.version().isBlank()
              ? profile.version()
              : settings.serverVersion();
      String generation =
          profile == null ? null : profile.generation().name().toLowerCase(java.util.Locale.ROOT);
      String backend =
          settings.backend() != null
              ? settings.backend()
              : profile == null ? null : Recipes.backendName(profile.backend());
      StoreEntry entry =
          new StoreEntry(
              recipe.fingerprint(),
              stepId,
              recipe.request(),
              recipe.inputs(),
              model,
              version,
              stored,
              clock.instant(),
              backend,
              settings.serverUrl(),
              generation,
              !notReproducible.contains(stepId));
      store.putEntry(entry);
      remote.publish(entry, store);
      blocks.put(stepId, LockEntry.of(entry, reroll(stepId)));
    } catch (IOException e) {
      warn.accept(
          "step '"
              + stepId
              + "': could not store its takes ("
              + e.getMessage()
              + "); the next run renders it again");
    }
  }

  /**
   * Reads through to {@code remote} on a local miss and writes every new entry through to it (see
   * {@link dev.acepipe.store.remote.RemoteStore}); returns this.
   */
  public StoreJournal withRemote(dev.acepipe.store.remote.RemoteTier remote) {
    this.remote = Objects.requireNonNull(remote, "remote");
    return this;
  }

  /**
   * A local miss (or unusable entry) asks the remote; what it fetched is verified and stored, then
   * looked up.
   */
  private CacheLookup readThrough(Fingerprint fp, CacheLookup local) throws IOException {
    if (local instanceof CacheLookup.Hit
        || !(remote.fetch(fp, store) instanceof dev.acepipe.store.remote.RemoteFetch.Fetched)) {
      return local;
    }
    return store.lookup(fp, ArtifactStore.Verification.STAT);
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
    Lockfile next = previous.retainSteps(planned);
    for (Map.Entry<String, LockEntry> e : blocks.entrySet()) {
      next = next.withStep(e.getKey(), e.getValue());
    }
    return lock == null ? next : lock.pinInto(next);
  }

  @Override
  public void rerolled(String stepId, int extraRerolls) {
    checkRerolls.put(stepId, extraRerolls);
  }

  private int reroll(String stepId) {
    return settings.rerolls().getOrDefault(stepId, 0) + checkRerolls.getOrDefault(stepId, 0);
  }

  private void close(List<String> taskIds, Journal.Outcome outcome) {
    if (journal == null) {
      return;
    }
    for (String id : taskIds) {
      try {
        journal.finished(id, outcome);
      } catch (IOException e) {
        warn.accept("cannot journal the end of task " + id + ": " + e.getMessage());
      }
    }
  }

  private static String describe(StoredObject obj) {
    return obj instanceof StoredObject.Missing ? "missing" : "corrupt (moved aside)";
  }

  // ---- take <-> stored take
  // --------------------------------------------------------------------------------

  /**
   * Besides the server's metas, a stored take keeps what a cache hit must hand downstream without
   * decoding audio: the server's caption and lyrics, models, and the probed sample rate and
   * channels.
   */
  private static StoredTake storedTake(TakeResult t) {
    ObjectNode m = JsonNodeFactory.instance.objectNode();
    putIfSet(m, "bpm", t.metas().bpm());
    putIfSet(m, "duration", t.metas().duration());
    putIfSet(m, "keyscale", t.metas().keyScale());
    putIfSet(m, "timesignature", t.metas().timeSignature());
    putIfSet(m, "genres", t.metas().genres());
    putIfSet(m, "caption", t.prompt());
    putIfSet(m, "lyrics", t.lyrics());
    putIfSet(m, "dit_model", t.ditModel());
    putIfSet(m, "lm_model", t.lmModel());
    m.put("sample_rate", t.audio().sampleRate());
    m.put("channels", t.audio().channels());
    return new StoredTake(
        t.index(),
        t.sha256(),
        t.bytes(),
        t.audio().durationSeconds(),
        formatOf(t.localPath()),
        t.serverPath().isEmpty() ? null : t.serverPath(),
        t.seedSent(),
        firstSeed(t.seedReported(), t.index()),
        m,
        t.server().isEmpty() || t.server().equals(TakeResult.RUN_SERVER) ? null : t.server());
  }

  static TakeResult takeOf(StoredTake t, Path file) {
    ObjectNode m = t.metas();
    Metas metas =
        new Metas(
            num(m, "bpm"),
            num(m, "duration"),
            text(m, "keyscale"),
            text(m, "timesignature"),
            text(m, "genres"));
    AudioInfo audio =
        new AudioInfo(
            t.durationSeconds(), m.path("sample_rate").asInt(48000), m.path("channels").asInt(2));
    // The server path is kept with the server it is on: the executor hands it on by path only to
    // that server.
    boolean located = t.serverPath() != null && t.server() != null;
    return TakeResult.builder(t.index(), file, t.sha256(), t.sizeBytes(), audio)
        .serverPath(located ? t.serverPath() : "")
        .seedSent(t.seedSent())
        .seedReported(t.seedReported() == null ? "" : t.seedReported().toString())
        .metas(metas)
        .ditModel(Objects.requireNonNullElse(text(m, "dit_model"), ""))
        .lmModel(Objects.requireNonNullElse(text(m, "lm_model"), ""))
        .prompt(text(m, "caption"))
        .lyrics(text(m, "lyrics"))
        .server(located ? t.server() : "")
        .build();
  }

  /**
   * The seed the server reported for take {@code index} ({@code seed_value} is "s1,s2,..." or one
   * number).
   */
  static Long firstSeed(String reported, int index) {
    if (reported == null || reported.isBlank()) {
      return null;
    }
    String[] parts = reported.split(",");
    String pick = parts.length > index ? parts[index] : parts[0];
    try {
      return Long.parseLong(pick.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String formatOf(Path p) {
    String name = p.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot >= 0 && dot < name.length() - 1
        ? name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT)
        : "flac";
  }

  private static void putIfSet(ObjectNode o, String key, Object v) {
    if (v instanceof Double d) {
      o.put(key, d);
    } else if (v instanceof String s && !s.isBlank()) {
      o.put(key, s);
    }
  }

  private static Double num(JsonNode o, String key) {
    return o.hasNonNull(key) && o.get(key).isNumber() ? o.get(key).asDouble() : null;
  }

  private static String text(JsonNode o, String key) {
    return o.hasNonNull(key) ? o.get(key).asText() : null;
  }
}
