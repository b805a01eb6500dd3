package dev.acepipe.cli;

import dev.acepipe.store.ArtifactStore;
import dev.acepipe.store.CacheLookup;
import dev.acepipe.store.Fingerprint;
import dev.acepipe.store.remote.RemoteLocation;
import dev.acepipe.store.remote.RemoteStore;
import dev.acepipe.store.remote.RemoteUnavailableException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code engine store status [PIPELINE]}: the local store and the remote side by side (entries,
 * objects, bytes), then per lockfile how many of its steps each side has. Without a configured
 * remote only the local side is shown. Exit 4 when a configured remote cannot be used.
 */
@Command(
    name = "status",
    description = "Show the local store and the remote: entries, objects, sizes, per lockfile.")
public final class StoreStatusCommand extends StoreSubcommand {
  @Mixin StoreTarget target = new StoreTarget();

  @Override
  public Integer call() throws IOException {
    PrintWriter out = parent.main.out();
    PrintWriter err = parent.main.err();
    StoreScope scope = target.scope(err);
    List<StoreScope.Block> blocks = scope.blocks();
    ArtifactStore store = scope.store();
    List<Fingerprint> entries = store.fingerprints();
    long bytes = 0;
    List<String> objects = store.objectHashes();
    for (String sha : objects) {
      bytes += Files.size(store.objectPath(sha));
    }
    out.printf(
        Locale.ROOT,
        "local   %s: %d entries, %d objects, %s%n",
        scope.projectDir().relativize(store.root()),
        entries.size(),
        objects.size(),
        RemoteStore.megabytes(bytes));

    Optional<RemoteLocation> where = target.remote.location(scope.spec(), parent.main.env());
    Set<String> remoteEntries = new HashSet<>();
    if (where.isEmpty()) {
      out.println(
          "remote  none configured (--remote, $"
              + RemoteOptions.ENV_REMOTE
              + " or the pipeline's store.remote)");
    } else {
      try (RemoteStore shared = RemoteStore.open(where.get(), parent.main.env(), err::println)) {
        AtomicLong objectCount = new AtomicLong();
        AtomicLong objectBytes = new AtomicLong();
        shared.list(
            (name, size) -> remoteEntries.add(name.replaceFirst("\\.json$", "")),
            (name, size) -> {
              objectCount.incrementAndGet();
              objectBytes.addAndGet(size);
            });
        out.printf(
            Locale.ROOT,
            "remote  %s: %d entries, %d objects, %s%n",
            where.get().display(),
            remoteEntries.size(),
            objectCount.get(),
            RemoteStore.megabytes(objectBytes.get()));
      } catch (RemoteUnavailableException e) {
        out.flush();
        throw new CliException(
            ExitCodes.SERVER, "remote " + where.get().display() + ": " + e.getMessage());
      }
    }

    Map<Path, int[]> perLock = new LinkedHashMap<>();
    scope.lockPaths().forEach(p -> perLock.put(p, new int[3]));
    for (StoreScope.Block b : blocks) {
      int[] counts = perLock.get(b.lockPath());
      counts[0]++;
      if (StoreRemotes.lookup(store, b.entry().fingerprint()) instanceof CacheLookup.Hit) {
        counts[1]++;
      }
      if (remoteEntries.contains(b.entry().fingerprint().toString())) {
        counts[2]++;
      }
    }
    perLock.forEach(
        (p, c) ->
            out.printf(
                Locale.ROOT,
                "%s: %d steps; %d local%s%n",
                scope.projectDir().relativize(p),
                c[0],
                c[1],
                where.isEmpty() ? "" : ", " + c[2] + " on the remote"));
    return ExitCodes.OK;
  }
}
