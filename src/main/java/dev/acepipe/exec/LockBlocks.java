package dev.acepipe.exec;

import dev.acepipe.store.LockEntry;
import dev.acepipe.store.Lockfile;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The lock blocks of the next lockfile, collected as job steps are rendered or taken from the
 * store, with the reroll counter each block records (the run's counters plus the rerolls failed
 * take checks asked for).
 */
final class LockBlocks {
  private final Map<String, Integer> rerolls;
  private final SortedMap<String, LockEntry> blocks = new TreeMap<>();

  /** Rerolls asked for by failed take checks during this run, on top of {@code rerolls}. */
  private final Map<String, Integer> checkRerolls = new HashMap<>();

  LockBlocks(Map<String, Integer> rerolls) {
    this.rerolls = rerolls;
  }

  void rerolled(String stepId, int extraRerolls) {
    checkRerolls.put(stepId, extraRerolls);
  }

  /** The reroll counter of {@code stepId} as its lock block records it. */
  int reroll(String stepId) {
    return rerolls.getOrDefault(stepId, 0) + checkRerolls.getOrDefault(stepId, 0);
  }

  void put(String stepId, LockEntry block) {
    blocks.put(stepId, block);
  }

  /**
   * {@code previous} updated with the collected blocks; blocks of instances no longer in {@code
   * planned} are dropped, the other blocks are kept as they were, and the answers {@code lock}
   * pinned are added (when there is a lock policy).
   */
  Lockfile lockfile(Lockfile previous, Set<String> planned, LockPolicy lock) {
    Lockfile next = previous.retainSteps(planned);
    for (Map.Entry<String, LockEntry> e : blocks.entrySet()) {
      next = next.withStep(e.getKey(), e.getValue());
    }
    return lock == null ? next : lock.pinInto(next);
  }
}
