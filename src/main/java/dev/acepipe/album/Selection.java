package dev.acepipe.album;

import dev.acepipe.dsl.model.SelectRule;
import java.util.List;
import java.util.Objects;

/**
 * What {@link TakeSelector#select} chose and why.
 *
 * @param take the chosen take, with its loudness filled in
 * @param position its position among the candidates (0-based)
 * @param rule the rule that chose it
 * @param reason one line for logs and reports, e.g. {@code "loudest: hook[mood=dark]#1 at -14.2
 *     LUFS"}
 * @param candidates every candidate in declaration order, with loudness filled in where it was
 *     measured
 */
public record Selection(
    Take take, int position, SelectRule rule, String reason, List<Take> candidates) {
  public Selection {
    Objects.requireNonNull(take, "take");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(reason, "reason");
    candidates = List.copyOf(candidates);
    if (position < 0 || position >= candidates.size()) {
      throw new IllegalArgumentException(
          "position " + position + " outside " + candidates.size() + " candidates");
    }
  }
}
