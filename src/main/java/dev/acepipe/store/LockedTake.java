package dev.acepipe.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One take pinned by the lockfile: enough to check a re-render byte for byte. A {@link StoredTake}
 * is this plus what the server said about it, so the two agree on what a take's identity is.
 *
 * @param index take index within the step (0-based)
 * @param sha256 content hash; the object lives at {@code objects/<sha[0..2]>/<sha[2..]>}
 * @param durationSeconds probed duration
 * @param format {@code flac}, {@code wav} or {@code mp3}
 */
public record LockedTake(int index, String sha256, double durationSeconds, String format) {
  public LockedTake {
    if (index < 0 || !(durationSeconds >= 0)) {
      throw new IllegalArgumentException("take index and duration must be >= 0");
    }
    Hashes.requireSha256Hex(sha256, "take sha256");
    if (format == null || format.isBlank()) {
      throw new IllegalArgumentException("take format must not be blank");
    }
  }

  ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("index", index);
    o.put("sha256", sha256);
    o.put("duration_seconds", durationSeconds);
    o.put("format", format);
    return o;
  }

  static LockedTake fromJson(JsonNode o, String where) throws StoreFormatException {
    try {
      return new LockedTake(
          (int) Json.integer(o, "index", where),
          Json.text(o, "sha256", where),
          Json.number(o, "duration_seconds", where),
          Json.text(o, "format", where));
    } catch (IllegalArgumentException e) {
      throw new StoreFormatException(where + ": " + e.getMessage(), e);
    }
  }
}
