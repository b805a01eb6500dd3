package dev.acepipe.cli;

import dev.acepipe.client.AceStepClient;
import dev.acepipe.client.Health;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code engine health}: is the server up, and what is it. */
@Command(
    name = "health",
    mixinStandardHelpOptions = true,
    description = "Check that an ACE-Step server answers (GET /health). Exit 4 when it does not.")
public final class HealthCommand extends ServerCommand<Health> {
  @Override
  Health call(AceStepClient client) {
    return client.health();
  }

  @Override
  void printText(PrintWriter out, String server, Health health) {
    String service = health.service() == null ? "ACE-Step server" : health.service();
    String version = health.version() == null ? "" : " " + health.version();
    out.println(server + ": " + service + version + " is " + (health.status() == null ? "up" : health.status()));
  }

  @Override
  Map<String, Object> toJson(String server, Health health) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("server", server);
    json.put("status", health.status());
    json.put("service", health.service());
    json.put("version", health.version());
    return json;
  }
}
