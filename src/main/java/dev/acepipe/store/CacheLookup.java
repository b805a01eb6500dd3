package dev.acepipe.store;

import java.nio.file.Path;
import java.util.List;

/**
 * The outcome of {@link ArtifactStore#lookup}: what the executor does with a step instance.
 *
 * <ul>
 *   <li>{@link Hit}: do not submit; use {@link Hit#files()} (verified just now) as the step's
 *       takes;
 *   <li>{@link Miss}: render;
 *   <li>{@link Corrupt}: report {@link Corrupt#problems()} as a warning, then render and {@link
 *       ArtifactStore#putEntry} again (the bad objects were already moved aside).
 * </ul>
 */
public sealed interface CacheLookup {
  Fingerprint fingerprint();

  /**
   * Every take of the entry is present and verified. {@code files.get(i)} is take {@code
   * entry.takes().get(i)}.
   */
  record Hit(StoreEntry entry, List<Path> files) implements CacheLookup {
    public Hit {
      files = List.copyOf(files);
    }

    @Override
    public Fingerprint fingerprint() {
      return entry.fingerprint();
    }
  }

  /** No entry for this fingerprint. */
  record Miss(Fingerprint fingerprint) implements CacheLookup {}

  /**
   * An entry exists but is unusable; each problem is one line ("take 1 (sha ab12...) is corrupt").
   */
  record Corrupt(Fingerprint fingerprint, List<String> problems) implements CacheLookup {
    public Corrupt {
      problems = List.copyOf(problems);
    }
  }
}
