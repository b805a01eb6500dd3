package dev.acepipe.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.IntSupplier;

/**
 * What one embedded server's endpoints answer from: its configuration, JSON and response shapes,
 * request reading, job queue, output directory, model and adapter state, counters and the number of
 * jobs rendering now. {@link EmbeddedServer} builds it once and hands it to every endpoint class.
 */
record ServerParts(
    EmbeddedServerConfig config,
    ObjectMapper json,
    Wire wire,
    Requests requests,
    JobQueue jobs,
    AudioPaths paths,
    Models models,
    Adapters adapters,
    ServerCounters counters,
    IntSupplier runningJobs) {

  /** The generation the server answers like. */
  EmbeddedProfile profile() {
    return config.profile();
  }

  /** The LM model the server reports loaded ({@code loaded_lm_model}), or null without an LM. */
  String loadedLmModel() {
    return config.lmLoaded() ? JobItems.LM_MODEL : null;
  }

  /**
   * Writes the LM state into {@code data}: {@code lm_models} (the one LM and whether it is loaded),
   * {@code loaded_lm_model} (null without an LM) and {@code llm_initialized}, in that order. A key
   * {@code data} already has keeps its place: {@code /v1/init} answers {@code loaded_lm_model}
   * beside {@code loaded_model}.
   */
  void putLmState(ObjectNode data) {
    data.putArray("lm_models")
        .addObject()
        .put("name", JobItems.LM_MODEL)
        .put("is_loaded", config.lmLoaded());
    data.put("loaded_lm_model", loadedLmModel());
    data.put("llm_initialized", config.lmLoaded());
  }
}
