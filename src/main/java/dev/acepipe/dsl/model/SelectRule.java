package dev.acepipe.dsl.model;

/**
 * How a {@code select} step picks one take out of its candidates (every take of {@code from}, or
 * every take of every instance when {@code from} is a matrix step, instance-major). A closed set;
 * dispatch with {@code instanceof} or a pattern switch.
 *
 * <p>Written in YAML as {@code pick: loudest}, {@code pick: longest}, {@code pick: manual}, {@code
 * pick: {index: N}} or {@code pick: {closest_duration: S}}. Automatic rules never choose a silent
 * or near-silent take; that is the runtime's contract, not checked here.
 */
public sealed interface SelectRule
    permits SelectRule.Index,
        SelectRule.ClosestDuration,
        SelectRule.Loudest,
        SelectRule.Longest,
        SelectRule.Manual {

  /** The YAML spelling of the rule's name ({@code index}, {@code closest_duration}, ...). */
  String yamlName();

  /** The candidate at position {@code index} (0-based, instance-major). */
  record Index(int index) implements SelectRule {
    public Index {
      if (index < 0) {
        throw new IllegalArgumentException("index must be 0 or more: " + index);
      }
    }

    @Override
    public String yamlName() {
      return "index";
    }
  }

  /**
   * The candidate whose duration is closest to {@code seconds}; ties go to the earlier candidate.
   */
  record ClosestDuration(double seconds) implements SelectRule {
    public ClosestDuration {
      if (!(seconds > 0) || Double.isInfinite(seconds)) {
        throw new IllegalArgumentException("closest_duration must be positive, got " + seconds);
      }
    }

    @Override
    public String yamlName() {
      return "closest_duration";
    }
  }

  /** The candidate with the highest integrated loudness. */
  record Loudest() implements SelectRule {
    @Override
    public String yamlName() {
      return "loudest";
    }
  }

  /** The longest candidate. */
  record Longest() implements SelectRule {
    @Override
    public String yamlName() {
      return "longest";
    }
  }

  /**
   * The choice recorded in the lockfile ({@code engine select PIPELINE STEP TAKE}). As written in a
   * pipeline it names no take yet ({@code takeId} null); the run binds the recorded choice, the
   * take's {@code step#take} id, before the selector sees it.
   */
  record Manual(String takeId) implements SelectRule {
    /** {@code pick: manual} as written: the lockfile decides. */
    public Manual() {
      this(null);
    }

    public Manual {
      if (takeId != null && takeId.isBlank()) {
        throw new IllegalArgumentException("manual choice is blank");
      }
    }

    /** The chosen take's id, once the run has bound the recorded choice. */
    public java.util.Optional<String> chosen() {
      return java.util.Optional.ofNullable(takeId);
    }

    @Override
    public String yamlName() {
      return "manual";
    }
  }

  /** Describes the rule with its argument for messages, e.g. {@code "closest_duration 30 s"}. */
  default String describe() {
    if (this instanceof Index i) {
      return "index " + i.index();
    }
    if (this instanceof ClosestDuration c) {
      double d = c.seconds();
      return "closest_duration "
          + (d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d))
          + " s";
    }
    return yamlName();
  }

  /** The rule names, for hints and docs. */
  static java.util.List<String> yamlNames() {
    return java.util.List.of("loudest", "longest", "manual", "index", "closest_duration");
  }
}
