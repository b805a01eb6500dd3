package dev.acepipe.cli;

import dev.acepipe.store.ArtifactStore;
import dev.acepipe.store.CacheLookup;
import dev.acepipe.store.remote.RemoteFetch;
import dev.acepipe.store.remote.RemoteStore;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code engine store push} and {@code pull}: open the remote the target names, move every entry
 * the lockfiles reference once, stop when the remote goes offline, close it, and print one summary
 * line. Each direction says how one entry moves and how its summary reads.
 */
enum StoreTransfer {
  /**
   * Uploads what the lockfiles reference, verified from the local store; what the remote has is
   * left alone.
   */
  PUSH("pushed %d entries, %d objects (%s) to %s; %d already there", "not in the local store") {
    @Override
    Moved move(StoreScope.Block b, ArtifactStore store, RemoteStore shared) {
      if (!(StoreRemotes.lookup(store, b.entry().fingerprint()) instanceof CacheLookup.Hit hit)) {
        return Moved.LACKING;
      }
      shared.publish(hit.entry(), store);
      return shared.offlineReason().isPresent() ? Moved.OFFLINE : Moved.MOVED;
    }

    @Override
    RemoteStore.Transfers moved(RemoteStore shared) {
      return shared.pushed();
    }

    @Override
    long already(RemoteStore shared, Tally tally) {
      // The remote skips what it has without saying so: the rest of what was found locally.
      return Math.max(0, tally.entries() - tally.lacking().size() - shared.pushed().entries());
    }
  },

  /** Downloads (and verifies) what the lockfiles reference and the local store lacks. */
  PULL("pulled %d entries, %d objects (%s) from %s; %d already local", "not on the remote") {
    @Override
    Moved move(StoreScope.Block b, ArtifactStore store, RemoteStore shared) {
      if (StoreRemotes.lookup(store, b.entry().fingerprint()) instanceof CacheLookup.Hit) {
        return Moved.ALREADY;
      }
      RemoteFetch got = shared.fetch(b.entry().fingerprint(), store);
      if (got instanceof RemoteFetch.Offline) {
        return Moved.OFFLINE;
      }
      return got instanceof RemoteFetch.Fetched ? Moved.MOVED : Moved.LACKING;
    }

    @Override
    RemoteStore.Transfers moved(RemoteStore shared) {
      return shared.pulled();
    }

    @Override
    long already(RemoteStore shared, Tally tally) {
      return tally.already();
    }
  };

  /** How one entry's move ended. */
  enum Moved {
    /** Moved now, or the other side already had it. */
    MOVED,
    /** The destination already had it; nothing was asked of the other side. */
    ALREADY,
    /** The side it should come from lacks it (or has it damaged). */
    LACKING,
    /** The remote became unusable: the transfer stops. */
    OFFLINE
  }

  /**
   * What moved: {@code entries} distinct entries looked at, {@code already} found at their
   * destination, {@code lacking} the steps whose entries could not be moved.
   */
  record Tally(int entries, int already, List<String> lacking) {
    Tally {
      lacking = List.copyOf(lacking);
    }
  }

  /** The summary line: entries, objects, megabytes, the remote, entries already in place. */
  private final String summary;

  /** Where the entries that could not be moved are missing. */
  private final String lackingWhere;

  StoreTransfer(String summary, String lackingWhere) {
    this.summary = summary;
    this.lackingWhere = lackingWhere;
  }

  /** Moves one entry between {@code store} and {@code shared}. */
  abstract Moved move(StoreScope.Block block, ArtifactStore store, RemoteStore shared);

  /** What this direction has moved so far. */
  abstract RemoteStore.Transfers moved(RemoteStore shared);

  /** How many entries were at their destination already. */
  abstract long already(RemoteStore shared, Tally tally);

  /**
   * Runs the transfer; exit 0 when everything moved, 1 when some entries are lacking, 4 when the
   * remote is unusable.
   */
  int run(StoreTarget target, Main main) {
    PrintWriter err = main.err();
    StoreScope scope = target.scope(err);
    List<StoreScope.Block> blocks = scope.blocks();
    Map<String, String> env = main.env();
    RemoteStore shared = StoreRemotes.open(target.remote, scope, env, err);
    try {
      ArtifactStore store = scope.store();
      Set<String> done = new LinkedHashSet<>();
      List<String> lacking = new ArrayList<>();
      int already = 0;
      for (StoreScope.Block b : blocks) {
        if (!done.add(b.entry().fingerprint().toString())) {
          continue;
        }
        switch (move(b, store, shared)) {
          case MOVED -> {}
          case ALREADY -> already++;
          case LACKING -> lacking.add(b.step());
          case OFFLINE -> {
            return ExitCodes.SERVER;
          }
        }
      }
      summary(shared, new Tally(done.size(), already, lacking), main.out());
      return lacking.isEmpty() ? ExitCodes.OK : ExitCodes.RUN_FAILED;
    } finally {
      target.remote.close();
    }
  }

  /** The summary line, naming the steps whose entries could not be moved. */
  private void summary(RemoteStore shared, Tally tally, PrintWriter out) {
    RemoteStore.Transfers moved = moved(shared);
    out.printf(
        Locale.ROOT,
        summary + "%s%n",
        moved.entries(),
        moved.objects(),
        RemoteStore.megabytes(moved.bytes()),
        shared.location().display(),
        already(shared, tally),
        tally.lacking().isEmpty()
            ? ""
            : "; " + lackingWhere + ": " + String.join(", ", tally.lacking()));
  }
}
