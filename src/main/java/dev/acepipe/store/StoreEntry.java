package dev.acepipe.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * What the store knows about one fingerprint: the request that was rendered, its inputs and its
 * takes. Kept as {@code entries/<fingerprint>.json}.
 *
 * @param fingerprint the key
 * @param step the step instance that first rendered it (informational: another step with the same
 *     recipe hits too)
 * @param request the resolved request, as fingerprinted
 * @param inputs input takes, as fingerprinted
 * @param model the model the server reported using
 * @param serverVersion the server's version, or {@code null} if unknown
 * @param takes the takes, in index order; never empty
 * @param created when the entry was written
 * @param backend who rendered it: {@code embedded} (acepipe's synthesizer, not AI) or {@code
 *     external} (an ACE-Step server); {@code null} for entries written before acepipe recorded it.
 *     The fingerprint of an external render differs from an embedded one's ({@code backend} is part
 *     of the fingerprinted request), so one never satisfies the other.
 * @param server the base URL of the server that rendered it (never credentials), {@code embedded}
 *     for the in-process server, or {@code null} when unknown
 * @param generation the server generation its profile showed ({@code snapshot}, {@code newer}), or
 *     {@code null}
 * @param reproducible false when the server did not use the seeds sent: rendering again gives other
 *     audio
 */
public record StoreEntry(
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
  public StoreEntry {
    if (fingerprint == null
        || step == null
        || request == null
        || model == null
        || created == null) {
      throw new IllegalArgumentException(
          "fingerprint, step, request, model and created are required");
    }
    Secrets.requireNone(request, "request");
    request = request.deepCopy();
    inputs = List.copyOf(inputs);
    takes = List.copyOf(takes);
    if (takes.isEmpty()) {
      throw new IllegalArgumentException("a store entry needs at least one take");
    }
  }

  /** An entry without the backend and server recorded (as older acepipe versions wrote them). */
  public StoreEntry(
      Fingerprint fingerprint,
      String step,
      ObjectNode request,
      List<StepInput> inputs,
      String model,
      String serverVersion,
      List<StoredTake> takes,
      Instant created) {
    this(
        fingerprint,
        step,
        request,
        inputs,
        model,
        serverVersion,
        takes,
        created,
        null,
        null,
        null,
        true);
  }

  @Override
  public ObjectNode request() {
    return request.deepCopy();
  }

  ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("fingerprint", fingerprint.toString());
    o.put("step", step);
    o.set("request", request.deepCopy());
    Json.putInputs(o, inputs);
    o.put("model", model);
    o.put("server_version", serverVersion);
    var arr = o.putArray("takes");
    takes.forEach(t -> arr.add(t.toJson()));
    o.put("created", created.toString());
    // Written only when known, so entries of older versions and of the cache alone read back
    // unchanged.
    if (backend != null) {
      o.put("backend", backend);
    }
    if (server != null) {
      o.put("server", server);
    }
    if (generation != null) {
      o.put("server_generation", generation);
    }
    if (!reproducible) {
      o.put("reproducible", false);
    }
    return o;
  }

  static StoreEntry fromJson(ObjectNode o, String where) throws StoreFormatException {
    List<StoredTake> takes = new ArrayList<>();
    JsonNode arr = Json.array(o, "takes", where);
    for (int i = 0; i < arr.size(); i++) {
      takes.add(StoredTake.fromJson(arr.get(i), where + ": takes[" + i + "]"));
    }
    try {
      return new StoreEntry(
          Json.fingerprint(o, "fingerprint", where),
          Json.text(o, "step", where),
          Json.objectField(o, "request", where),
          Json.inputs(o, where),
          Json.text(o, "model", where),
          Json.optText(o, "server_version", where),
          takes,
          Instant.parse(Json.text(o, "created", where)),
          Json.optText(o, "backend", where),
          Json.optText(o, "server", where),
          Json.optText(o, "server_generation", where),
          !o.path("reproducible").isBoolean() || o.get("reproducible").asBoolean());
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new StoreFormatException(where + ": " + e.getMessage(), e);
    }
  }

  /**
   * The entry as stored: canonical pretty JSON in UTF-8 (the bytes of {@code
   * entries/<fingerprint>.json}).
   */
  public byte[] toBytes() {
    return CanonicalJson.pretty(toJson()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
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
