package dev.acepipe.server;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * The seeds of one job's takes, by profile, and the {@code seed_value} the result reports.
 *
 * <ul>
 *   <li>embedded: with {@code use_random_seed=false}, one seed {@code s} gives take <i>i</i> {@code
 *       s + i}; a list gives take <i>i</i> entry <i>i</i> (negative entries removed) and later
 *       takes the last entry plus the distance; reported as used.
 *   <li>snapshot: every take gets a fresh random seed whatever was sent, and the report names other
 *       random values (upstream draws seeds twice).
 *   <li>newer: with {@code use_random_seed=false}, entry <i>i</i> of the list (negative entries
 *       removed first) seeds take <i>i</i>; takes past its end get random seeds; reported as used.
 * </ul>
 *
 * @param used the seed each take is rendered with
 * @param reported the comma-joined {@code seed_value}
 */
record Seeds(long[] used, String reported) {

  static Seeds of(EmbeddedProfile profile, JobSpec spec, int takes, LongSupplier random) {
    long[] used = new long[takes];
    List<Long> sent = new ArrayList<>();
    if (!spec.useRandomSeed()) {
      spec.seeds().stream().filter(s -> s >= 0).forEach(sent::add);
    }
    for (int i = 0; i < takes; i++) {
      used[i] =
          switch (profile) {
            case SNAPSHOT -> random.getAsLong();
            case NEWER -> i < sent.size() ? sent.get(i) : random.getAsLong();
            case EMBEDDED ->
                sent.isEmpty()
                    ? random.getAsLong()
                    : sent.size() == 1
                        ? sent.get(0) + i
                        : i < sent.size()
                            ? sent.get(i)
                            : sent.get(sent.size() - 1) + (i - sent.size() + 1);
          };
    }
    long[] reported = used;
    if (profile == EmbeddedProfile.SNAPSHOT) {
      reported = new long[takes];
      for (int i = 0; i < takes; i++) {
        reported[i] = random.getAsLong();
      }
    }
    return new Seeds(
        used, Arrays.stream(reported).mapToObj(Long::toString).collect(Collectors.joining(",")));
  }
}
