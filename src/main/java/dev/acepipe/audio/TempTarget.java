package dev.acepipe.audio;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** A temp file beside a target path that becomes the target on {@link #commit()}, or disappears. */
final class TempTarget {
  private final Path target;
  private final Path temp;
  private boolean committed;

  TempTarget(Path target) throws IOException {
    this.target = target.toAbsolutePath();
    Path dir = this.target.getParent();
    Files.createDirectories(dir);
    // Not createTempFile: that makes the file owner-only (0600); the umask decides, as for any
    // file.
    this.temp =
        Files.createFile(
            dir.resolve("." + this.target.getFileName() + java.util.UUID.randomUUID() + ".part"));
  }

  Path temp() {
    return temp;
  }

  Path target() {
    return target;
  }

  void commit() throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
    committed = true;
  }

  void discard() throws IOException {
    if (!committed) {
      Files.deleteIfExists(temp);
    }
  }
}
