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

  /**
   * A take of {@code localPath} (its hash, size and probed audio); everything the server reports is
   * set on the builder.
   */
  public static Builder builder(
      int index, Path localPath, String sha256, long bytes, AudioInfo audio) {
    return new Builder(index, localPath, sha256, bytes, audio);
  }

  /** A builder holding every value of this take. */
  public Builder toBuilder() {
    return new Builder(index, localPath, sha256, bytes, audio)
        .serverPath(serverPath)
        .fileUrl(fileUrl)
        .seedSent(seedSent)
        .seedReported(seedReported)
        .metas(metas)
        .ditModel(ditModel)
        .lmModel(lmModel)
        .prompt(prompt)
        .lyrics(lyrics)
        .server(server)
        .check(check);
  }

  /** Builds a {@link TakeResult}; what is not set is empty (or null for prompt, lyrics, check). */
  public static final class Builder {
    private int index;
    private final Path localPath;
    private final String sha256;
    private final long bytes;
    private final AudioInfo audio;
    private String serverPath = "";
    private String fileUrl = "";
    private long seedSent;
    private String seedReported = "";
    private Metas metas = Metas.EMPTY;
    private String ditModel = "";
    private String lmModel = "";
    private String prompt;
    private String lyrics;
    private String server = "";
    private TakeCheck check;

    private Builder(int index, Path localPath, String sha256, long bytes, AudioInfo audio) {
      this.index = index;
      this.localPath = localPath;
      this.sha256 = sha256;
      this.bytes = bytes;
      this.audio = audio;
    }

    public Builder index(int v) {
      index = v;
      return this;
    }

    public Builder serverPath(String v) {
      serverPath = v;
      return this;
    }

    public Builder fileUrl(String v) {
      fileUrl = v;
      return this;
    }

    public Builder seedSent(long v) {
      seedSent = v;
      return this;
    }

    public Builder seedReported(String v) {
      seedReported = v;
      return this;
    }

    public Builder metas(Metas v) {
      metas = v;
      return this;
    }

    public Builder ditModel(String v) {
      ditModel = v;
      return this;
    }

    public Builder lmModel(String v) {
      lmModel = v;
      return this;
    }

    public Builder prompt(String v) {
      prompt = v;
      return this;
    }

    public Builder lyrics(String v) {
      lyrics = v;
      return this;
    }

    public Builder server(String v) {
      server = v;
      return this;
    }

    public Builder check(TakeCheck v) {
      check = v;
      return this;
    }

    public TakeResult build() {
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
          check);
    }
  }

  /** Whether {@code serverPath} is a path on the server at {@code baseUrl}. */
  public boolean onServer(String baseUrl) {
    return onServer() && server.equals(baseUrl);
  }

  /** This take under another index (a {@code select} makes its pick take 0). */
  public TakeResult withIndex(int newIndex) {
    return toBuilder().index(newIndex).build();
  }

  /** This take with its check result. */
  public TakeResult withCheck(TakeCheck c) {
    return toBuilder().check(c).build();
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
