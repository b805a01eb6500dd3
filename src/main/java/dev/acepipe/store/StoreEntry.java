package dev.acepipe.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * What the store knows about one fingerprint: the request that was rendered, its inputs and its
 * takes. Kept as {@code entries/<fingerprint>.json}.
 *
 * @param step the step instance that first rendered it (informational: another step with the same
 *     recipe hits too)
 * @param rendering what was rendered and by whom; its fingerprint is the key
 * @param takes the takes, in index order; never empty
 * @param created when the entry was written
 */
public record StoreEntry(String step, Rendering rendering, List<StoredTake> takes, Instant created)
    implements Rendered {
  public StoreEntry {
    if (step == null || rendering == null || created == null) {
      throw new IllegalArgumentException("step, rendering and created are required");
    }
    takes = List.copyOf(takes);
    if (takes.isEmpty()) {
      throw new IllegalArgumentException("a store entry needs at least one take");
    }
  }

  /** An entry with the fields of its {@link Rendering} given one by one. */
  public StoreEntry(
      Fingerprint fingerprint,
      String step,
      ObjectNode request,
      List<StepInput> inputs,
      String model,
      String serverVersion,
      List<StoredTake> takes,
      Instant created,
      String backend,
      String server,
      String generation,
      boolean reproducible) {
    this(
        step,
        new Rendering(
            fingerprint,
            request,
            inputs,
            model,
            serverVersion,
            backend,
            server,
            generation,
            reproducible),
        takes,
        created);
  }

  ObjectNode toJson() {
    ObjectNode o = Json.object();
    // Backend, server and generation written only when known, so entries of older versions and
    // of the cache alone read back unchanged.
    rendering.writeTo(o, true);
    o.put("step", step);
    var arr = o.putArray("takes");
    takes.forEach(t -> arr.add(t.toJson()));
    o.put("created", created.toString());
    return o;
  }

  static StoreEntry fromJson(ObjectNode o, String where) throws StoreFormatException {
    List<StoredTake> takes = Json.list(o, "takes", where, StoredTake::fromJson);
    Rendering rendering = Rendering.readFrom(o, where);
    try {
      return new StoreEntry(
          Json.text(o, "step", where),
          rendering,
          takes,
          Instant.parse(Json.text(o, "created", where)));
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new StoreFormatException(where + ": " + e.getMessage(), e);
    }
  }

  /**
   * The entry as stored: canonical pretty JSON in UTF-8 (the bytes of {@code
   * entries/<fingerprint>.json}).
   */
  public byte[] toBytes() {
    return CanonicalJson.pretty(toJson()).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Reads an entry from its stored bytes (for instance, a copy fetched from a remote store).
   *
   * @throws StoreFormatException naming {@code where} and the field when the bytes are not an entry
   */
  public static StoreEntry parse(byte[] bytes, String where) throws StoreFormatException {
    return fromJson(Json.parseObject(bytes, where), where);
  }
}
