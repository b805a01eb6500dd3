package dev.acepipe.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A file record that carries a {@link Rendering}: a store entry or a lockfile block. The accessors
 * read through to the rendering, so callers ask {@code entry.model()} of either alike.
 */
public sealed interface Rendered permits LockEntry, StoreEntry {
  /** What was rendered and by whom. */
  Rendering rendering();

  default Fingerprint fingerprint() {
    return rendering().fingerprint();
  }

  /** The resolved request (a copy). */
  default ObjectNode request() {
    return rendering().request();
  }

  default List<StepInput> inputs() {
    return rendering().inputs();
  }

  default String model() {
    return rendering().model();
  }

  default String serverVersion() {
    return rendering().serverVersion();
  }

  default String backend() {
    return rendering().backend();
  }

  default String server() {
    return rendering().server();
  }

  default String generation() {
    return rendering().generation();
  }

  default boolean reproducible() {
    return rendering().reproducible();
  }
}
