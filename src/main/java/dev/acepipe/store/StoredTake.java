package dev.acepipe.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One take kept in the store: its identity (the {@link LockedTake} the lockfile pins) and what the
 * server said about it.
 *
 * @param take index, content hash, probed duration and format
 * @param sizeBytes file size, checked cheaply before the full re-hash
 * @param serverPath absolute path on the server that rendered it, or {@code null}
 *     (imported/unknown)
 * @param seedSent the seed in the request that produced this take
 * @param seedReported the seed the server reported for this take ({@code seed_value}), or {@code
 *     null}
 * @param metas the server's {@code metas} for this take (bpm, keyscale, ...); copied, never null
 * @param server the base URL of the server {@code serverPath} is on, or {@code null} when unknown;
 *     a later run hands the take on by path only to that same server
 */
public record StoredTake(
    LockedTake take,
    long sizeBytes,
    String serverPath,
    long seedSent,
    Long seedReported,
    ObjectNode metas,
    String server) {
  public StoredTake {
    Objects.requireNonNull(take, "take");
    if (sizeBytes < 0) {
      throw new IllegalArgumentException("take size must be >= 0");
    }
    metas = metas == null ? JsonNodeFactory.instance.objectNode() : metas.deepCopy();
    Secrets.requireNone(metas, "take metas");
  }

  /** A take with the fields of its {@link LockedTake} given one by one. */
  public StoredTake(
      int index,
      String sha256,
      long sizeBytes,
      double durationSeconds,
      String format,
      String serverPath,
      long seedSent,
      Long seedReported,
      ObjectNode metas,
      String server) {
    this(
        new LockedTake(index, sha256, durationSeconds, format),
        sizeBytes,
        serverPath,
        seedSent,
        seedReported,
        metas,
        server);
  }

  public int index() {
    return take.index();
  }

  public String sha256() {
    return take.sha256();
  }

  public double durationSeconds() {
    return take.durationSeconds();
  }

  public String format() {
    return take.format();
  }

  @Override
  public ObjectNode metas() {
    return metas.deepCopy();
  }

  ObjectNode toJson() {
    ObjectNode o = take.toJson();
    o.put("size_bytes", sizeBytes);
    o.put("server_path", serverPath);
    o.put("seed_sent", seedSent);
    o.put("seed_reported", seedReported);
    o.set("metas", metas.deepCopy());
    if (server != null) {
      o.put("server", server);
    }
    return o;
  }

  static StoredTake fromJson(JsonNode o, String where) throws StoreFormatException {
    LockedTake take = LockedTake.fromJson(o, where);
    try {
      JsonNode metas = o.get("metas");
      return new StoredTake(
          take,
          Json.integer(o, "size_bytes", where),
          Json.optText(o, "server_path", where),
          Json.integer(o, "seed_sent", where),
          Json.optInteger(o, "seed_reported", where),
          metas != null && metas.isObject() ? (ObjectNode) metas : null,
          Json.optText(o, "server", where));
    } catch (IllegalArgumentException e) {
      throw new StoreFormatException(where + ": " + e.getMessage(), e);
    }
  }
}
