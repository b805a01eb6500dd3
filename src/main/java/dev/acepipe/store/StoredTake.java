package dev.acepipe.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One take kept in the store: its content hash and what the server said about it.
 *
 * @param index take index within the step (0-based)
 * @param sha256 content hash; the object lives at {@code objects/<sha[0..2]>/<sha[2..]>}
 * @param sizeBytes file size, checked cheaply before the full re-hash
 * @param durationSeconds probed duration
 * @param format {@code flac}, {@code wav} or {@code mp3}
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
  public StoredTake {
    if (index < 0) {
      throw new IllegalArgumentException("take index must be >= 0, got " + index);
    }
    Hashes.requireSha256Hex(sha256, "take sha256");
    if (sizeBytes < 0 || !(durationSeconds >= 0)) {
      throw new IllegalArgumentException("take size and duration must be >= 0");
    }
    if (format == null || format.isBlank()) {
      throw new IllegalArgumentException("take format must not be blank");
    }
    metas = metas == null ? JsonNodeFactory.instance.objectNode() : metas.deepCopy();
    Secrets.requireNone(metas, "take metas");
  }

  /** A take without the server its path is on (as older acepipe versions stored them). */
  public StoredTake(
      int index,
      String sha256,
      long sizeBytes,
      double durationSeconds,
      String format,
      String serverPath,
      long seedSent,
      Long seedReported,
      ObjectNode metas) {
    this(
        index,
        sha256,
        sizeBytes,
        durationSeconds,
        format,
        serverPath,
        seedSent,
        seedReported,
        metas,
        null);
  }

  @Override
  public ObjectNode metas() {
    return metas.deepCopy();
  }

  ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("index", index);
    o.put("sha256", sha256);
    o.put("size_bytes", sizeBytes);
    o.put("duration_seconds", durationSeconds);
    o.put("format", format);
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
    try {
      JsonNode metas = o.get("metas");
      return new StoredTake(
          (int) Json.integer(o, "index", where),
          Json.text(o, "sha256", where),
          Json.integer(o, "size_bytes", where),
          Json.number(o, "duration_seconds", where),
          Json.text(o, "format", where),
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
