package dev.acepipe.cli;

import dev.acepipe.store.ArtifactStore;
import dev.acepipe.store.remote.RemoteStore;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code engine store push} and {@code pull} share: open the remote the target names, move
 * every entry the lockfiles reference once, stop when the remote goes offline, close it. Each
 * command says how one entry moves and how its summary reads.
 */
final class StoreTransfer {
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

  /** Moves one entry between {@code store} and {@code shared}. */
  @FunctionalInterface
  interface Move {
    Moved move(StoreScope.Block block, ArtifactStore store, RemoteStore shared);
  }

  /** Prints the summary of a finished transfer. */
  @FunctionalInterface
  interface Summary {
    void print(RemoteStore shared, Tally tally, PrintWriter out);
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

  private StoreTransfer() {}

  /**
   * Runs the transfer; exit 0 when everything moved, 1 when some entries are lacking, 4 when the
   * remote is unusable.
   */
  static int run(StoreTarget target, Main main, Move move, Summary summary) {
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
        switch (move.move(b, store, shared)) {
          case MOVED -> {}
          case ALREADY -> already++;
          case LACKING -> lacking.add(b.step());
          case OFFLINE -> {
            return ExitCodes.SERVER;
          }
        }
      }
      summary.print(shared, new Tally(done.size(), already, lacking), main.out());
      return lacking.isEmpty() ? ExitCodes.OK : ExitCodes.RUN_FAILED;
    } finally {
      target.remote.close();
    }
  }
}
