package dev.acepipe.album;

import java.util.Locale;
import java.util.Objects;

/**
 * How {@link TakeSelector} picks one take. The closed set of rules a {@code select} step can name;
 * {@link #name()} is the rule's DSL spelling.
 */
public sealed interface SelectionRule {
  /** The rule's name as written in a pipeline: {@code index}, {@code closest_duration}, ... */
  String name();

  /** The take at position {@code index} (0-based, declaration order). */
  record Index(int index) implements SelectionRule {
    public Index {
      if (index < 0) {
        throw new IllegalArgumentException("index must be 0 or more: " + index);
      }
    }

    @Override
    public String name() {
      return "index";
    }
  }

  /** The take whose duration is nearest to {@code seconds}. */
  record ClosestDuration(double seconds) implements SelectionRule {
    public ClosestDuration {
      if (!Double.isFinite(seconds) || seconds <= 0) {
        throw new IllegalArgumentException(
            "closest_duration must be a positive number of seconds: " + seconds);
      }
    }

    @Override
    public String name() {
      return "closest_duration";
    }
  }

  /** The take with the highest integrated loudness. */
  record Loudest() implements SelectionRule {
    @Override
    public String name() {
      return "loudest";
    }
  }

  /** The take with the longest duration. */
  record Longest() implements SelectionRule {
    @Override
    public String name() {
      return "longest";
    }
  }

  /** The take named {@code takeId}, chosen outside the pipeline (e.g. recorded in the lockfile). */
  record Manual(String takeId) implements SelectionRule {
    public Manual {
      Objects.requireNonNull(takeId, "takeId");
      if (takeId.isBlank()) {
        throw new IllegalArgumentException("manual choice is blank");
      }
    }

    @Override
    public String name() {
      return "manual";
    }
  }

  /** Describes the rule with its argument, e.g. {@code "closest_duration 30 s"}. */
  default String describe() {
    if (this instanceof Index i) {
      return "index " + i.index();
    }
    if (this instanceof ClosestDuration c) {
      return String.format(Locale.ROOT, "closest_duration %s s", trim(c.seconds()));
    }
    return name();
  }

  private static String trim(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
