package dev.acepipe.dsl;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean ...?" by edit distance: the nearest known spelling of a mistyped name. */
public final class Suggest {
  private Suggest() {}

  /**
   * The candidate closest to {@code word} when it is close enough to be a likely typo (distance at
   * most 2 and at most half the word; never for words of one or two letters); ties go to the first
   * candidate.
   */
  public static Optional<String> closest(String word, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = distance(word, c);
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    int limit = word.length() <= 2 ? 0 : Math.min(2, word.length() / 2);
    return best != null && bestDistance > 0 && bestDistance <= limit
        ? Optional.of(best)
        : Optional.empty();
  }

  /**
   * The hint for a likely typo, {@code did you mean 'X'?}, when {@link #closest} finds one: the one
   * spelling of the hint, so every "unknown ..." message reads the same.
   */
  public static Optional<String> didYouMean(String word, Collection<String> candidates) {
    return closest(word, candidates).map(c -> "did you mean '" + c + "'?");
  }

  /** Levenshtein distance, with an adjacent transposition counted as one edit. */
  static int distance(String a, String b) {
    if (Math.abs(a.length() - b.length()) > 3 || a.length() > 64 || b.length() > 64) {
      return Integer.MAX_VALUE / 2;
    }
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
