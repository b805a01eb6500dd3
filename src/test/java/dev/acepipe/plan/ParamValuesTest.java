package dev.acepipe.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acepipe.diagnostic.Codes;
import dev.acepipe.diagnostic.Diagnostic;
import dev.acepipe.dsl.model.Pipeline;
import dev.acepipe.dsl.model.SourceLocation;
import dev.acepipe.dsl.model.StepField;
import dev.acepipe.validate.CheckResult;
import dev.acepipe.validate.PipelineChecker;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Typed params: defaults, --set and --params overrides, wrong types and undeclared names. */
class ParamValuesTest {
  private static final String TYPED =
      "version: 1\n"
          + "params:\n"
          + "  title: {type: string, default: Night}\n"
          + "  tempo: {type: int, default: 100}\n"
          + "  length: {type: number, default: 20}\n"
          + "  think: {type: bool, default: false}\n"
          + "  mood: {type: enum, values: [calm, dark], default: calm}\n"
          + "  extra: {type: string}\n"
          + "steps:\n"
          + "  a:\n"
          + "    type: generate\n"
          + "    prompt: ${params.title} ${params.mood}\n"
          + "    bpm: ${params.tempo}\n"
          + "    duration: ${params.length}\n"
          + "    thinking: ${params.think}\n";

  private static Pipeline valid(String yaml) {
    CheckResult r = new PipelineChecker(false).check(yaml, "p.yaml");
    assertThat(r.diagnostics()).as("fixture must be valid").isEmpty();
    return r.pipeline();
  }

  private static PlanResult plan(Map<String, String> params) {
    return new Planner().plan(valid(TYPED), new PlanInputs(params, Map.of()));
  }

  private static String field(PlanResult r, StepField f) {
    return r.plan().step("a").fields().get(f).constant().orElseThrow();
  }

  @Test
  void defaultsApplyWhenNothingIsGiven() {
    PlanResult r = plan(Map.of());

    assertThat(r.diagnostics()).isEmpty();
    assertThat(field(r, StepField.PROMPT)).isEqualTo("Night calm");
    assertThat(field(r, StepField.BPM)).isEqualTo("100");
    assertThat(field(r, StepField.DURATION)).isEqualTo("20");
    assertThat(field(r, StepField.THINKING)).isEqualTo("false");
    assertThat(r.plan().params()).containsEntry("tempo", "100").doesNotContainKey("extra");
  }

  @Test
  void everyTypeAcceptsAValueOfItsTypeInCanonicalForm() {
    PlanResult r =
        plan(
            Map.of(
                "title", "Dawn", "tempo", "+0120", "length", "12.50", "think", "TRUE", "mood",
                "dark"));

    assertThat(r.diagnostics()).isEmpty();
    assertThat(field(r, StepField.PROMPT)).isEqualTo("Dawn dark");
    assertThat(field(r, StepField.BPM)).isEqualTo("120");
    assertThat(field(r, StepField.DURATION)).isEqualTo("12.5");
    assertThat(field(r, StepField.THINKING)).isEqualTo("true");
  }

  @Test
  void wrongTypesAreReportedAtTheDeclarationNamingTheParam() {
    PlanResult r =
        plan(Map.of("tempo", "fast", "length", "long", "think", "maybe", "mood", "drak"));

    assertThat(r.ok()).isFalse();
    assertThat(r.diagnostics())
        .extracting(Diagnostic::code)
        .containsOnly(Codes.WRONG_TYPE)
        .hasSize(4);
    assertThat(r.diagnostics())
        .anySatisfy(
            d -> {
              assertThat(d.message()).contains("param 'tempo' is int").contains("'fast'");
              assertThat(d.location()).isEqualTo(new SourceLocation("p.yaml", 4, 3));
            });
    assertThat(r.diagnostics())
        .anySatisfy(
            d -> {
              assertThat(d.message()).contains("param 'mood' is enum");
              assertThat(d.hint()).isEqualTo("did you mean 'dark'?");
            });
  }

  @Test
  void aWrongTypeFromAParamsFileIsLocatedAtItsLineThere() {
    SourceLocation there = new SourceLocation("values.yaml", 3, 8);

    PlanResult r =
        new Planner()
            .plan(
                valid(TYPED),
                new PlanInputs(Map.of("tempo", "fast"), Map.of(), Map.of("tempo", there)));

    assertThat(r.diagnostics())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.location()).isEqualTo(there);
              assertThat(d.message()).contains("--params");
            });
  }

  @Test
  void anUndeclaredSetIsAnErrorNamingItWithADidYouMean() {
    PlanResult r = plan(Map.of("tempi", "120"));

    assertThat(r.diagnostics())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.code()).isEqualTo(Codes.UNKNOWN_PARAM);
              assertThat(d.message()).contains("'tempi'");
              assertThat(d.hint()).isEqualTo("did you mean 'tempo'?");
            });
  }

  @Test
  void aDeclaredParamWithoutDefaultOrValueIsMissingOnlyWhereItIsRead() {
    Pipeline p =
        valid(
            "version: 1\nparams:\n  who: {type: string}\nsteps:\n  a: {type: generate, prompt: 'by ${params.who}'}\n");

    PlanResult r = new Planner().plan(p, PlanInputs.empty());

    assertThat(r.diagnostics()).extracting(Diagnostic::code).containsExactly(Codes.MISSING_VALUE);
  }

  @Test
  void untypedParamsOfPipelinesWithoutDeclarationsStillWork() {
    Pipeline p = valid("version: 1\nsteps:\n  a: {type: generate, bpm: '${params.bpm:-90}'}\n");

    PlanResult r = new Planner().plan(p, new PlanInputs(Map.of("bpm", "120"), Map.of()));

    assertThat(r.diagnostics()).isEmpty();
    assertThat(r.plan().step("a").fields().get(StepField.BPM).constant()).contains("120");
  }

  @Test
  void aParamValueOutOfTheFieldsRangeIsStillCaughtWhenPlanned() {
    PlanResult r = plan(Map.of("tempo", "999"));

    assertThat(r.diagnostics()).extracting(Diagnostic::code).containsExactly(Codes.OUT_OF_RANGE);
  }
}
