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
    String lyrics) {
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

  /** Whether the server still has this take under a path it can read as a source. */
  public boolean onServer() {
    return !serverPath.isEmpty();
  }
}
