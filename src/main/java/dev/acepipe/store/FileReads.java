package dev.acepipe.store;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** Reading a store file that may not be there: a missing file is an answer, not an error. */
final class FileReads {
  /** Reads one file. */
  @FunctionalInterface
  interface Read<T> {
    T from(Path file) throws IOException;
  }

  private FileReads() {}

  /** What {@code read} makes of {@code file}, or empty if there is no such file. */
  static <T> Optional<T> ifExists(Path file, Read<T> read) throws IOException {
    try {
      return Optional.of(read.from(file));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }
}
