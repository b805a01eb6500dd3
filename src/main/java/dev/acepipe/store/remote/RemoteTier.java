package dev.acepipe.store.remote;

import dev.acepipe.store.ArtifactStore;
import dev.acepipe.store.Fingerprint;
import dev.acepipe.store.StoreEntry;

/**
 * A store shared by several machines, behind the project's local {@link ArtifactStore}: read
 * through on a local miss, written through after a render is stored locally. Implementations never
 * throw: a remote that cannot be used reports it once and then answers {@link RemoteFetch.Offline},
 * so a run always goes on with its local store.
 */
public interface RemoteTier {
  /** No remote: every fetch is offline, every publish does nothing. */
  RemoteTier NONE =
      new RemoteTier() {
        @Override
        public RemoteFetch fetch(Fingerprint fingerprint, ArtifactStore local) {
          return new RemoteFetch.Offline();
        }

        @Override
        public void publish(StoreEntry entry, ArtifactStore local) {}
      };

  /**
   * Brings the entry of {@code fingerprint} and every take it names into {@code local}, each take's
   * SHA-256 verified on the way in; on {@link RemoteFetch.Fetched} a local lookup hits.
   */
  RemoteFetch fetch(Fingerprint fingerprint, ArtifactStore local);

  /**
   * Uploads {@code entry}'s takes (from {@code local}) and then the entry, never replacing a good
   * object.
   */
  void publish(StoreEntry entry, ArtifactStore local);
}
