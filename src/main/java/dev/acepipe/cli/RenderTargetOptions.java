package dev.acepipe.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The {@code --server}/{@code --api-key}/{@code --api-key-file} options of the commands that render
 * a pipeline ({@code run}, {@code verify}): they override the pipeline's {@code server:} block, and
 * {@link dev.acepipe.run.RunTarget} decides which key goes where.
 */
final class RenderTargetOptions {
  @Option(
      names = "--server",
      paramLabel = "URL",
      description =
          "ACE-Step server (default: $ACESTEP_URL, else the pipeline's server:, else the embedded one). "
              + "Repeat it (or give comma-separated URLs) to render on a pool of servers.")
  List<String> servers;

  @Option(
      names = "--api-key",
      paramLabel = "K",
      description =
          "API key for --server (default: the pipeline's server.api_key, else $ACESTEP_API_KEY). Never "
              + "printed, but visible to other users in ps: prefer --api-key-file or the environment variable.")
  String apiKey;

  @Option(
      names = "--api-key-file",
      paramLabel = "FILE",
      description = "Read the API key from the first line of FILE.")
  Path apiKeyFile;

  /** The servers given, comma-separated, or null when none was. */
  String server() {
    return servers == null || servers.isEmpty() ? null : String.join(",", servers);
  }

  /** The key given on the command line (read from its file), or null. */
  String key() {
    return ApiKeys.given(apiKey, apiKeyFile);
  }
}
