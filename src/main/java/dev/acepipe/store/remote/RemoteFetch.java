package dev.acepipe.store.remote;

import dev.acepipe.store.StoreEntry;

/** The outcome of {@link RemoteTier#fetch}. */
public sealed interface RemoteFetch {
  /** The entry and all its takes are now in the local store, verified. */
  record Fetched(StoreEntry entry) implements RemoteFetch {}

  /** The remote has no entry for this fingerprint. */
  record Absent() implements RemoteFetch {}

  /** The remote has an entry, but it or one of its takes is unusable (already reported); render. */
  record Rejected(String reason) implements RemoteFetch {}

  /**
   * There is no usable remote (none configured, or it failed and was switched off for this run).
   */
  record Offline() implements RemoteFetch {}
}
