package dev.acepipe.cli;

import dev.acepipe.store.CacheLookup;
import dev.acepipe.store.remote.RemoteFetch;
import dev.acepipe.store.remote.RemoteStore;
import java.util.Locale;
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
    return StoreTransfer.run(
        target,
        parent.main,
        (b, store, shared) -> {
          if (StoreRemotes.lookup(store, b.entry().fingerprint()) instanceof CacheLookup.Hit) {
            return StoreTransfer.Moved.ALREADY;
          }
          RemoteFetch got = shared.fetch(b.entry().fingerprint(), store);
          if (got instanceof RemoteFetch.Offline) {
            return StoreTransfer.Moved.OFFLINE;
          }
          return got instanceof RemoteFetch.Fetched
              ? StoreTransfer.Moved.MOVED
              : StoreTransfer.Moved.LACKING;
        },
        (shared, tally, out) ->
            out.printf(
                Locale.ROOT,
                "pulled %d entries, %d objects (%s) from %s; %d already local%s%n",
                shared.pulled().entries(),
                shared.pulled().objects(),
                RemoteStore.megabytes(shared.pulled().bytes()),
                shared.location().display(),
                tally.already(),
                tally.lacking().isEmpty()
                    ? ""
                    : "; not on the remote: " + String.join(", ", tally.lacking())));
  }
}
