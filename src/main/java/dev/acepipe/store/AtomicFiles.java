package dev.acepipe.store;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Whole-file replacement that readers never see half-written: write a temp file in the target's
 * directory, fsync it, then rename it over the target. A crash leaves either the old file or the
 * new one (and maybe a stray {@code .*.tmp} file, which nothing reads).
 */
public final class AtomicFiles {
  /** Writes the content of a file being replaced. */
  @FunctionalInterface
  public interface Writer {
    void writeTo(OutputStream out) throws IOException;
  }

  private AtomicFiles() {}

  /** Atomically replaces {@code target} with {@code bytes}, creating parent directories. */
  public static void write(Path target, byte[] bytes) throws IOException {
    write(target, out -> out.write(bytes));
  }

  /** Atomically replaces {@code target} with {@code text} in UTF-8, creating parent directories. */
  public static void writeString(Path target, String text) throws IOException {
    write(target, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /**
   * Atomically replaces {@code target} with a copy of {@code source}, creating parent directories.
   */
  public static void copy(Path source, Path target) throws IOException {
    write(target, out -> Files.copy(source, out));
  }

  /**
   * Atomically replaces {@code target} with what {@code writer} writes. On failure the target is
   * untouched.
   */
  public static void write(Path target, Writer writer) throws IOException {
    Path tmp = tempBeside(target);
    try {
      try (FileChannel ch =
              FileChannel.open(
                  tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
          OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
        writer.writeTo(out);
        out.flush();
        ch.force(true);
      }
      moveOver(tmp, target);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * A new empty temp file in {@code target}'s directory (same file system, so the final move is a
   * rename).
   */
  public static Path tempBeside(Path target) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    return Files.createFile(
        dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp"));
  }

  /**
   * A new empty file {@code dir/prefix<random>suffix}, created with the process umask like any
   * other file (where {@link Files#createTempFile} would make it owner-only, 0600, and a media
   * server running as another user could not read the renamed result).
   */
  public static Path newTempFile(Path dir, String prefix, String suffix) throws IOException {
    Files.createDirectories(dir);
    return Files.createFile(dir.resolve(prefix + UUID.randomUUID() + suffix));
  }

  /** Renames {@code tmp} over {@code target}, atomically where the file system allows it. */
  public static void moveOver(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
