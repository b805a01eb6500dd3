package dev.acepipe.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * One step instance's block in the lockfile: what was rendered and from what. The request is kept
 * so a later run can say <em>why</em> the step is stale ({@link StaleExplainer}).
 *
 * @param rendering what was rendered and by whom (shared with the store entry it came from)
 * @param reroll how many times {@code --reroll} drew new seeds for this step (0 = never)
 * @param seedsSent seeds sent, one per request (usually one)
 * @param seedsReported seeds the server reported per take ({@code seed_value}); may be empty
 * @param takes the rendered takes, in index order
 */
public record LockEntry(
    Rendering rendering,
    int reroll,
    List<Long> seedsSent,
    List<Long> seedsReported,
    List<LockedTake> takes)
    implements Rendered {
  public LockEntry {
    Objects.requireNonNull(rendering, "rendering");
    if (reroll < 0) {
      throw new IllegalArgumentException("reroll must be >= 0, got " + reroll);
    }
    seedsSent = List.copyOf(seedsSent);
    seedsReported = List.copyOf(seedsReported);
    takes = List.copyOf(takes);
  }

  /**
   * The lock block of a stored (or cache-hit) entry, with the seeds each take reported (takes
   * without one skipped).
   */
  public static LockEntry of(StoreEntry e, int reroll) {
    return of(
        e,
        reroll,
        e.takes().stream().map(StoredTake::seedReported).filter(Objects::nonNull).toList());
  }

  /**
   * The lock block of a freshly stored (or cache-hit) entry, with the reported seeds given
   * explicitly.
   */
  public static LockEntry of(StoreEntry e, int reroll, List<Long> seedsReported) {
    List<Long> sent = e.takes().stream().map(StoredTake::seedSent).distinct().toList();
    return new LockEntry(
        e.rendering(),
        reroll,
        sent,
        seedsReported,
        e.takes().stream().map(StoredTake::take).toList());
  }

  ObjectNode toJson() {
    ObjectNode o = Json.object();
    rendering.writeTo(o, false);
    o.put("reroll", reroll);
    seedsSent.forEach(o.putArray("seeds_sent")::add);
    seedsReported.forEach(o.putArray("seeds_reported")::add);
    var arr = o.putArray("takes");
    takes.forEach(t -> arr.add(t.toJson()));
    return o;
  }

  static LockEntry fromJson(JsonNode o, String where) throws StoreFormatException {
    if (!o.isObject()) {
      throw new StoreFormatException(where + ": expected an object");
    }
    List<LockedTake> takes = Json.list(o, "takes", where, LockedTake::fromJson);
    Rendering rendering = Rendering.readFrom(o, where);
    try {
      return new LockEntry(
          rendering,
          (int) Json.integer(o, "reroll", where),
          Json.longs(o, "seeds_sent", where),
          Json.longs(o, "seeds_reported", where),
          takes);
    } catch (IllegalArgumentException e) {
      throw new StoreFormatException(where + ": " + e.getMessage(), e);
    }
  }
}
