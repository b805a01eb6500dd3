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
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * {@code engine store pull [PIPELINE]}: downloads (and verifies) what the pipeline's lockfile (or
 * every lockfile of the project) references and the local store lacks, so {@code engine run
 * --locked} needs no server. Exit 0 when everything referenced is local afterwards, 1 when the
 * remote lacks some (or has them damaged), 4 when the remote is unusable.
 */
@Command(
    name = "pull",
    description = "Download what a pipeline's lockfile references from the remote store.",
    mixinStandardHelpOptions = true)
public final class StorePullCommand implements Callable<Integer> {
  @ParentCommand StoreCommand parent;

  @Mixin StoreTarget target = new StoreTarget();

  @Override
  public Integer call() {
    PrintWriter out = parent.main.out();
    PrintWriter err = parent.main.err();
    StoreScope scope = target.scope(err);
    List<StoreScope.Block> blocks = scope.blocks();
    RemoteStore shared = StoreRemotes.open(target.remote, scope, err);
    try {
      ArtifactStore store = scope.store();
      Set<String> done = new LinkedHashSet<>();
      List<String> unavailable = new ArrayList<>();
      int local = 0;
      for (StoreScope.Block b : blocks) {
        if (!done.add(b.entry().fingerprint().toString())) {
          continue;
        }
        if (StoreRemotes.lookup(store, b.entry().fingerprint()) instanceof CacheLookup.Hit) {
          local++;
          continue;
        }
        RemoteFetch got = shared.fetch(b.entry().fingerprint(), store);
        if (got instanceof RemoteFetch.Offline) {
          return ExitCodes.SERVER;
        }
        if (!(got instanceof RemoteFetch.Fetched)) {
          unavailable.add(b.step());
        }
      }
      out.printf(
          Locale.ROOT,
          "pulled %d entries, %d objects (%s) from %s; %d already local%s%n",
          shared.pulled().entries(),
          shared.pulled().objects(),
          RemoteStore.megabytes(shared.pulled().bytes()),
          shared.location().display(),
          local,
          unavailable.isEmpty() ? "" : "; not on the remote: " + String.join(", ", unavailable));
      return unavailable.isEmpty() ? ExitCodes.OK : ExitCodes.RUN_FAILED;
    } finally {
      target.remote.close();
    }
  }
}
