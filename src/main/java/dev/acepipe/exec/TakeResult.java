package dev.acepipe.exec;

import dev.acepipe.client.Metas;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One take a step produced, downloaded and probed.
 *
 * @param serverPath where the server keeps it (reusable as {@code src_audio_path}); empty for imported files
 * @param localPath the downloaded (or imported) file
 * @param seedSent the seed in the request; {@code seedReported} what the server says it used (may be empty)
 * @param check how the take measured against its step's {@code expect:}; null when the step expects nothing
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
    TakeCheck check) {

  /** A take that was not checked. */
  public TakeResult(int index, String serverPath, String fileUrl, Path localPath, String sha256, long bytes,
      AudioInfo audio, long seedSent, String seedReported, Metas metas, String ditModel, String lmModel,
      String prompt, String lyrics) {
    this(index, serverPath, fileUrl, localPath, sha256, bytes, audio, seedSent, seedReported, metas, ditModel,
        lmModel, prompt, lyrics, null);
  }

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
  }

  /** This take with its check result. */
  public TakeResult withCheck(TakeCheck c) {
    return new TakeResult(index, serverPath, fileUrl, localPath, sha256, bytes, audio, seedSent, seedReported, metas,
        ditModel, lmModel, prompt, lyrics, c);
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
