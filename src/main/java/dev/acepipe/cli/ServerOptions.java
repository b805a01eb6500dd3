package dev.acepipe.cli;

import dev.acepipe.client.AceStepClient;
import dev.acepipe.client.AceStepException;
import dev.acepipe.client.ClientConfig;
import dev.acepipe.client.OkHttpAceStepClient;
import dev.acepipe.run.RunException;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The {@code --server}/{@code --api-key}/{@code --timeout} options shared by commands that talk to
 * one ACE-Step server, the client they build, and how a client failure becomes one line and exit
 * code 4.
 */
public final class ServerOptions {
  @Option(
      names = "--server",
      paramLabel = "URL",
      defaultValue = "${env:ACESTEP_URL:-" + ClientConfig.DEFAULT_URL + "}",
      description =
          "ACE-Step server base URL (default: $ACESTEP_URL, else "
              + ClientConfig.DEFAULT_URL
              + ").")
  String server;

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      defaultValue = "${env:ACESTEP_API_KEY}",
      description =
          "API key sent as a bearer token (default: $ACESTEP_API_KEY). Never printed, but visible to "
              + "other users in ps: prefer --api-key-file or the environment variable.")
  String apiKey;

  @Option(
      names = "--api-key-file",
      paramLabel = "FILE",
      description = "Read the API key from the first line of FILE (not visible in ps).")
  java.nio.file.Path apiKeyFile;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "30",
      description = "Give up on the server after this many seconds (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  /**
   * The client configuration these options describe; a bad URL or timeout is a usage error (exit
   * 2).
   */
  public ClientConfig config() {
    if (timeoutSeconds <= 0) {
      throw new CliException(ExitCodes.USAGE, "--timeout must be a positive number of seconds");
    }
    Duration timeout = Duration.ofSeconds(timeoutSeconds);
    try {
      return ClientConfig.custom(server)
          .apiKey(apiKeyFile == null ? apiKey : ApiKeys.choose(null, apiKeyFile, null, null))
          .connectTimeout(timeout)
          .readTimeout(timeout)
          .callTimeout(timeout)
          .build();
    } catch (ClientConfig.InvalidUrlException e) {
      throw new CliException(ExitCodes.USAGE, "--server: " + e.getMessage());
    }
  }

  /** A new client for these options; the caller closes it. */
  public AceStepClient connect() {
    return new OkHttpAceStepClient(config());
  }

  /**
   * One clear line for a failed server call, with exit code {@link ExitCodes#SERVER}; the cause
   * kept for -x.
   */
  public static CliException failure(String baseUrl, AceStepException e) {
    return new CliException(ExitCodes.SERVER, RunException.describe(baseUrl, e), e);
  }
}
