package dev.acepipe.store;

import java.nio.file.Path;

/**
 * The outcome of {@link ArtifactStore#get}: the object verified, missing, or corrupt (and moved
 * aside).
 */
public sealed interface StoredObject {
  /** The hash that was asked for. */
  String sha256();

  /** The object exists and its bytes hash to {@link #sha256()} right now. */
  record Present(String sha256, Path path) implements StoredObject {}

  /** No object with this hash is stored. */
  record Missing(String sha256) implements StoredObject {}

  /**
   * The stored bytes no longer hash to {@link #sha256()}; they were moved to {@code quarantined} so
   * the next {@link ArtifactStore#put} of the re-rendered take stores a good copy.
   */
  record Corrupt(String sha256, String actualSha256, Path quarantined) implements StoredObject {}
}
