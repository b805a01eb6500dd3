package dev.acepipe.exec;

import dev.acepipe.store.Fingerprint;
import dev.acepipe.store.LockEntry;
import dev.acepipe.store.LockedTake;
import dev.acepipe.store.Lockfile;
import dev.acepipe.store.StoreEntry;
import dev.acepipe.store.StoredTake;
import java.util.List;
import java.util.Optional;

/**
 * The cross-check of a cached step against the lockfile: for the same fingerprint, the store entry
 * must name the takes the lockfile pins. The store lives in {@code .acepipe/} and anyone can edit
 * it; the lockfile is reviewed in git. An entry pointing take 1 at take 0's object would otherwise
 * feed the wrong audio to everything downstream.
 */
final class PinnedTakes {
  private PinnedTakes() {}

  /**
   * What differs between {@code entry} and the lockfile's block of {@code stepId}, or empty when it
   * agrees.
   */
  static Optional<String> mismatch(
      Lockfile pinned, String stepId, Fingerprint fp, StoreEntry entry) {
    if (pinned == null) {
      return Optional.empty();
    }
    LockEntry lock = pinned.step(stepId).orElse(null);
    if (lock == null || !lock.fingerprint().equals(fp)) {
      // A new or changed recipe: the lockfile says nothing about these takes yet.
      return Optional.empty();
    }
    List<LockedTake> locked = lock.takes();
    List<StoredTake> stored = entry.takes();
    if (locked.size() != stored.size()) {
      return Optional.of(
          "the store holds " + stored.size() + " take(s), the lockfile pins " + locked.size());
    }
    for (int i = 0; i < locked.size(); i++) {
      String want = locked.get(i).sha256();
      String have = stored.get(i).sha256();
      if (!want.equals(have)) {
        return Optional.of(
            "stored take "
                + stored.get(i).index()
                + " is "
                + abbrev(have)
                + " but the lockfile pins "
                + abbrev(want));
      }
    }
    return Optional.empty();
  }

  private static String abbrev(String sha) {
    return "sha256:" + sha.substring(0, Math.min(12, sha.length()));
  }
}
