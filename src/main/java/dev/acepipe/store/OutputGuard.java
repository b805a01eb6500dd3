package dev.acepipe.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The write-time check of every file a run puts into the project (outputs, album folders).
 * Validation checks the path as written; this checks the file system as it is at write time: a
 * symlink committed to the repository ({@code linkout -> /elsewhere}) must not carry an output out
 * of the project, and no output may replace the recipe, an include, a lockfile or anything under
 * {@code .acepipe/}.
 */
public final class OutputGuard {
  private OutputGuard() {}

  /**
   * Why the file {@code target} must not be written inside {@code projectDir}, or empty when it may
   * be.
   */
  public static Optional<String> problem(Path projectDir, Path target) {
    Path name = target.getFileName();
    if (name == null) {
      return Optional.of("names no file");
    }
    Optional<String> bad = badName(name.toString()).or(() -> placement(projectDir, target));
    if (bad.isPresent() || !Files.isDirectory(target)) {
      return bad;
    }
    return Optional.of("is a directory");
  }

  /**
   * Why {@code path} (a file or a folder, existing or not) is not inside {@code projectDir} once
   * every symbolic link is followed, or lies under {@code .acepipe/}; empty when it is fine.
   */
  public static Optional<String> placement(Path projectDir, Path path) {
    try {
      Path project = projectDir.toRealPath();
      Path real = realPath(path.toAbsolutePath().normalize());
      if (!real.startsWith(project) || real.equals(project)) {
        return Optional.of(
            "resolves to "
                + real
                + ", outside the project "
                + project
                + " (through a symbolic link)");
      }
      Path inside = project.relativize(real);
      if (ProjectLayout.inState(inside)) {
        return Optional.of("is inside .acepipe/, which holds the store, journal and runs");
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("cannot be checked: " + e.getMessage());
    }
  }

  /**
   * Why a file name is not acceptable for an output, or empty: control characters (they garble
   * every listing and log line), and the names of recipes, includes and lockfiles ({@code .yaml},
   * {@code .yml}, {@code .json}).
   */
  public static Optional<String> badName(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isISOControl(c)) {
        return Optional.of("contains the control character U+" + String.format("%04X", (int) c));
      }
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json")) {
      return Optional.of("would replace a pipeline, include or lockfile; outputs are audio files");
    }
    return Optional.empty();
  }

  /** {@code path} with every symbolic link resolved, also for the part that does not exist yet. */
  private static Path realPath(Path path) throws IOException {
    Path existing = path;
    Path rest = existing.getFileSystem().getPath("");
    while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
      rest = existing.getFileName().resolve(rest);
      existing = existing.getParent();
    }
    if (existing == null) {
      return path;
    }
    if (Files.isSymbolicLink(existing) && !Files.exists(existing)) {
      // A dangling link: following it on write would create its target wherever it points.
      return Files.readSymbolicLink(existing).isAbsolute()
          ? Files.readSymbolicLink(existing).resolve(rest).normalize()
          : existing
              .getParent()
              .resolve(Files.readSymbolicLink(existing))
              .resolve(rest)
              .normalize();
    }
    return existing.toRealPath().resolve(rest).normalize();
  }
}
