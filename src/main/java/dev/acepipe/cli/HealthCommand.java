package dev.acepipe.cli;

import dev.acepipe.client.AceStepClient;
import dev.acepipe.client.Health;
import dev.acepipe.client.ServerProfile;
import dev.acepipe.client.ServerProfile.Backend;
import dev.acepipe.client.ServerProfile.Generation;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import picocli.CommandLine.Command;

/**
 * {@code engine health}: is the server up, what is it and what can it do (its {@link
 * ServerProfile}), and, with an API key, does the server take that key.
 */
@Command(
    name = "health",
    description = {
      "Check that an ACE-Step server answers (GET /health) and show what it can do: generation, backend, uploads,",
      "absolute paths, seeds, LM, LoRA API, task types per model, formats. With an API key (--api-key or",
      "ACESTEP_API_KEY) the key is checked against GET /v1/stats. Exit 4 when the server is down or refuses the key."
    })
public final class HealthCommand extends ServerCommand<HealthCommand.Report> {
  /**
   * What the command learned. {@code keyChecked} is true when a key was given and the server
   * accepted it.
   */
  record Report(Health health, ServerProfile profile, boolean keyChecked) {}

  static final String EMBEDDED_BACKEND = "embedded synthesizer (procedural, not AI)";
  static final String EXTERNAL_BACKEND = "ACE-Step server";

  @Override
  Report call(AceStepClient client) {
    Health health = client.health();
    ServerProfile profile = client.profile();
    boolean keyGiven = serverOptions.apiKey != null && !serverOptions.apiKey.isBlank();
    if (keyGiven) {
      // A header-only route: a key that only a body token would have made pass is still refused
      // here.
      client.stats();
    }
    return new Report(health, profile, keyGiven);
  }

  @Override
  void printText(PrintWriter out, String server, Report report) {
    Health health = report.health();
    ServerProfile p = report.profile();
    String service = health.service() == null ? "ACE-Step server" : health.service();
    String version = health.version() == null ? "" : " " + health.version();
    out.println(
        server
            + ": "
            + service
            + version
            + " is "
            + (health.status() == null ? "up" : health.status()));
    row(out, "backend", backend(p));
    row(out, "generation", generation(p.generation()));
    row(out, "uploads", p.acceptsUploads() ? "accepted" : "refused (multipart answers HTTP 500)");
    row(
        out,
        "paths",
        p.acceptsAbsolutePaths()
            ? "absolute server paths accepted"
            : "absolute paths outside the server's temp dir refused (HTTP 400)");
    row(out, "seeds", p.honoursSeeds() ? "honoured" : "ignored: renders are not reproducible");
    row(out, "seed lists", p.seedLists() ? "yes (one seed per take)" : "no");
    row(
        out,
        "LM",
        p.lm()
            .map(loaded -> loaded ? "loaded" : "not loaded (thinking, format, sample mode fail)")
            .orElse("not reported"));
    row(out, "LoRA API", p.loraApi() ? "yes" : "no");
    if (p.taskTypes().isEmpty()) {
      row(out, "task types", "not listed");
    } else {
      String label = "task types";
      for (Map.Entry<String, List<String>> e : new TreeMap<>(p.taskTypes()).entrySet()) {
        row(out, label, e.getKey() + ": " + String.join(", ", e.getValue()));
        label = "";
      }
    }
    row(out, "formats", String.join(", ", new TreeSet<>(p.formats())));
    p.loadedModel().ifPresent(m -> row(out, "model", m + " (loaded)"));
    if (report.keyChecked()) {
      row(out, "API key", "accepted (GET /v1/stats)");
    }
  }

  @Override
  Map<String, Object> toJson(String server, Report report) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("server", server);
    json.put("status", report.health().status());
    json.put("service", report.health().service());
    json.put("version", report.health().version());
    json.put("profile", profileJson(report.profile()));
    json.put("api_key", report.keyChecked() ? "accepted" : "not given");
    return json;
  }

  /** The profile as JSON with snake_case keys (also what other commands may embed). */
  static Map<String, Object> profileJson(ServerProfile p) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("generation", p.generation().name().toLowerCase(java.util.Locale.ROOT));
    json.put("backend", p.backend() == Backend.EMBEDDED ? "embedded" : "external");
    json.put("backend_description", backend(p));
    json.put("accepts_uploads", p.acceptsUploads());
    json.put("accepts_absolute_paths", p.acceptsAbsolutePaths());
    json.put("honours_seeds", p.honoursSeeds());
    json.put("seed_lists", p.seedLists());
    json.put("lm", p.lm().orElse(null));
    json.put("lora_api", p.loraApi());
    json.put("task_types", new TreeMap<>(p.taskTypes()));
    json.put("formats", List.copyOf(new TreeSet<>(p.formats())));
    json.put("loaded_model", p.loadedModel().orElse(null));
    return json;
  }

  private static String backend(ServerProfile p) {
    return p.backend() == Backend.EMBEDDED ? EMBEDDED_BACKEND : EXTERNAL_BACKEND;
  }

  private static String generation(Generation g) {
    return switch (g) {
      case SNAPSHOT -> "snapshot (the 2026-02 ACE-Step API)";
      case NEWER -> "newer (ACE-Step API after 2026-02)";
    };
  }

  private static void row(PrintWriter out, String label, String value) {
    out.println("  " + String.format("%-11s", label) + " " + value);
  }
}
