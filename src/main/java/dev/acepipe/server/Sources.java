package dev.acepipe.server;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which source and reference paths a job may read, by profile, and the newer profile's submit-time
 * path check.
 *
 * <ul>
 *   <li>embedded: a readable file inside the output directory (a take or an upload), nothing else.
 *   <li>snapshot: any readable absolute file, as upstream reads whatever it can; relative paths
 *       resolve against the output directory. {@code /v1/audio} stays confined either way.
 *   <li>newer: absolute paths only inside the temp dir, relative ones (no {@code ..}) against the
 *       output directory; anything else was refused with 400 before the job was created.
 * </ul>
 */
final class Sources {
  /**
   * Task types newer servers fail when their source is missing (upstream {@code
   * generate_music_request.py}).
   */
  static final Set<String> NEEDS_SOURCE =
      Set.of("cover", "cover-nofsq", "repaint", "lego", "extract");

  private final EmbeddedProfile profile;
  private final AudioPaths paths;
  private final Path tempDir;

  /** The rules of the configured profile, with the configured temp dir. */
  Sources(EmbeddedServerConfig config, AudioPaths paths) {
    this.profile = config.profile();
    this.paths = paths;
    this.tempDir = config.effectiveTempDir();
  }

  /**
   * The newer profile's 400 detail for a path field, empty when the path is acceptable (always
   * empty for the other profiles, which accept any string and decide at render time).
   */
  Optional<String> refusal(String raw) {
    if (profile != EmbeddedProfile.NEWER || raw == null || raw.isBlank()) {
      return Optional.empty();
    }
    Path path;
    try {
      path = Path.of(raw.strip());
    } catch (InvalidPathException e) {
      return Optional.of("path traversal in audio file paths is not allowed");
    }
    if (path.isAbsolute()) {
      return path.normalize().startsWith(tempDir) && !hasDotDot(raw)
          ? Optional.empty()
          : Optional.of("absolute audio file paths are not allowed");
    }
    return hasDotDot(raw)
        ? Optional.of("path traversal in audio file paths is not allowed")
        : Optional.empty();
  }

  /**
   * The file a job reads for {@code raw}, empty when it has none (missing, unreadable or not
   * allowed).
   */
  Optional<Path> resolve(String raw) {
    if (raw == null || raw.isBlank()) {
      return Optional.empty();
    }
    return switch (profile) {
      case EMBEDDED -> paths.readableInside(raw);
      case SNAPSHOT, NEWER -> readable(raw.strip());
    };
  }

  /**
   * Whether a newer server could use {@code file} as a source: it decodes and is not silent.
   * Upstream fails the job otherwise ("Source audio is invalid"), where the other generations
   * render unrelated audio.
   */
  static boolean usable(Path file) {
    try {
      java.nio.ShortBuffer samples = dev.acepipe.audio.AudioFiles.read(file).samples();
      while (samples.hasRemaining()) {
        if (samples.get() != 0) {
          return true;
        }
      }
      return false;
    } catch (java.io.IOException | RuntimeException e) {
      return false;
    }
  }

  private Optional<Path> readable(String raw) {
    if (profile == EmbeddedProfile.NEWER && refusal(raw).isPresent()) {
      return Optional.empty();
    }
    try {
      Path path = Path.of(raw);
      Path file = path.isAbsolute() ? path.normalize() : paths.root().resolve(path).normalize();
      return Files.isRegularFile(file) && Files.isReadable(file)
          ? Optional.of(file)
          : Optional.empty();
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }

  private static boolean hasDotDot(String raw) {
    for (String segment : raw.replace('\\', '/').toLowerCase(Locale.ROOT).split("/")) {
      if (segment.equals("..")) {
        return true;
      }
    }
    return false;
  }
}
