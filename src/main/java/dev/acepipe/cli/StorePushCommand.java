package dev.acepipe.cli;

import dev.acepipe.store.CacheLookup;
import dev.acepipe.store.remote.RemoteStore;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * {@code engine store push [PIPELINE]}: uploads what the pipeline's lockfile (or every lockfile of
 * the project) references, verified from the local store, to the remote; what the remote has is
 * left alone. Exit 0 when every referenced entry is on the remote afterwards, 1 when some are
 * missing locally, 4 when the remote is unusable.
 */
@Command(
    name = "push",
    description = "Upload what a pipeline's lockfile references to the remote store.",
    mixinStandardHelpOptions = true)
public final class StorePushCommand implements Callable<Integer> {
  @ParentCommand StoreCommand parent;

  @Mixin StoreTarget target = new StoreTarget();

  @Override
  public Integer call() {
    return StoreTransfer.run(
        target,
        parent.main,
        (b, store, shared) -> {
          if (!(StoreRemotes.lookup(store, b.entry().fingerprint())
              instanceof CacheLookup.Hit hit)) {
            return StoreTransfer.Moved.LACKING;
          }
          shared.publish(hit.entry(), store);
          return shared.offlineReason().isPresent()
              ? StoreTransfer.Moved.OFFLINE
              : StoreTransfer.Moved.MOVED;
        },
        (shared, tally, out) ->
            out.printf(
                Locale.ROOT,
                "pushed %d entries, %d objects (%s) to %s; %d already there%s%n",
                shared.pushed().entries(),
                shared.pushed().objects(),
                RemoteStore.megabytes(shared.pushed().bytes()),
                shared.location().display(),
                Math.max(0, tally.entries() - tally.lacking().size() - shared.pushed().entries()),
                tally.lacking().isEmpty()
                    ? ""
                    : "; not in the local store: " + String.join(", ", tally.lacking())));
  }
}
