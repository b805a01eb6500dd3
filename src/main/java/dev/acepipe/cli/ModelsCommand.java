package dev.acepipe.cli;

import dev.acepipe.adapters.ModelCheck;
import dev.acepipe.client.AceStepClient;
import dev.acepipe.client.ModelInventory;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code engine models}: the DiT models a server offers, and where it says so, which are loaded and
 * what they do; with {@code --check}, whether one model runs one task type there.
 */
@Command(
    name = "models",
    description = {
      "List the models an ACE-Step server offers: GET /v1/model_inventory (loaded flags, task types, LM models;",
      "needs the API key if set), or GET /v1/models on servers without an inventory (task types are then the",
      "documented ones: turbo models text2music, repaint, cover, cover-nofsq; base models also extract, lego,",
      "complete). --check MODEL [--task TYPE] says whether the server runs TYPE on MODEL (exit 3 if not)."
    })
public final class ModelsCommand extends ServerCommand<ModelInventory> {
  @Option(
      names = "--check",
      paramLabel = "MODEL",
      description = "Check that the server has MODEL and runs --task on it; exit 3 if not.")
  String check;

  @Option(
      names = "--task",
      paramLabel = "TYPE",
      defaultValue = "text2music",
      description = "The task type --check asks about (default: ${DEFAULT-VALUE}).")
  String task;

  /** The verdict of {@code --check}, once the inventory is in. */
  private Optional<ModelCheck.Verdict> verdict = Optional.empty();

  @Override
  ModelInventory call(AceStepClient client) {
    ModelInventory inventory = client.modelInventory();
    if (check != null) {
      verdict = Optional.of(ModelCheck.of(inventory).check(check, task));
    }
    return inventory;
  }

  @Override
  public Integer call() {
    int code = super.call();
    return code == ExitCodes.OK && verdict.map(v -> !v.ok()).orElse(false)
        ? ExitCodes.INVALID
        : code;
  }

  @Override
  void printText(PrintWriter out, String server, ModelInventory inventory) {
    if (inventory.models().isEmpty()) {
      out.println(server + " offers no models");
    }
    List<ModelInventory.Model> unlisted = new ArrayList<>();
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
      if (m.taskTypes().isEmpty()) {
        unlisted.add(m);
      }
    }
    for (ModelInventory.LmModel lm : inventory.lmModels()) {
      out.println("LM " + lm.name() + (lm.loaded() ? "  (loaded)" : ""));
    }
    if (inventory.lmLoaded().isPresent() && !inventory.lmLoaded().get()) {
      out.println("no LM loaded: thinking, format and sample steps cannot run here");
    }
    if (!unlisted.isEmpty()) {
      // a snapshot server does not say; the documented lists are what its models run
      out.println("task types not listed by the server; documented:");
      for (ModelInventory.Model m : unlisted) {
        out.println(
            "  " + m.name() + "  " + String.join(", ", ModelCheck.documentedTasks(m.name())));
      }
    }
    verdict.ifPresent(
        v -> out.println((v.ok() ? "ok: " : "error: ") + v.message() + " [" + v.code() + "]"));
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
    verdict.ifPresent(
        v -> {
          Map<String, Object> c = new LinkedHashMap<>();
          c.put("model", check);
          c.put("task_type", task);
          c.put("code", v.code());
          c.put("message", v.message());
          if (v instanceof ModelCheck.UnknownModel u) {
            c.put("did_you_mean", u.didYouMean());
          }
          json.put("check", c);
        });
    return json;
  }

  private static Map<String, Object> modelJson(ModelInventory.Model m) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", m.name());
    json.put("is_default", m.isDefault());
    json.put("is_loaded", m.loaded().orElse(null));
    json.put("supported_task_types", m.taskTypes());
    boolean listed = !m.taskTypes().isEmpty();
    json.put("task_types", listed ? m.taskTypes() : ModelCheck.documentedTasks(m.name()));
    json.put("task_types_source", listed ? "server" : "documented");
    return json;
  }
}
