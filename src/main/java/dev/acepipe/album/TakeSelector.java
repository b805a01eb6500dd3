package dev.acepipe.album;

import dev.acepipe.dsl.model.SelectRule;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Picks one take out of several by a {@link SelectRule}.
 *
 * <ul>
 *   <li>Silent or near-silent takes ({@link LoudnessMeasurement#isSilent()}: integrated loudness
 *       below -60 LUFS or sample peak below -50 dBFS) are never chosen by {@code closest_duration},
 *       {@code loudest} or {@code longest}; when every candidate is silent, selection fails. {@code
 *       index} names one take, and fails rather than hand on a silent one. Only {@code manual}, a
 *       person's explicit choice, may pick a silent take; its reason then says so.
 *   <li>Ties go to the earlier candidate in declaration order; comparisons are exact, so the same
 *       inputs always give the same choice.
 *   <li>A take whose loudness is not known is measured through the {@link Meter} only when the rule
 *       needs it; every automatic rule needs it for the silence check.
 * </ul>
 *
 * <p>Thread-safe if the meter is.
 */
public final class TakeSelector {
  /** Measures the loudness of an audio file. */
  @FunctionalInterface
  public interface Meter {
    LoudnessMeasurement measure(Path file) throws IOException;
  }

  private final Meter meter;

  /** A selector that decodes and measures files with {@link Loudness#measure(Path)}. */
  public TakeSelector() {
    this(Loudness::measure);
  }

  public TakeSelector(Meter meter) {
    this.meter = meter;
  }

  /**
   * Chooses one of {@code candidates} (declaration order, unique ids, at least one) by {@code
   * rule}.
   *
   * @throws SelectionException when no take can be chosen; the message says why and names the takes
   * @throws IOException when a take has to be measured and cannot be read
   */
  public Selection select(List<Take> candidates, SelectRule rule)
      throws IOException, SelectionException {
    List<Take> takes = checked(candidates);
    if (rule instanceof SelectRule.Manual manual) {
      return manual(takes, manual);
    }
    if (rule instanceof SelectRule.Index index) {
      return index(takes, index);
    }
    List<Take> measured = new ArrayList<>(takes.size());
    for (Take take : takes) {
      measured.add(measure(take));
    }
    List<String> silent = new ArrayList<>();
    int best = -1;
    for (int i = 0; i < measured.size(); i++) {
      Take take = measured.get(i);
      if (take.loudness().isSilent()) {
        silent.add(take.id());
      } else if (best < 0 || better(rule, take, measured.get(best))) {
        best = i;
      }
    }
    if (best < 0) {
      throw new SelectionException(
          rule.describe()
              + ": every take is silent or near-silent ("
              + measured.stream()
                  .map(
                      t ->
                          t.id()
                              + " "
                              + LoudnessMeasurement.format(t.loudness().integratedLufs())
                              + " LUFS")
                  .collect(Collectors.joining(", "))
              + "); silent takes are never chosen automatically");
    }
    Take chosen = measured.get(best);
    String reason =
        rule.describe()
            + ": "
            + chosen.id()
            + " at "
            + figure(rule, chosen)
            + (silent.isEmpty() ? "" : " (skipped silent " + String.join(", ", silent) + ")");
    return new Selection(chosen, best, rule, reason, measured);
  }

  /** Strictly better only, so that ties keep the earlier take. */
  private static boolean better(SelectRule rule, Take a, Take b) {
    if (rule instanceof SelectRule.ClosestDuration c) {
      return Math.abs(a.durationSeconds() - c.seconds())
          < Math.abs(b.durationSeconds() - c.seconds());
    }
    if (rule instanceof SelectRule.Loudest) {
      return a.loudness().integratedLufs() > b.loudness().integratedLufs();
    }
    if (rule instanceof SelectRule.Longest) {
      return a.durationSeconds() > b.durationSeconds();
    }
    throw new IllegalStateException("not a comparing rule: " + rule);
  }

  private static String figure(SelectRule rule, Take take) {
    if (rule instanceof SelectRule.Loudest) {
      return LoudnessMeasurement.format(take.loudness().integratedLufs()) + " LUFS";
    }
    return String.format(Locale.ROOT, "%.1f s", take.durationSeconds());
  }

  private Selection index(List<Take> takes, SelectRule.Index rule)
      throws IOException, SelectionException {
    if (rule.index() >= takes.size()) {
      throw new SelectionException(
          rule.describe()
              + ": out of range, there "
              + (takes.size() == 1 ? "is 1 take" : "are " + takes.size() + " takes")
              + " ("
              + ids(takes)
              + ")");
    }
    Take chosen = measure(takes.get(rule.index()));
    if (chosen.loudness().isSilent()) {
      throw new SelectionException(
          rule.describe()
              + ": "
              + chosen.id()
              + " is silent or near-silent ("
              + chosen.loudness().describe()
              + "); silent takes are never chosen automatically");
    }
    return new Selection(
        chosen,
        rule.index(),
        rule,
        rule.describe()
            + ": "
            + chosen.id()
            + " at "
            + LoudnessMeasurement.format(chosen.loudness().integratedLufs())
            + " LUFS",
        replaced(takes, rule.index(), chosen));
  }

  private Selection manual(List<Take> takes, SelectRule.Manual rule)
      throws IOException, SelectionException {
    for (int i = 0; i < takes.size(); i++) {
      if (rule.chosen().filter(takes.get(i).id()::equals).isPresent()) {
        Take chosen = measure(takes.get(i));
        String warning =
            chosen.loudness().isSilent()
                ? " (warning: silent, " + chosen.loudness().describe() + ")"
                : "";
        return new Selection(
            chosen, i, rule, "manual: " + chosen.id() + warning, replaced(takes, i, chosen));
      }
    }
    throw new SelectionException("manual: no take '" + rule.takeId() + "' among " + ids(takes));
  }

  private Take measure(Take take) throws IOException {
    return take.loudness() != null ? take : take.withLoudness(meter.measure(take.path()));
  }

  private static List<Take> replaced(List<Take> takes, int at, Take take) {
    List<Take> copy = new ArrayList<>(takes);
    copy.set(at, take);
    return copy;
  }

  private static List<Take> checked(List<Take> candidates) {
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("no takes to select from");
    }
    Set<String> seen = new HashSet<>();
    for (Take take : candidates) {
      if (!seen.add(take.id())) {
        throw new IllegalArgumentException("take id '" + take.id() + "' appears twice");
      }
    }
    return List.copyOf(candidates);
  }

  private static String ids(List<Take> takes) {
    return takes.stream().map(Take::id).collect(Collectors.joining(", "));
  }
}
