package dev.acepipe.report.html;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Atomic writes for report files: readers (a CI upload, a browser) see the old file or the new one,
 * never half.
 */
public final class ReportFiles {
  private ReportFiles() {}

  /**
   * Writes {@code bytes} to {@code target} through a temp file in the same directory, then moves it
   * in place.
   */
  public static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    Files.createDirectories(dir);
    Path temp = dev.acepipe.store.AtomicFiles.newTempFile(dir, "." + abs.getFileName(), ".part");
    try {
      Files.write(temp, bytes);
      try {
        Files.move(temp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** {@link #writeAtomically(Path, byte[])} for UTF-8 text. */
  public static void writeAtomically(Path target, String text) throws IOException {
    writeAtomically(target, text.getBytes(StandardCharsets.UTF_8));
  }
}
