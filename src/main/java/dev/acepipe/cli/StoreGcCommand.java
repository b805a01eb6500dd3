package dev.acepipe.cli;

import dev.acepipe.store.ArtifactStore;
import dev.acepipe.store.Fingerprint;
import dev.acepipe.store.LockedTake;
import dev.acepipe.store.StoreEntry;
import dev.acepipe.store.StoreFormatException;
import dev.acepipe.store.StoredTake;
import dev.acepipe.store.remote.RemoteStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code engine store gc}: removes from the project's local store every entry no lockfile of the
 * project references and every object no kept entry or lock block names, plus quarantined ({@code
 * corrupt/}) files. The remote is never touched. A damaged lockfile stops it before anything is
 * removed; so does a project without lockfiles (everything would go).
 */
@Command(
    name = "gc",
    description = "Remove from the local store what no lockfile of the project references.")
public final class StoreGcCommand extends StoreSubcommand {
  @Mixin ProjectOption project = new ProjectOption();

  @Option(names = "--dry-run", description = "Only say what would be removed.")
  boolean dryRun;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = parent.main.out();
    StoreScope scope = project.everyLockfile(parent.main.err());
    if (scope.lockPaths().isEmpty()) {
      throw new CliException(
          ExitCodes.USAGE,
          "no lockfiles (*.lock.json) in "
              + scope.projectDir()
              + ": nothing would be kept; run gc in the folder of the project's pipelines");
    }
    List<StoreScope.Block> blocks = scope.blocks();
    ArtifactStore store = scope.store();
    Set<Fingerprint> keepEntries = new HashSet<>();
    Set<String> keepObjects = new HashSet<>();
    for (StoreScope.Block b : blocks) {
      keepEntries.add(b.entry().fingerprint());
      b.entry().takes().stream().map(LockedTake::sha256).forEach(keepObjects::add);
    }
    int entriesRemoved = 0;
    for (Fingerprint fp : store.fingerprints()) {
      if (!keepEntries.contains(fp)) {
        entriesRemoved++;
        if (!dryRun) {
          store.removeEntry(fp);
        }
        continue;
      }
      keptTakes(store, fp).forEach(keepObjects::add);
    }
    int objectsRemoved = 0;
    long freed = 0;
    long kept = 0;
    int objectsKept = 0;
    for (String sha : store.objectHashes()) {
      long size = Files.size(store.objectPath(sha));
      if (keepObjects.contains(sha)) {
        objectsKept++;
        kept += size;
        continue;
      }
      objectsRemoved++;
      freed += dryRun ? size : store.removeObject(sha);
    }
    freed += corrupt(store.root().resolve("corrupt"));
    out.printf(
        Locale.ROOT,
        "%s %d entries and %d objects (%s); kept %d entries, %d objects (%s) referenced by %s%n",
        dryRun ? "would remove" : "removed",
        entriesRemoved,
        objectsRemoved,
        RemoteStore.megabytes(freed),
        keepEntries.size(),
        objectsKept,
        RemoteStore.megabytes(kept),
        scope.describeLocks());
    return ExitCodes.OK;
  }

  /**
   * A kept entry's takes are kept even where a lock block lists fewer (an entry is only usable
   * whole).
   */
  private static List<String> keptTakes(ArtifactStore store, Fingerprint fp) throws IOException {
    try {
      Optional<StoreEntry> e = store.entry(fp);
      return e.map(x -> x.takes().stream().map(StoredTake::sha256).toList()).orElse(List.of());
    } catch (StoreFormatException damaged) {
      return List.of();
    }
  }

  /**
   * Quarantined objects are kept for inspection only until the next gc; returns the bytes they
   * held.
   */
  private long corrupt(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    long bytes = 0;
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        if (Files.isRegularFile(p)) {
          bytes += Files.size(p);
          if (!dryRun) {
            Files.delete(p);
          }
        }
      }
    }
    return bytes;
  }
}
