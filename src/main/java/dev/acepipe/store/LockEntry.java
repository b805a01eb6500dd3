package dev.acepipe.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One step instance's block in the lockfile: what was rendered and from what. The request is kept
 * so a later run can say <em>why</em> the step is stale ({@link StaleExplainer}).
 *
 * @param fingerprint the fingerprint of {@code request} + {@code inputs}
 * @param request the resolved request (kind, parameters with defaults, seed, model), never
 *     credentials
 * @param inputs input takes in request order
 * @param reroll how many times {@code --reroll} drew new seeds for this step (0 = never)
 * @param seedsSent seeds sent, one per request (usually one)
 * @param seedsReported seeds the server reported per take ({@code seed_value}); may be empty
 * @param model model the server reported
 * @param serverVersion server version, or {@code null} if unknown
 * @param takes the rendered takes, in index order
 * @param backend {@code embedded} or {@code external} (see {@link StoreEntry#backend()}), or {@code
 *     null} if unknown
 * @param server the base URL of the server that rendered it, {@code embedded}, or {@code null} if
 *     unknown
 * @param generation the server generation ({@code snapshot}, {@code newer}) its profile showed, or
 *     {@code null}
 * @param reproducible false when the server did not use the seeds acepipe sent (the profile says
 *     seeds are ignored, or the reported seeds differ): a re-render will not give the same audio
 */
public record LockEntry(
    Fingerprint fingerprint,
    ObjectNode request,
    List<StepInput> inputs,
    int reroll,
    List<Long> seedsSent,
    List<Long> seedsReported,
    String model,
    String serverVersion,
    List<LockedTake> takes,
    String backend,
    String server,
    String generation,
    boolean reproducible) {
  public LockEntry {
    if (fingerprint == null || request == null || model == null) {
      throw new IllegalArgumentException("fingerprint, request and model are required");
    }
    if (reroll < 0) {
      throw new IllegalArgumentException("reroll must be >= 0, got " + reroll);
    }
    Secrets.requireNone(request, "request");
    request = request.deepCopy();
    inputs = List.copyOf(inputs);
    seedsSent = List.copyOf(seedsSent);
    seedsReported = List.copyOf(seedsReported);
    takes = List.copyOf(takes);
  }

  /**
   * A block without backend, server and generation, reproducible (as older acepipe versions wrote
   * them).
   */
  public LockEntry(
      Fingerprint fingerprint,
      ObjectNode request,
      List<StepInput> inputs,
      int reroll,
      List<Long> seedsSent,
      List<Long> seedsReported,
      String model,
      String serverVersion,
      List<LockedTake> takes) {
    this(
        fingerprint,
        request,
        inputs,
        reroll,
        seedsSent,
        seedsReported,
        model,
        serverVersion,
        takes,
        null,
        null,
        null,
        true);
  }

  /**
   * The lock block of a stored (or cache-hit) entry, with the seeds each take reported (takes
   * without one skipped).
   */
  public static LockEntry of(StoreEntry e, int reroll) {
    return of(
        e,
        reroll,
        e.takes().stream()
            .map(StoredTake::seedReported)
            .filter(java.util.Objects::nonNull)
            .toList());
  }

  /**
   * The lock block of a freshly stored (or cache-hit) entry, with the reported seeds given
   * explicitly.
   */
  public static LockEntry of(StoreEntry e, int reroll, List<Long> seedsReported) {
    List<Long> sent = e.takes().stream().map(StoredTake::seedSent).distinct().toList();
    return new LockEntry(
        e.fingerprint(),
        e.request(),
        e.inputs(),
        reroll,
        sent,
        seedsReported,
        e.model(),
        e.serverVersion(),
        e.takes().stream().map(LockedTake::of).toList(),
        e.backend(),
        e.server(),
        e.generation(),
        e.reproducible());
  }

  @Override
  public ObjectNode request() {
    return request.deepCopy();
  }

  ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("fingerprint", fingerprint.toString());
    o.set("request", request.deepCopy());
    Json.putInputs(o, inputs);
    o.put("reroll", reroll);
    seedsSent.forEach(o.putArray("seeds_sent")::add);
    seedsReported.forEach(o.putArray("seeds_reported")::add);
    o.put("model", model);
    o.put("server_version", serverVersion);
    var arr = o.putArray("takes");
    takes.forEach(t -> arr.add(t.toJson()));
    o.put("backend", backend);
    o.put("server", server);
    o.put("server_generation", generation);
    o.put("reproducible", reproducible);
    return o;
  }

  static LockEntry fromJson(JsonNode o, String where) throws StoreFormatException {
    if (!o.isObject()) {
      throw new StoreFormatException(where + ": expected an object");
    }
    List<LockedTake> takes = new ArrayList<>();
    JsonNode arr = Json.array(o, "takes", where);
    for (int i = 0; i < arr.size(); i++) {
      takes.add(LockedTake.fromJson(arr.get(i), where + ": takes[" + i + "]"));
    }
    try {
      return new LockEntry(
          Json.fingerprint(o, "fingerprint", where),
          Json.objectField(o, "request", where),
          Json.inputs(o, where),
          (int) Json.integer(o, "reroll", where),
          Json.longs(o, "seeds_sent", where),
          Json.longs(o, "seeds_reported", where),
          Json.text(o, "model", where),
          Json.optText(o, "server_version", where),
          takes,
          Json.optText(o, "backend", where),
          Json.optText(o, "server", where),
          Json.optText(o, "server_generation", where),
          !o.path("reproducible").isBoolean() || o.get("reproducible").asBoolean());
    } catch (IllegalArgumentException e) {
      throw new StoreFormatException(where + ": " + e.getMessage(), e);
    }
  }
}
