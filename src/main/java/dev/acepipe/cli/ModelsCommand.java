package dev.acepipe.cli;

import dev.acepipe.client.AceStepClient;
import dev.acepipe.client.ModelInventory;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code engine models}: the DiT models a server offers, and where it says so, which are loaded and
 * what they do.
 */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description = {
      "List the models an ACE-Step server offers: GET /v1/model_inventory (loaded flags, task types, LM models;",
      "needs the API key if set), or GET /v1/models on servers without an inventory."
    })
public final class ModelsCommand extends ServerCommand<ModelInventory> {
  @Override
  ModelInventory call(AceStepClient client) {
    return client.modelInventory();
  }

  @Override
  void printText(PrintWriter out, String server, ModelInventory inventory) {
    if (inventory.models().isEmpty()) {
      out.println(server + " offers no models");
      return;
    }
    for (ModelInventory.Model m : inventory.models()) {
      List<String> flags = new ArrayList<>();
      if (m.isDefault()) {
        flags.add("default");
      }
      if (m.loaded().orElse(false)) {
        flags.add("loaded");
      }
      String line = m.name() + (flags.isEmpty() ? "" : "  (" + String.join(", ", flags) + ")");
      out.println(m.taskTypes().isEmpty() ? line : line + "  " + String.join(", ", m.taskTypes()));
    }
    for (ModelInventory.LmModel lm : inventory.lmModels()) {
      out.println("LM " + lm.name() + (lm.loaded() ? "  (loaded)" : ""));
    }
  }

  @Override
  Map<String, Object> toJson(String server, ModelInventory inventory) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("server", server);
    json.put("source", inventory.fromInventory() ? "/v1/model_inventory" : "/v1/models");
    json.put("models", inventory.models().stream().map(ModelsCommand::modelJson).toList());
    json.put(
        "lm_models",
        inventory.lmModels().stream()
            .map(
                lm -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("name", lm.name());
                  m.put("is_loaded", lm.loaded());
                  return m;
                })
            .toList());
    json.put("llm_initialized", inventory.lmLoaded().orElse(null));
    return json;
  }

  private static Map<String, Object> modelJson(ModelInventory.Model m) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", m.name());
    json.put("is_default", m.isDefault());
    json.put("is_loaded", m.loaded().orElse(null));
    json.put("supported_task_types", m.taskTypes());
    return json;
  }
}
