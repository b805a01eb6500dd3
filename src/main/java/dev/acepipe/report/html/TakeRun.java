package dev.acepipe.report.html;

import java.util.Objects;

/**
 * One audio take a step produced.
 *
 * @param index the take's index within its step (0-based)
 * @param audioPath the audio file relative to the run directory, with {@code /} separators (the
 *     report links it relatively, so it must stay inside the run directory)
 * @param sha256 the file's SHA-256 (lowercase hex), or {@code ""}
 * @param durationSeconds the probed duration
 * @param seedSent the seed acepipe sent, or null
 * @param seedReported the seed the server says it used, or null
 * @param model the model that rendered it, or {@code ""}
 * @param checks its {@code expect:} result, or null when it was not checked
 */
public record TakeRun(
    int index,
    String audioPath,
    String sha256,
    double durationSeconds,
    Long seedSent,
    Long seedReported,
    String model,
    TakeCheckView checks) {

  public TakeRun {
    Objects.requireNonNull(audioPath, "audioPath");
    if (index < 0) {
      throw new IllegalArgumentException("take index is negative: " + index);
    }
    String p = audioPath.replace('\\', '/');
    if (p.isEmpty()
        || p.startsWith("/")
        || p.matches("^[A-Za-z]:.*")
        || p.contains("://")
        || (("/" + p + "/").contains("/../"))) {
      throw new IllegalArgumentException(
          "take audio path must be relative to the run directory: " + audioPath);
    }
    audioPath = p;
    sha256 = sha256 == null ? "" : sha256;
    model = model == null ? "" : model;
    if (!(durationSeconds >= 0) || Double.isInfinite(durationSeconds)) {
      throw new IllegalArgumentException(
          "take duration must be a finite non-negative number: " + durationSeconds);
    }
  }
}
