package dev.acepipe.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.acepipe.album.LoudnessMeasurement;
import dev.acepipe.album.SelectionException;
import dev.acepipe.album.TakeSelector;
import dev.acepipe.audio.analysis.AudioAnalysis;
import dev.acepipe.dsl.model.SelectRule;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Select steps never pick a take that failed its step's expect:. */
class SelectFailedTakesTest {
  private static final TakeCheck FAILED =
      new TakeCheck(
          new AudioAnalysis(30, -9, 2, -0.1, 0.4, 3, 20, 0, -60, Double.NaN),
          List.of("clipped: 3 run(s)"));
  private static final TakeCheck PASSED =
      new TakeCheck(new AudioAnalysis(30, -14, 2, -2, -1.8, 0, 0, 0, -60, Double.NaN), List.of());

  /** Take 0 is the loudest but clipped; take 1 passed its checks. */
  private final Map<Path, LoudnessMeasurement> levels =
      Map.of(
          Path.of("0.wav"),
          new LoudnessMeasurement(-9, -0.1),
          Path.of("1.wav"),
          new LoudnessMeasurement(-14, -2));

  private final TakeSelector selector = new TakeSelector(levels::get);
  private final StepOutput song =
      new StepOutput("song", List.of(take(0, FAILED), take(1, PASSED)), Map.of());
  private final Upstream upstream = id -> song;

  private static TakeResult take(int i, TakeCheck check) {
    return TakeResult.builder(i, Path.of(i + ".wav"), "sha" + i, 10, new AudioInfo(30, 48000, 2))
        .serverPath("/srv/" + i + ".wav")
        .seedSent(7)
        .check(check)
        .build();
  }

  private StepAction.Select select(SelectRule rule) {
    return new StepAction.Select(rule, List.of(new AudioRef("song", 0), new AudioRef("song", 1)));
  }

  @Test
  void loudestSkipsTheLouderTakeThatFailedItsChecks() throws Exception {
    StepOutput out =
        SelectHandler.pick("best", select(new SelectRule.Loudest()), upstream, selector);

    assertThat(out.take(0).localPath()).isEqualTo(Path.of("1.wav"));
  }

  @Test
  void anIndexNamingAFailedTakeIsRefusedWithItsFailures() {
    assertThatThrownBy(
            () -> SelectHandler.pick("best", select(new SelectRule.Index(0)), upstream, selector))
        .isInstanceOf(SelectionException.class)
        .hasMessageContaining("failed its checks (clipped: 3 run(s))");
  }

  @Test
  void whenEveryCandidateFailedTheSelectionFailsNamingThem() {
    StepOutput bad = new StepOutput("song", List.of(take(0, FAILED), take(1, FAILED)), Map.of());

    assertThatThrownBy(
            () -> SelectHandler.pick("best", select(new SelectRule.Longest()), id -> bad, selector))
        .isInstanceOf(SelectionException.class)
        .hasMessageContaining(
            "every candidate take failed its checks: song#0 (clipped: 3 run(s)); song#1");
  }
}
