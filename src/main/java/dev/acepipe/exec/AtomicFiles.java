package dev.acepipe.exec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files so that readers see either the old content or the new one, never half: a temp file beside the
 * target, then a rename.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes {@code text} (UTF-8) to {@code target} atomically, creating parent folders. */
  public static void writeString(Path target, String text) throws IOException {
    Path tmp = tempBeside(target);
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      move(tmp, target);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Copies {@code source} to {@code target} atomically, creating parent folders. */
  public static void copy(Path source, Path target) throws IOException {
    Path tmp = tempBeside(target);
    try {
      Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
      move(tmp, target);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static Path tempBeside(Path target) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    return Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
  }

  private static void move(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      // Same folder, so this only happens on odd file systems; a plain replace is the best left.
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
