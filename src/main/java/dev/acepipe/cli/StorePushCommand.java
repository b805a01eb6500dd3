package dev.acepipe.cli;

import dev.acepipe.store.ArtifactStore;
import dev.acepipe.store.CacheLookup;
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
    PrintWriter out = parent.main.out();
    PrintWriter err = parent.main.err();
    StoreScope scope = target.scope(err);
    List<StoreScope.Block> blocks = scope.blocks();
    RemoteStore shared = StoreRemotes.open(target.remote, scope, err);
    try {
      ArtifactStore store = scope.store();
      Set<String> done = new LinkedHashSet<>();
      List<String> missing = new ArrayList<>();
      for (StoreScope.Block b : blocks) {
        if (!done.add(b.entry().fingerprint().toString())) {
          continue;
        }
        CacheLookup local = StoreRemotes.lookup(store, b.entry().fingerprint());
        if (!(local instanceof CacheLookup.Hit hit)) {
          missing.add(b.step());
          continue;
        }
        shared.publish(hit.entry(), store);
        if (shared.offlineReason().isPresent()) {
          break;
        }
      }
      if (shared.offlineReason().isPresent()) {
        return ExitCodes.SERVER;
      }
      long already = done.size() - missing.size() - shared.pushed().entries();
      out.printf(
          Locale.ROOT,
          "pushed %d entries, %d objects (%s) to %s; %d already there%s%n",
          shared.pushed().entries(),
          shared.pushed().objects(),
          RemoteStore.megabytes(shared.pushed().bytes()),
          shared.location().display(),
          Math.max(0, already),
          missing.isEmpty() ? "" : "; not in the local store: " + String.join(", ", missing));
      return missing.isEmpty() ? ExitCodes.OK : ExitCodes.RUN_FAILED;
    } finally {
      target.remote.close();
    }
  }
}
