package dev.acepipe.cli;

import dev.acepipe.client.AceStepClient;
import dev.acepipe.client.ModelInfo;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code engine models}: the DiT models a server offers. */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description = "List the models an ACE-Step server offers (GET /v1/models).")
public final class ModelsCommand extends ServerCommand<List<ModelInfo>> {
  @Override
  List<ModelInfo> call(AceStepClient client) {
    return client.models();
  }

  @Override
  void printText(PrintWriter out, String server, List<ModelInfo> models) {
    if (models.isEmpty()) {
      out.println(server + " offers no models");
      return;
    }
    for (ModelInfo m : models) {
      out.println(m.name() + (m.isDefault() ? "  (default)" : ""));
    }
  }

  @Override
  Map<String, Object> toJson(String server, List<ModelInfo> models) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("server", server);
    json.put("models", models.stream().map(ModelsCommand::modelJson).toList());
    return json;
  }

  private static Map<String, Object> modelJson(ModelInfo m) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", m.name());
    json.put("is_default", m.isDefault());
    return json;
  }
}
