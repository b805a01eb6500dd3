package dev.acepipe.server;

import com.fasterxml.jackson.databind.ObjectMapper;
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
}
