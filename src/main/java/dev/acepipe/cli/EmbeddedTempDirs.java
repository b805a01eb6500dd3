package dev.acepipe.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The embedded server's output folders in the system temp dir, named {@code
 * acepipe-embedded-<pid>-<random>} so that a folder left behind by a run killed with SIGKILL can be
 * told from one in use: at the next start, folders whose owner process is gone are deleted. Folders
 * of live processes (and of unknown owners) are left alone.
 */
final class EmbeddedTempDirs {
  static final String PREFIX = "acepipe-embedded-";
  private static final Pattern OWNED = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-.*");

  private EmbeddedTempDirs() {}

  /** Deletes stale folders under the system temp dir, then creates this process's new one. */
  static Path create() throws IOException {
    Path root = Path.of(System.getProperty("java.io.tmpdir"));
    cleanStale(root);
    return Files.createTempDirectory(root, PREFIX + ProcessHandle.current().pid() + "-");
  }

  /**
   * Deletes every folder under {@code root} named for a process that no longer runs; returns how
   * many.
   */
  static int cleanStale(Path root) {
    int deleted = 0;
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, PREFIX + "*")) {
      for (Path dir : dirs) {
        OptionalLong owner = owner(dir.getFileName().toString());
        if (owner.isPresent()
            && Files.isDirectory(dir)
            && !Files.isSymbolicLink(dir)
            && ProcessHandle.of(owner.getAsLong()).map(p -> !p.isAlive()).orElse(true)) {
          deleteTree(dir);
          deleted++;
        }
      }
    } catch (IOException | SecurityException e) {
      // Best effort: an unreadable temp dir must not stop a run.
    }
    return deleted;
  }

  static OptionalLong owner(String name) {
    Matcher m = OWNED.matcher(name);
    if (!m.matches()) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(m.group(1)));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // Another engine may be cleaning up the same folder.
    }
  }
}
