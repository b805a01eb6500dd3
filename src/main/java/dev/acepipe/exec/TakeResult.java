package dev.acepipe.exec;

import dev.acepipe.client.Metas;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One take a step produced, downloaded and probed.
 *
 * @param serverPath where the server keeps it (reusable as {@code src_audio_path}); empty for
 *     imported files
 * @param localPath the downloaded (or imported) file
 * @param seedSent the seed in the request; {@code seedReported} what the server says it used (may
 *     be empty)
 * @param server the base URL of the server {@code serverPath} is on; empty when unknown (a take
 *     whose server is unknown is never handed on by path)
 * @param check how the take measured against its step's {@code expect:}; null when the step expects
 *     nothing
 */
public record TakeResult(
    int index,
    String serverPath,
    String fileUrl,
    Path localPath,
    String sha256,
    long bytes,
    AudioInfo audio,
    long seedSent,
    String seedReported,
    Metas metas,
    String ditModel,
    String lmModel,
    String prompt,
    String lyrics,
    String server,
    TakeCheck check) {

  public TakeResult {
    serverPath = Objects.requireNonNullElse(serverPath, "");
    fileUrl = Objects.requireNonNullElse(fileUrl, "");
    Objects.requireNonNull(localPath, "localPath");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(audio, "audio");
    seedReported = Objects.requireNonNullElse(seedReported, "");
    metas = Objects.requireNonNullElse(metas, Metas.EMPTY);
    ditModel = Objects.requireNonNullElse(ditModel, "");
    lmModel = Objects.requireNonNullElse(lmModel, "");
    server = Objects.requireNonNullElse(server, "");
  }

  /**
   * The {@link #server()} of an import's {@code server_path}: the file is on whichever server the
   * run uses (the pipeline says so), not on one recorded server.
   */
  public static final String RUN_SERVER = "(this run's server)";

  /** A take whose server is not recorded. */
  public TakeResult(
      int index,
      String serverPath,
      String fileUrl,
      Path localPath,
      String sha256,
      long bytes,
      AudioInfo audio,
      long seedSent,
      String seedReported,
      Metas metas,
      String ditModel,
      String lmModel,
      String prompt,
      String lyrics) {
    this(
        index,
        serverPath,
        fileUrl,
        localPath,
        sha256,
        bytes,
        audio,
        seedSent,
        seedReported,
        metas,
        ditModel,
        lmModel,
        prompt,
        lyrics,
        "",
        null);
  }

  /** A take that was not checked. */
  public TakeResult(
      int index,
      String serverPath,
      String fileUrl,
      Path localPath,
      String sha256,
      long bytes,
      AudioInfo audio,
      long seedSent,
      String seedReported,
      Metas metas,
      String ditModel,
      String lmModel,
      String prompt,
      String lyrics,
      String server) {
    this(
        index,
        serverPath,
        fileUrl,
        localPath,
        sha256,
        bytes,
        audio,
        seedSent,
        seedReported,
        metas,
        ditModel,
        lmModel,
        prompt,
        lyrics,
        server,
        null);
  }

  /** Whether {@code serverPath} is a path on the server at {@code baseUrl}. */
  public boolean onServer(String baseUrl) {
    return onServer() && server.equals(baseUrl);
  }

  /** This take under another index (a {@code select} makes its pick take 0). */
  public TakeResult withIndex(int newIndex) {
    return new TakeResult(
        newIndex,
        serverPath,
        fileUrl,
        localPath,
        sha256,
        bytes,
        audio,
        seedSent,
        seedReported,
        metas,
        ditModel,
        lmModel,
        prompt,
        lyrics,
        server,
        check);
  }

  /** This take with its check result. */
  public TakeResult withCheck(TakeCheck c) {
    return new TakeResult(
        index,
        serverPath,
        fileUrl,
        localPath,
        sha256,
        bytes,
        audio,
        seedSent,
        seedReported,
        metas,
        ditModel,
        lmModel,
        prompt,
        lyrics,
        server,
        c);
  }

  /** False only when the take was checked and failed: select steps never pick it. */
  public boolean passedChecks() {
    return check == null || check.passed();
  }

  /** Whether the server still has this take under a path it can read as a source. */
  public boolean onServer() {
    return !serverPath.isEmpty();
  }
}
