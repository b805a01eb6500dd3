package dev.acepipe.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.acepipe.client.ServerProfile.Backend;
import dev.acepipe.client.ServerProfile.Generation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Learns a {@link ServerProfile} from the fields servers answer with, following the contract's
 * "Telling versions apart": {@code /health} with {@code models_initialized} is a newer server
 * (uploads, honoured seeds, LoRA API, absolute paths outside the temp dir refused); {@code
 * supported_task_types} in {@code /v1/model_inventory} adds per-take seed lists and the newer
 * formats. Nothing is submitted to find out.
 */
final class ProfileDetector {
  /** The formats every generation writes as asked. */
  private static final Set<String> BASIC_FORMATS = Set.of("mp3", "wav", "flac");

  /**
   * What servers with {@code supported_task_types} write (M {@code audio_utils.py::AudioSaver}).
   */
  private static final Set<String> NEWER_FORMATS =
      Set.of("mp3", "wav", "flac", "opus", "aac", "wav32");

  /** Marker the embedded server puts into {@code /health}; no ACE-Step server answers with it. */
  static final String EMBEDDED_MARKER = "synthesizer";

  /**
   * The embedded server's profile name in {@code /health}. Only its own profile ({@code
   * "embedded"}) changes what is detected: it reads any path inside its output dir as well as
   * uploads. The snapshot and newer profiles are detected from the fields they imitate, exactly
   * like the servers they imitate.
   */
  static final String EMBEDDED_PROFILE = "embedded_profile";

  private ProfileDetector() {}

  /**
   * @param health the unwrapped {@code data} of {@code /health}
   * @param fetch fetches the unwrapped answer of a GET endpoint; asked only of newer servers, for
   *     {@code /v1/model_inventory} (a 404 means the server has none; any other {@link
   *     AceStepException} is thrown on) and then {@code /openapi.json} (optional: whatever goes
   *     wrong there, the LoRA API is inferred from {@code /health} as before)
   */
  static ServerProfile detect(JsonNode health, Function<String, JsonNode> fetch) {
    Backend backend = health.hasNonNull(EMBEDDED_MARKER) ? Backend.EMBEDDED : Backend.EXTERNAL;
    String version = health.path("version").asText("");
    Optional<Boolean> lm =
        health.path("llm_initialized").isBoolean()
            ? Optional.of(health.get("llm_initialized").asBoolean())
            : Optional.empty();
    Optional<String> loaded = Optional.ofNullable(textOrNull(health, "loaded_model"));
    if (!health.has("models_initialized")) {
      return new ServerProfile(
          Generation.SNAPSHOT,
          backend,
          version,
          false,
          true,
          false,
          false,
          lm,
          false,
          Map.of(),
          BASIC_FORMATS,
          loaded,
          false);
    }
    Map<String, List<String>> taskTypes = new LinkedHashMap<>();
    JsonNode inv = null;
    try {
      inv = fetch.apply("/v1/model_inventory");
    } catch (AceStepException e) {
      if (e.httpStatus() != 404) {
        throw e;
      }
    }
    if (inv != null) {
      for (JsonNode m : inv.path("models")) {
        String name = textOrNull(m, "name");
        if (name != null && m.path("supported_task_types").isArray()) {
          List<String> types = new ArrayList<>();
          m.get("supported_task_types").forEach(t -> types.add(t.asText()));
          taskTypes.put(name, List.copyOf(types));
        }
      }
      if (lm.isEmpty() && inv.path("llm_initialized").isBoolean()) {
        lm = Optional.of(inv.get("llm_initialized").asBoolean());
      }
    }
    boolean seedLists = !taskTypes.isEmpty();
    boolean loraApi = loraApi(fetch);
    // acepipe's own server reads any path inside its output dir, which holds every take it
    // rendered, and runs every model it has.
    boolean ownProfile =
        backend == Backend.EMBEDDED && health.path(EMBEDDED_PROFILE).asText("").equals("embedded");
    return new ServerProfile(
        Generation.NEWER,
        backend,
        version,
        true,
        ownProfile,
        true,
        seedLists,
        lm,
        loraApi,
        taskTypes,
        seedLists ? NEWER_FORMATS : BASIC_FORMATS,
        loaded,
        ownProfile);
  }

  /**
   * Whether {@code /openapi.json} lists {@code /v1/lora/load}. Without a readable route list, a
   * newer server is taken to have the LoRA API (it arrived soon after the snapshot).
   */
  private static boolean loraApi(Function<String, JsonNode> fetch) {
    JsonNode openapi;
    try {
      openapi = fetch.apply("/openapi.json");
    } catch (AceStepException e) {
      return true;
    }
    JsonNode paths = openapi == null ? null : openapi.get("paths");
    if (paths == null || !paths.isObject()) {
      return true;
    }
    return paths.has("/v1/lora/load");
  }

  private static String textOrNull(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
  }
}
