package dev.acepipe.exec;

import dev.acepipe.store.Lockfile;
import dev.acepipe.store.StoreFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The take choices {@code engine select} recorded in a pipeline's lockfile ({@code selected}: step
 * instance → candidate position), read when a {@code pick: manual} step runs.
 */
public final class ManualChoices {
  private final Map<String, Integer> selected;

  private ManualChoices(Map<String, Integer> selected) {
    this.selected = Map.copyOf(selected);
  }

  /** The choices recorded beside {@code pipelineFile}; none when it has no lockfile yet. */
  public static ManualChoices of(Path pipelineFile) {
    try {
      return new ManualChoices(
          Lockfile.read(Lockfile.pathFor(pipelineFile))
              .<Map<String, Integer>>map(Lockfile::selected)
              .orElse(Map.of()));
    } catch (StoreFormatException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The candidate position recorded for {@code stepId}. */
  public OptionalInt choice(String stepId) {
    Integer i = selected.get(stepId);
    return i == null ? OptionalInt.empty() : OptionalInt.of(i);
  }
}
