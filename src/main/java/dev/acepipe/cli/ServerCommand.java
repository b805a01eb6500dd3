package dev.acepipe.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.acepipe.client.AceStepClient;
import dev.acepipe.client.AceStepException;
import dev.acepipe.json.JsonMappers;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What {@code health}, {@code models} and {@code stats} share: server options, {@code --format},
 * one call, and printing the answer as text or JSON. Subclasses say which call and how it reads.
 */
abstract class ServerCommand<T> extends EngineCommand {
  private static final ObjectMapper JSON = JsonMappers.pretty();

  @Mixin ServerOptions serverOptions;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  OutputFormat format;

  /** The one server call this command makes. */
  abstract T call(AceStepClient client);

  /** Human-readable lines. */
  abstract void printText(PrintWriter out, String server, T answer);

  /** The JSON document (snake_case keys, {@code server} first). */
  abstract Map<String, Object> toJson(String server, T answer);

  @Override
  public Integer call() {
    T answer;
    String server;
    try (AceStepClient client = serverOptions.connect()) {
      server = client.baseUrl();
      try {
        answer = call(client);
      } catch (AceStepException e) {
        throw ServerOptions.failure(server, e);
      }
    }
    PrintWriter out = main.out();
    if (format == OutputFormat.json) {
      try {
        out.println(JSON.writeValueAsString(toJson(server, answer)));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    } else {
      printText(out, server, answer);
    }
    out.flush();
    return ExitCodes.OK;
  }
}
