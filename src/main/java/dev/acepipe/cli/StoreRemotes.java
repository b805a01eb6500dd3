package dev.acepipe.cli;

import dev.acepipe.store.ArtifactStore;
import dev.acepipe.store.CacheLookup;
import dev.acepipe.store.Fingerprint;
import dev.acepipe.store.remote.RemoteStore;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * What push, pull and status share: a remote that must be there, and a local lookup that never
 * throws.
 */
final class StoreRemotes {
  private StoreRemotes() {}

  /**
   * The scope's remote, opened and probed.
   *
   * @throws CliException exit 2 when none is configured, exit 4 when it cannot be used
   */
  static RemoteStore open(
      RemoteOptions options, StoreScope scope, java.util.Map<String, String> env, PrintWriter err) {
    if (options.location(scope.spec(), env).isEmpty()) {
      throw new CliException(
          ExitCodes.USAGE,
          "no remote store configured (--remote, $"
              + RemoteOptions.ENV_REMOTE
              + " or the pipeline's store.remote)");
    }
    options.required = true;
    options.open(scope.spec(), env, err);
    return options.opened().orElseThrow();
  }

  /**
   * The local cache decision, re-hashing takes whose stat changed; an unreadable store counts as a
   * miss.
   */
  static CacheLookup lookup(ArtifactStore store, Fingerprint fp) {
    try {
      return store.lookup(fp, ArtifactStore.Verification.STAT);
    } catch (IOException e) {
      return new CacheLookup.Miss(fp);
    }
  }
}
