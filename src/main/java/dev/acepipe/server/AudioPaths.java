package dev.acepipe.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The confinement of every file the server reads or serves to its output directory. A path names a
 * file the server may use only if it has no {@code ..} segment, lies under the output directory,
 * and still does once every symbolic link is resolved.
 */
final class AudioPaths {
  private final Path root;

  /** Creates the output directory if needed and remembers its real path. */
  AudioPaths(Path outputDir) throws IOException {
    Files.createDirectories(outputDir);
    this.root = outputDir.toRealPath();
  }

  Path root() {
    return root;
  }

  Path uploads() {
    return root.resolve("uploads");
  }

  /** Outcome of looking up a path for download. */
  sealed interface Lookup {
    record Found(Path file) implements Lookup {}

    record Forbidden() implements Lookup {}

    record Missing() implements Lookup {}
  }

  /** Resolves a (URL-decoded) client path for {@code /v1/audio}. */
  Lookup lookup(String raw) {
    if (hasDotDot(raw)) {
      return new Lookup.Forbidden();
    }
    Path path;
    try {
      path = Path.of(raw);
    } catch (InvalidPathException e) {
      return new Lookup.Forbidden();
    }
    Path absolute = path.isAbsolute() ? path.normalize() : root.resolve(path).normalize();
    if (!absolute.startsWith(root)) {
      return new Lookup.Forbidden();
    }
    if (!Files.exists(absolute)) {
      return new Lookup.Missing();
    }
    try {
      Path real = absolute.toRealPath();
      if (!real.startsWith(root)) {
        return new Lookup.Forbidden();
      }
      return Files.isRegularFile(real) ? new Lookup.Found(real) : new Lookup.Missing();
    } catch (IOException e) {
      return new Lookup.Missing();
    }
  }

  /** The file at {@code raw} if it is a readable regular file inside the output directory. */
  Optional<Path> readableInside(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    return lookup(raw) instanceof Lookup.Found found && Files.isReadable(found.file())
        ? Optional.of(found.file())
        : Optional.empty();
  }

  /**
   * True if any segment is {@code ..}, also when it arrives still percent-encoded (a double-encoded
   * attempt).
   */
  private static boolean hasDotDot(String raw) {
    String s = raw.toLowerCase(Locale.ROOT).replace("%2e", ".").replace('\\', '/');
    for (String segment : s.split("/|%2f")) {
      if (segment.equals("..")) {
        return true;
      }
    }
    return false;
  }
}
