package dev.acepipe.cli;

import dev.acepipe.dsl.model.StoreSpec;
import dev.acepipe.store.remote.RemoteLocation;
import dev.acepipe.store.remote.RemoteStore;
import dev.acepipe.store.remote.RemoteTier;
import dev.acepipe.store.remote.RemoteUnavailableException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --remote}, {@code --remote-endpoint} and {@code --remote-required}, shared by run, plan
 * and the store commands. The remote is taken from the command line, else {@code
 * ACEPIPE_REMOTE}/{@code ACEPIPE_REMOTE_ENDPOINT}, else the pipeline's {@code store:} block;
 * credentials only ever from the standard AWS sources.
 */
final class RemoteOptions implements AutoCloseable {
  static final String ENV_REMOTE = "ACEPIPE_REMOTE";
  static final String ENV_ENDPOINT = "ACEPIPE_REMOTE_ENDPOINT";

  @Option(
      names = "--remote",
      paramLabel = "URL",
      description =
          "Shared store s3://bucket/prefix (default: $ACEPIPE_REMOTE, else the pipeline's store.remote).")
  String remote;

  @Option(
      names = "--remote-endpoint",
      paramLabel = "URL",
      description =
          "S3-compatible server for the remote, addressed path-style (default: $ACEPIPE_REMOTE_ENDPOINT, "
              + "else store.endpoint).")
  String endpoint;

  @Option(
      names = "--remote-required",
      description =
          "Exit 4 before rendering anything when the remote store cannot be used (default: warn, go on locally).")
  boolean required;

  private RemoteStore opened;

  /**
   * The configured remote, if any.
   *
   * @throws CliException (exit 2) for a malformed URL, or {@code --remote-required} with no remote
   *     configured
   */
  Optional<RemoteLocation> location(StoreSpec spec, Map<String, String> env) {
    String url = firstOf(remote, env.get(ENV_REMOTE), spec == null ? null : spec.remote());
    String at = firstOf(endpoint, env.get(ENV_ENDPOINT), spec == null ? null : spec.endpoint());
    if (url == null) {
      if (required) {
        throw new CliException(
            ExitCodes.USAGE,
            "--remote-required, but no remote store is configured "
                + "(--remote, $"
                + ENV_REMOTE
                + " or the pipeline's store.remote)");
      }
      return Optional.empty();
    }
    try {
      return Optional.of(RemoteLocation.parse(url, at, spec == null ? null : spec.region()));
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCodes.USAGE, e.getMessage());
    }
  }

  /**
   * Opens and probes the configured remote. One that cannot be used is reported in one line on
   * {@code err} and the command goes on with the local store ({@link RemoteTier#NONE}), or, with
   * {@code --remote-required}, fails with exit 4 before anything is rendered.
   */
  RemoteTier open(StoreSpec spec, Map<String, String> env, PrintWriter err) {
    Optional<RemoteLocation> where = location(spec, env);
    if (where.isEmpty()) {
      return RemoteTier.NONE;
    }
    RemoteStore store =
        RemoteStore.open(
            where.get(),
            env,
            line -> {
              err.println(line);
              err.flush();
            });
    try {
      store.probe();
    } catch (RemoteUnavailableException e) {
      store.close();
      String line = "remote " + where.get().display() + ": " + e.getMessage();
      if (required) {
        throw new CliException(ExitCodes.SERVER, line + " (--remote-required)");
      }
      err.println(line + "; continuing with the local store only");
      err.flush();
      return RemoteTier.NONE;
    }
    opened = store;
    return store;
  }

  /** The opened remote, for commands that list or count on it. */
  Optional<RemoteStore> opened() {
    return Optional.ofNullable(opened);
  }

  /** Prints what moved (when the remote stayed usable) and closes the client. */
  void finish(PrintWriter err) {
    if (opened != null && opened.offlineReason().isEmpty()) {
      err.println(opened.summary());
      err.flush();
    }
    close();
  }

  @Override
  public void close() {
    if (opened != null) {
      opened.close();
      opened = null;
    }
  }

  private static String firstOf(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v.strip();
      }
    }
    return null;
  }
}
