package dev.acepipe.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.acepipe.diagnostic.Codes;
import dev.acepipe.dsl.model.OutputField;
import dev.acepipe.dsl.model.Pipeline;
import dev.acepipe.dsl.model.StepField;
import dev.acepipe.dsl.model.StepKind;
import dev.acepipe.dsl.model.StepRef;
import dev.acepipe.validate.CheckResult;
import dev.acepipe.validate.PipelineChecker;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlannerTest {
  private final Planner planner = new Planner();

  private static Pipeline valid(String yaml) {
    CheckResult r = new PipelineChecker(false).check(yaml, "p.yaml");
    assertThat(r.diagnostics()).as("fixture must be valid").isEmpty();
    return r.pipeline();
  }

  private Plan plan(String yaml, Map<String, String> params) {
    PlanResult r = planner.plan(valid(yaml), new PlanInputs(params, Map.of()));
    assertThat(r.diagnostics()).isEmpty();
    return r.plan();
  }

  /** Answers ${steps...} from a map "instance.field" → value, and records what was asked. */
  private static final class FakeStepOutputs implements StepOutputs {
    final Map<String, String> values = new HashMap<>();
    final List<String> asked = new java.util.ArrayList<>();

    @Override
    public Optional<String> value(String instanceId, OutputField field) {
      asked.add(instanceId + "." + field.yamlName());
      return Optional.ofNullable(values.get(instanceId + "." + field.yamlName()));
    }
  }

  private static final String CHAIN =
      "version: 1\nsteps:\n"
          + "  d: {type: generate}\n"
          + "  a: {type: generate}\n"
          + "  c: {type: cover, from: a}\n"
          + "  b: {type: cover, from: d, needs: [c]}\n";

  @Test
  void orderIsTopologicalWithDeclarationOrderBreakingTies() {
    Plan p = plan(CHAIN, Map.of());

    assertThat(p.order()).extracting(PlannedStep::id).containsExactly("d", "a", "c", "b");
    assertThat(p.levels()).containsExactly(List.of("d", "a"), List.of("c"), List.of("b"));
    assertThat(p.step("b").dependencies()).containsExactly("d", "c");
    assertThat(p.order()).extracting(PlannedStep::index).containsExactly(0, 1, 2, 3);
  }

  @Test
  void planningTwiceGivesTheSameOrder() {
    Plan first = plan(CHAIN, Map.of());
    Plan second = plan(CHAIN, Map.of());

    assertThat(second.order()).isEqualTo(first.order());
  }

  @Test
  void downstreamConeNamesEveryDependent() {
    Plan p = plan(CHAIN, Map.of());

    assertThat(p.downstreamOf("a")).containsExactlyInAnyOrder("c", "b");
    assertThat(p.downstreamOf("b")).isEmpty();
  }

  @Test
  void matrixExpandsIntoInstancesAndBindsReadersToTheMatchingInstance() {
    Plan p =
        plan(
            "version: 1\nsteps:\n"
                + "  v:\n    type: generate\n    prompt: piano, ${matrix.mood}\n    matrix: {mood: [calm, dark], tempo: [slow, fast]}\n"
                + "  w:\n    type: cover\n    from: v#0\n    prompt: ${steps.v.caption} strings\n    matrix: {tempo: [fast], mood: [dark]}\n"
                + "  all:\n    type: generate\n    needs: v\n",
            Map.of());

    assertThat(p.order())
        .extracting(PlannedStep::id)
        .containsExactly(
            "v[mood=calm,tempo=slow]",
            "v[mood=calm,tempo=fast]",
            "v[mood=dark,tempo=slow]",
            "v[mood=dark,tempo=fast]",
            "w[tempo=fast,mood=dark]",
            "all");
    PlannedStep w = p.step("w[tempo=fast,mood=dark]");
    assertThat(w.from()).isEqualTo(new StepRef("v[mood=dark,tempo=fast]", 0));
    assertThat(w.dependencies()).containsExactly("v[mood=dark,tempo=fast]");
    assertThat(w.matrixValues())
        .containsExactly(Map.entry("tempo", "fast"), Map.entry("mood", "dark"));
    assertThat(PlanRenderer.show(p.step("v[mood=dark,tempo=slow]").fields().get(StepField.PROMPT)))
        .isEqualTo("piano, dark");
    assertThat(p.step("all").dependencies()).hasSize(4);
  }

  @Test
  void resolveReadsUpstreamOutputsAndConvertsTypes() {
    Plan p =
        plan(
            "version: 1\nsteps:\n"
                + "  words: {type: format, prompt: pop}\n"
                + "  song:\n    type: generate\n    prompt: ${steps.words.caption}, live\n    bpm: ${steps.words.bpm}\n    duration: 30\n    thinking: true\n    seed: 7\n    takes: 2\n",
            Map.of());
    FakeStepOutputs upstream = new FakeStepOutputs();
    upstream.values.put("words.caption", "bright pop");
    upstream.values.put("words.bpm", "118");

    ResolvedStep song = p.step("song").resolve(upstream);

    assertThat(song.kind()).isEqualTo(StepKind.GENERATE);
    assertThat(song.text(StepField.PROMPT)).contains("bright pop, live");
    assertThat(song.integer(StepField.BPM)).hasValue(118);
    assertThat(song.number(StepField.DURATION)).hasValue(30.0);
    assertThat(song.flag(StepField.THINKING)).contains(true);
    assertThat(song.takes()).isEqualTo(2);
    assertThat(p.step("song").seed()).hasValue(7);
    assertThat(upstream.asked).containsExactly("words.caption", "words.bpm");
  }

  @Test
  void resolveFailsWithANamedFieldWhenUpstreamValueIsUnusable() {
    Plan p =
        plan(
            "version: 1\nsteps:\n  w: {type: format}\n  s: {type: generate, bpm: '${steps.w.bpm}'}\n",
            Map.of());
    FakeStepOutputs upstream = new FakeStepOutputs();
    upstream.values.put("w.bpm", "N/A");

    assertThatThrownBy(() -> p.step("s").resolve(upstream))
        .isInstanceOf(ResolutionException.class)
        .hasMessageContaining("step 's'")
        .hasMessageContaining("bpm");
    assertThatThrownBy(() -> p.step("s").resolve(StepOutputs.none()))
        .isInstanceOf(ResolutionException.class)
        .hasMessageContaining("did not produce");
  }

  @Test
  void paramsAreResolvedAtPlanTimeAndRangeChecked() {
    String yaml =
        "version: 1\nsteps:\n  s: {type: generate, bpm: '${params.bpm}', prompt: '${params.style:-ambient}'}\n";

    Plan ok = plan(yaml, Map.of("bpm", "120"));
    PlanResult missing = planner.plan(valid(yaml), new PlanInputs(Map.of(), Map.of()));
    PlanResult tooFast = planner.plan(valid(yaml), new PlanInputs(Map.of("bpm", "999"), Map.of()));

    assertThat(ok.step("s").resolve(StepOutputs.none()).integer(StepField.BPM)).hasValue(120);
    assertThat(ok.step("s").resolve(StepOutputs.none()).text(StepField.PROMPT)).contains("ambient");
    assertThat(missing.ok()).isFalse();
    assertThat(missing.diagnostics())
        .extracting(d -> d.code())
        .containsExactly(Codes.MISSING_VALUE);
    assertThat(missing.diagnostics().get(0).hint()).isEqualTo("pass --set bpm=VALUE");
    assertThat(tooFast.diagnostics()).extracting(d -> d.code()).containsExactly(Codes.OUT_OF_RANGE);
  }

  @Test
  void serverKeyComesFromTheEnvironmentAndNeverShowsInToString() {
    Pipeline p =
        valid(
            "version: 1\nserver: {url: '${env.U}', api_key: '${env.K}'}\nsteps:\n  s: {type: generate}\n");

    PlanResult r =
        planner.plan(
            p, new PlanInputs(Map.of(), Map.of("U", "http://gpu:8001", "K", "sekret-123")));

    PlannedServer server = r.plan().server().orElseThrow();
    assertThat(server.url()).isEqualTo("http://gpu:8001");
    assertThat(server.key()).contains("sekret-123");
    assertThat(server.toString()).doesNotContain("sekret-123");
    assertThat(r.plan().toString()).doesNotContain("sekret-123");
    assertThat(PlanRenderer.text(r.plan()) + PlanRenderer.json(r.plan()))
        .doesNotContain("sekret-123");
  }

  @Test
  void cycleIsReportedNotThrown() {
    CheckResult checked =
        new PipelineChecker(false)
            .check(
                "version: 1\nsteps:\n  a: {type: cover, from: b}\n  b: {type: cover, from: a}\n",
                "p.yaml");

    PlanResult r = planner.plan(checked.pipeline(), PlanInputs.empty());

    assertThat(r.ok()).isFalse();
    assertThat(r.diagnostics())
        .extracting(d -> d.message())
        .containsExactly("steps form a cycle: a → b → a");
  }

  @Test
  void renderersShowEveryStepAndEdge() {
    Plan p = plan(CHAIN, Map.of());

    assertThat(PlanRenderer.dot(p))
        .contains("\"a\" -> \"c\";", "\"c\" -> \"b\";", "\"d\" -> \"b\";");
    assertThat(PlanRenderer.mermaid(p))
        .startsWith("flowchart LR\n")
        .contains("n1 --> n2", "n2 --> n3", "n0 --> n3");
    assertThat(PlanRenderer.text(p))
        .contains("level 0\n  d  generate", "level 2\n  b  cover  takes 1  from d  after d, c");
  }

  @Test
  void fiveThousandStepRandomDagPlansInDependencyOrder() {
    StringBuilder y = new StringBuilder("version: 1\nsteps:\n");
    java.util.Random random = new java.util.Random(1);
    for (int i = 0; i < 5000; i++) {
      y.append("  s").append(i).append(":\n    type: generate\n");
      if (i > 0) {
        y.append("    needs: [");
        int parents = 1 + random.nextInt(3);
        for (int k = 0; k < parents; k++) {
          y.append(k == 0 ? "" : ", ").append("s").append(random.nextInt(i));
        }
        y.append("]\n");
      }
    }

    Plan p = plan(y.toString(), Map.of());

    assertThat(p.order()).hasSize(5000);
    Map<String, Integer> pos = new HashMap<>();
    p.order().forEach(s -> pos.put(s.id(), s.index()));
    assertThat(p.order())
        .allSatisfy(
            s ->
                assertThat(s.dependencies())
                    .allSatisfy(d -> assertThat(pos.get(d)).isLessThan(s.index())));
  }
}
