package dev.acepipe.exec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.acepipe.client.ServerProfile;
import dev.acepipe.store.ArtifactStore;
import dev.acepipe.store.CacheLookup;
import dev.acepipe.store.Fingerprint;
import dev.acepipe.store.Lockfile;
import dev.acepipe.store.StepInput;
import dev.acepipe.store.StoreEntry;
import dev.acepipe.store.StoredObject;
import dev.acepipe.store.StoredTake;
import dev.acepipe.store.remote.RemoteFetch;
import dev.acepipe.store.remote.RemoteTier;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The artifact store as the cache of job steps: a lookup by fingerprint (reading through to the
 * remote, distrusting entries the lockfile says were edited, exporting every take hashed into the
 * run's takes folder) and the storing of a rendered step's takes and entry (written through to the
 * remote). The store is an optimisation: whatever cannot be read or written is warned about and
 * rendered.
 */
final class StepCache {
  /** The recipe of a job step once its inputs are known. */
  record Recipe(
      StepAction.Job job, ObjectNode request, List<StepInput> inputs, Fingerprint fingerprint) {}

  /** A usable stored entry and its takes, exported into the run's takes folder. */
  record Hit(StoreEntry entry, List<TakeResult> takes) {}

  private final ArtifactStore store;
  private final StoreJournal.Settings settings;
  private final Clock clock;
  private final Consumer<String> warn;
  private final Lockfile pinned;
  private final LockPolicy lock;
  private volatile RemoteTier remote = RemoteTier.NONE;

  StepCache(
      ArtifactStore store,
      StoreJournal.Settings settings,
      Clock clock,
      Consumer<String> warn,
      LockPolicy lock) {
    this.store = Objects.requireNonNull(store, "store");
    this.settings = settings;
    this.clock = clock;
    this.warn = warn;
    this.pinned = lock == null ? null : lock.previous();
    this.lock = lock;
  }

  void remote(RemoteTier remote) {
    this.remote = Objects.requireNonNull(remote, "remote");
  }

  /** The stored outputs of {@code fp}, exported for {@code stepId}, when they can be trusted. */
  Optional<Hit> lookup(String stepId, Fingerprint fp) {
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
        takes.add(StoredTakes.takeOf(t, target));
      }
      return Optional.of(new Hit(hit.entry(), takes));
    } catch (IOException e) {
      // The store is an optimisation: when it cannot be read, render.
      warn.accept(
          "step '" + stepId + "': cannot read the store (" + e.getMessage() + "), rendering");
      return Optional.empty();
    }
  }

  /**
   * Stores the takes and the entry of a rendered step; empty when they could not be stored (then
   * the next run renders it again).
   *
   * @param profile the server's profile when learned, or null
   */
  Optional<StoreEntry> store(
      String stepId,
      Recipe recipe,
      StepOutput output,
      ServerProfile profile,
      boolean reproducible) {
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
          return Optional.empty();
        }
        stored.add(StoredTakes.storedTake(t));
      }
      TakeResult first = output.takes().get(0);
      String model =
          !first.ditModel().isBlank() ? first.ditModel() : recipe.request().path("model").asText();
      String version =
          profile != null && !profile.version().isBlank()
              ? profile.version()
              : settings.serverVersion();
      String generation =
          profile == null ? null : profile.generation().name().toLowerCase(Locale.ROOT);
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
              renderedOn(first),
              generation,
              reproducible);
      store.putEntry(entry);
      remote.publish(entry, store);
      return Optional.of(entry);
    } catch (IOException e) {
      warn.accept(
          "step '"
              + stepId
              + "': could not store its takes ("
              + e.getMessage()
              + "); the next run renders it again");
      return Optional.empty();
    }
  }

  /**
   * The server that rendered {@code take}: in a pool each job has its own, so the run's first
   * server would misname it; the in-process server stays {@code embedded}.
   */
  private String renderedOn(TakeResult take) {
    boolean named =
        !settings.serverUrl().equals("embedded")
            && !take.server().isBlank()
            && !take.server().equals(TakeResult.RUN_SERVER);
    return named ? take.server() : settings.serverUrl();
  }

  /**
   * A local miss (or unusable entry) asks the remote; what it fetched is verified and stored, then
   * looked up.
   */
  private CacheLookup readThrough(Fingerprint fp, CacheLookup local) throws IOException {
    if (local instanceof CacheLookup.Hit
        || !(remote.fetch(fp, store) instanceof RemoteFetch.Fetched)) {
      return local;
    }
    return store.lookup(fp, ArtifactStore.Verification.STAT);
  }

  private static String describe(StoredObject obj) {
    return obj instanceof StoredObject.Missing ? "missing" : "corrupt (moved aside)";
  }
}
