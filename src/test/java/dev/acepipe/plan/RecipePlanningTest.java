package dev.acepipe.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acepipe.dsl.model.Pipeline;
import dev.acepipe.dsl.model.SelectRule;
import dev.acepipe.dsl.model.StepField;
import dev.acepipe.dsl.model.StepKind;
import dev.acepipe.dsl.model.StepRef;
import dev.acepipe.validate.CheckResult;
import dev.acepipe.validate.PipelineChecker;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Matrix pairing, select steps, ${steps.ID.takes} and the album section in the plan. */
class RecipePlanningTest {
  private final Planner planner = new Planner();

  private static Pipeline valid(String yaml) {
    CheckResult r = new PipelineChecker(false).check(yaml, "p.yaml");
    assertThat(r.diagnostics()).as("fixture must be valid").isEmpty();
    return r.pipeline();
  }

  private Plan plan(String yaml) {
    PlanResult r = planner.plan(valid(yaml), PlanInputs.empty());
    assertThat(r.diagnostics()).isEmpty();
    return r.plan();
  }

  private static final String HOOKS =
      "version: 1\nname: rec\nsteps:\n"
          + "  hook: {type: generate, takes: 2, matrix: {mood: [calm, dark], tempo: [slow, fast]}}\n"
          + "  strings: {type: cover, from: 'hook#1', prompt: 'n=${steps.hook.takes}', matrix: {mood: [calm, dark], tempo: [slow, fast]}}\n"
          + "  best: {type: select, from: strings, pick: loudest}\n"
          + "  pick2: {type: select, from: hook, pick: {index: 5}}\n"
          + "  near: {type: select, from: hook, pick: {closest_duration: 12.5}}\n"
          + "  bridge: {type: cover, from: best, prompt: 'count ${steps.best.takes}', matrix: {tempo: [fast]}}\n";

  @Test
  void matrixReaderWithTheSameKeysPairsInstanceToInstanceKeepingTheTake() {
    Plan p = plan(HOOKS);

    PlannedStep s = p.step("strings[mood=dark,tempo=fast]");
    assertThat(s.from()).isEqualTo(new StepRef("hook[mood=dark,tempo=fast]", 1));
    assertThat(s.dependencies()).containsExactly("hook[mood=dark,tempo=fast]");
  }

  @Test
  void selectDependsOnEveryInstanceAndListsEveryTakeInstanceMajor() {
    Plan p = plan(HOOKS);

    PlannedStep pick = p.step("pick2");
    assertThat(pick.kind()).isEqualTo(StepKind.SELECT);
    assertThat(pick.from()).isNull();
    assertThat(pick.takes()).isEqualTo(1);
    assertThat(pick.dependencies())
        .containsExactly(
            "hook[mood=calm,tempo=slow]",
            "hook[mood=calm,tempo=fast]",
            "hook[mood=dark,tempo=slow]",
            "hook[mood=dark,tempo=fast]");
    assertThat(pick.candidates()).hasSize(8);
    assertThat(pick.candidates().subList(0, 3))
        .containsExactly(
            new StepRef("hook[mood=calm,tempo=slow]", 0),
            new StepRef("hook[mood=calm,tempo=slow]", 1),
            new StepRef("hook[mood=calm,tempo=fast]", 0));
    assertThat(pick.select()).isEqualTo(new SelectRule.Index(5));
  }

  @Test
  void selectRulesArriveTyped() {
    Plan p = plan(HOOKS);

    assertThat(p.step("best").selectRule()).containsInstanceOf(SelectRule.Loudest.class);
    assertThat(p.step("best").candidates()).hasSize(4);
    assertThat(p.step("near").select()).isEqualTo(new SelectRule.ClosestDuration(12.5));
  }

  @Test
  void stepAfterASelectReadsItsOnlyTakeAndTakesCountIsSubstitutedButStillOrders() {
    Plan p = plan(HOOKS);

    PlannedStep bridge = p.step("bridge[tempo=fast]");
    assertThat(bridge.from()).isEqualTo(new StepRef("best", 0));
    assertThat(bridge.fields().get(StepField.PROMPT).constant()).contains("count 1");
    PlannedStep strings = p.step("strings[mood=calm,tempo=slow]");
    assertThat(strings.fields().get(StepField.PROMPT).constant()).contains("n=2");
    assertThat(strings.dependencies()).containsExactly("hook[mood=calm,tempo=slow]");
  }

  @Test
  void albumTracksAreNumberedAndNamedWithDefaultsFilledIn() {
    Plan p =
        plan(
            "version: 1\nname: night\nsteps:\n"
                + "  a: {type: generate, takes: 2}\n"
                + "  h: {type: generate, matrix: {mood: [calm, dark]}}\n"
                + "  s: {type: select, from: h, pick: longest}\n"
                + "album:\n  title: Night\n  tracks:\n"
                + "    - {step: 'a#1', title: Opening}\n"
                + "    - {step: 'h[mood=dark]', title: Dark Side}\n"
                + "    - {step: s, title: The Pick}\n");

    PlannedAlbum album = p.album().orElseThrow();
    assertThat(album.dir()).isEqualTo("out/night");
    assertThat(album.format()).isEqualTo("flac");
    assertThat(album.loudnessTarget()).isEmpty();
    assertThat(album.tracks())
        .extracting(PlannedAlbum.Track::fileName)
        .containsExactly("01 - Opening.flac", "02 - Dark Side.flac", "03 - The Pick.flac");
    assertThat(album.tracks())
        .extracting(PlannedAlbum.Track::source)
        .containsExactly(new StepRef("a", 1), new StepRef("h[mood=dark]", 0), new StepRef("s", 0));
  }

  @Test
  void albumKeepsFormatLoudnessArtistAndDir() {
    Plan p =
        plan(
            "version: 1\nsteps:\n  a: {type: generate}\n"
                + "album: {title: T, artist: Me, format: mp3, loudness: -16.5, dir: renders/t/, tracks: [{step: a, title: One}]}\n");

    PlannedAlbum album = p.album().orElseThrow();
    assertThat(album.artistName()).contains("Me");
    assertThat(album.loudnessTarget()).hasValue(-16.5);
    assertThat(album.dir()).isEqualTo("renders/t");
    assertThat(album.tracks().get(0).fileName()).isEqualTo("01 - One.mp3");
  }

  @Test
  void planWithoutAlbumHasNone() {
    assertThat(plan("version: 1\nsteps:\n  a: {type: generate}\n").album()).isEmpty();
  }

  @Test
  void jsonRenderingShowsPickCandidatesAndAlbum() {
    Plan p =
        plan(
            HOOKS.replace("steps:\n", "steps:\n")
                + "album: {title: T, tracks: [{step: best, title: Best}]}\n");

    Map<String, Object> json = PlanRenderer.json(p);

    assertThat(json).containsKey("album");
    assertThat(PlanRenderer.text(p))
        .contains("best  select  takes 1  pick loudest of 4 takes")
        .contains("01 - Best.flac ← best");
  }
}
