package dev.acepipe.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What was rendered and by whom: the part a store entry ({@link StoreEntry}) and a lockfile block
 * ({@link LockEntry}) both record, under the same JSON keys. One record, so the two files cannot
 * drift apart in what they mean by a fingerprint, a backend or reproducibility.
 *
 * @param fingerprint the fingerprint of {@code request} + {@code inputs}
 * @param request the resolved request (kind, parameters with defaults, seed, model), never
 *     credentials
 * @param inputs input takes in request order, as fingerprinted
 * @param model the model the server reported using
 * @param serverVersion the server's version, or {@code null} if unknown
 * @param backend who rendered it: {@code embedded} (acepipe's synthesizer, not AI) or {@code
 *     external} (an ACE-Step server); {@code null} for files written before acepipe recorded it.
 *     The fingerprint of an external render differs from an embedded one's ({@code backend} is part
 *     of the fingerprinted request), so one never satisfies the other.
 * @param server the base URL of the server that rendered it (never credentials), {@code embedded}
 *     for the in-process server, or {@code null} when unknown
 * @param generation the server generation its profile showed ({@code snapshot}, {@code newer}), or
 *     {@code null}
 * @param reproducible false when the server did not use the seeds acepipe sent (the profile says
 *     seeds are ignored, or the reported seeds differ): rendering again gives other audio
 */
public record Rendering(
    Fingerprint fingerprint,
    ObjectNode request,
    List<StepInput> inputs,
    String model,
    String serverVersion,
    String backend,
    String server,
    String generation,
    boolean reproducible) {
  public Rendering {
    if (fingerprint == null || request == null || model == null) {
      throw new IllegalArgumentException("fingerprint, request and model are required");
    }
    Secrets.requireNone(request, "request");
    request = request.deepCopy();
    inputs = List.copyOf(inputs);
  }

  /** A rendering without backend, server and generation, reproducible (as older versions wrote). */
  public Rendering(
      Fingerprint fingerprint,
      ObjectNode request,
      List<StepInput> inputs,
      String model,
      String serverVersion) {
    this(fingerprint, request, inputs, model, serverVersion, null, null, null, true);
  }

  @Override
  public ObjectNode request() {
    return request.deepCopy();
  }

  /**
   * Writes the fields into {@code o}. With {@code omitUnknown} the backend, server and generation
   * are left out when unknown and {@code reproducible} when true, so store entries of older
   * versions read back and write again byte for byte; the lockfile writes them always.
   */
  void writeTo(ObjectNode o, boolean omitUnknown) {
    o.put("fingerprint", fingerprint.toString());
    o.set("request", request.deepCopy());
    Json.putInputs(o, inputs);
    o.put("model", model);
    o.put("server_version", serverVersion);
    putUnlessOmitted(o, "backend", backend, omitUnknown);
    putUnlessOmitted(o, "server", server, omitUnknown);
    putUnlessOmitted(o, "server_generation", generation, omitUnknown);
    if (!omitUnknown || !reproducible) {
      o.put("reproducible", reproducible);
    }
  }

  private static void putUnlessOmitted(ObjectNode o, String key, String value, boolean omit) {
    if (value != null || !omit) {
      o.put(key, value);
    }
  }

  /** Reads the fields from {@code o}; a missing {@code reproducible} means true. */
  static Rendering readFrom(JsonNode o, String where) throws StoreFormatException {
    try {
      return new Rendering(
          Json.fingerprint(o, "fingerprint", where),
          Json.objectField(o, "request", where),
          Json.inputs(o, where),
          Json.text(o, "model", where),
          Json.optText(o, "server_version", where),
          Json.optText(o, "backend", where),
          Json.optText(o, "server", where),
          Json.optText(o, "server_generation", where),
          !o.path("reproducible").isBoolean() || o.get("reproducible").asBoolean());
    } catch (IllegalArgumentException e) {
      throw new StoreFormatException(where + ": " + e.getMessage(), e);
    }
  }
}
