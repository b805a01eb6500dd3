package dev.acepipe.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The pool benchmark's graph: {@code levels} levels of {@code width} steps, each step after the
 * first level needing two steps of the level before (the one in its column and the next one,
 * wrapping), so every level waits for the one before but no step waits for a whole level. The
 * benchmark's default is 5 levels of 8: 40 steps of width 8.
 */
public final class BenchmarkDag {
  private BenchmarkDag() {}

  /** The step id at {@code level}, {@code column}: {@code s<level>_<column>}. */
  public static String id(int level, int column) {
    return "s" + level + "_" + column;
  }

  /** The graph as jobs of {@code jobSeconds} each, in level order. */
  public static List<ListSchedule.Job> jobs(int levels, int width, double jobSeconds) {
    if (levels < 1 || width < 1) {
      throw new IllegalArgumentException(
          "levels and width must be >= 1, got " + levels + " x " + width);
    }
    List<ListSchedule.Job> jobs = new ArrayList<>();
    for (int l = 0; l < levels; l++) {
      for (int c = 0; c < width; c++) {
        jobs.add(new ListSchedule.Job(id(l, c), needs(l, c, width), jobSeconds));
      }
    }
    return jobs;
  }

  /** The ids step {@code (level, column)} needs. */
  public static List<String> needs(int level, int column, int width) {
    if (level == 0) {
      return List.of();
    }
    int next = (column + 1) % width;
    return next == column
        ? List.of(id(level - 1, column))
        : List.of(id(level - 1, column), id(level - 1, next));
  }

  /**
   * The same graph as a pipeline file: {@code generate} steps of 10 s instrumental WAV, one take
   * each, wired with {@code needs:}, for {@code engine run} against a pool.
   */
  public static String pipelineYaml(String name, int levels, int width) {
    StringBuilder b = new StringBuilder();
    b.append("version: 1\nname: ")
        .append(name)
        .append("\nseed: 16\ndefaults:\n  audio_format: wav\n  thinking: false\nsteps:\n");
    for (ListSchedule.Job j : jobs(levels, width, 1)) {
      b.append("  ").append(j.id()).append(":\n    type: generate\n");
      b.append(
          String.format(
              Locale.ROOT,
              "    prompt: bench %s\n    lyrics: \"[inst]\"\n    duration: 10\n",
              j.id()));
      if (!j.needs().isEmpty()) {
        b.append("    needs: [").append(String.join(", ", j.needs())).append("]\n");
      }
    }
    return b.toString();
  }
}
