package dev.acepipe.store;

import java.io.IOException;
import java.nio.file.Path;

/** Another engine process is running the same pipeline and holds its journal. */
public final class JournalLockedException extends IOException {
  public JournalLockedException(Path journal) {
    super("another engine run of this pipeline is in progress (journal " + journal + " is locked)");
  }
}
