package dev.acepipe.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acepipe.adapters.ModelCheck;
import dev.acepipe.client.ModelInventory;
import dev.acepipe.diagnostic.Diagnostic;
import dev.acepipe.dsl.model.LoraAdapter;
import dev.acepipe.dsl.model.Pipeline;
import dev.acepipe.dsl.model.Step;
import dev.acepipe.dsl.model.StepField;
import dev.acepipe.dsl.model.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The edit controls and {@code lora:} reach the model; the model/task check is located. */
class EditControlsAndLoraTest {
  private static Pipeline valid(String yaml) {
    CheckResult r = new PipelineChecker().check(yaml, "p.yaml");
    assertThat(r.diagnostics()).isEmpty();
    return r.valid().orElseThrow();
  }

  private static String constant(Step step, StepField f) {
    return step.field(f).flatMap(Template::constant).orElseThrow();
  }

  @Test
  void editControlsAreCarriedInTheStepFields() {
    Pipeline p =
        valid(
            "version: 1\nsteps:\n  d: {type: generate}\n"
                + "  r: {type: repaint, from: d, start: 4, mode: aggressive, strength: 0.25}\n"
                + "  c: {type: cover, from: d, noise_strength: 0.4, variant: nofsq}\n"
                + "  o: {type: continue, from: d, seconds: 20, overlap: 3}\n"
                + "  p: {type: continue, from: d, prepend: 8}\n");

    Step r = p.steps().get("r");
    assertThat(constant(r, StepField.MODE)).isEqualTo("aggressive");
    assertThat(constant(r, StepField.STRENGTH)).isEqualTo("0.25");
    assertThat(r.field(StepField.END)).isEmpty();
    assertThat(constant(p.steps().get("c"), StepField.NOISE_STRENGTH)).isEqualTo("0.4");
    assertThat(constant(p.steps().get("c"), StepField.VARIANT)).isEqualTo("nofsq");
    assertThat(constant(p.steps().get("o"), StepField.OVERLAP)).isEqualTo("3");
    assertThat(constant(p.steps().get("p"), StepField.PREPEND)).isEqualTo("8");
    assertThat(p.steps().get("p").field(StepField.SECONDS)).isEmpty();
  }

  @Test
  void loraOfDefaultsIsReplacedByTheStepsOwnList() {
    Pipeline p =
        valid(
            "version: 1\ndefaults:\n  lora: [{path: /l/jazz, scale: 0.8, name: jazz}]\n"
                + "steps:\n  a: {type: generate}\n"
                + "  b: {type: generate, lora: [{path: /l/brass}]}\n"
                + "  c: {type: generate, lora: []}\n");

    assertThat(p.steps().get("a").lora())
        .extracting(LoraAdapter::path, LoraAdapter::scale, LoraAdapter::name)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("/l/jazz", 0.8, "jazz"));
    assertThat(p.steps().get("a").locationOf("lora").line()).isEqualTo(3);
    assertThat(p.steps().get("b").lora())
        .extracting(LoraAdapter::path, LoraAdapter::scale, LoraAdapter::name)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("/l/brass", LoraAdapter.DEFAULT_SCALE, null));
    assertThat(p.steps().get("c").lora()).isEmpty();
    assertThat(LoraAdapter.identity(p.steps().get("a").lora())).isEqualTo("/l/jazz@0.8#jazz");
  }

  @Test
  void aTaskTheModelDoesNotRunIsAnErrorOnTheModelKey() {
    Pipeline p =
        valid(
            "version: 1\nsteps:\n  d: {type: generate}\n"
                + "  c:\n    type: cover\n    from: d\n    variant: nofsq\n"
                + "    model: old-model\n");
    // a server whose old model predates cover-nofsq
    ModelCheck inventory =
        ModelCheck.of(
            new ModelInventory(
                List.of(
                    new ModelInventory.Model(
                        "old-model",
                        true,
                        Optional.of(true),
                        List.of("text2music", "repaint", "cover"))),
                List.of(),
                Optional.empty(),
                true));
    List<Diagnostic> out = new ArrayList<>();

    new ModelTaskRule(inventory).check(p, p.steps().keySet(), out);

    assertThat(out).hasSize(1);
    assertThat(out.get(0).code()).isEqualTo("base-only-task");
    assertThat(out.get(0).location().line()).isEqualTo(8);
    assertThat(out.get(0).message())
        .contains("cover-nofsq")
        .contains("old-model")
        .contains("text2music, repaint, cover")
        .doesNotContain("documented");
  }

  @Test
  void offlineATurboModelRunsCoverNofsq() {
    Pipeline p =
        valid(
            "version: 1\nsteps:\n  d: {type: generate, model: acestep-v15-turbo}\n"
                + "  c: {type: cover, from: d, variant: nofsq, model: acestep-v15-turbo}\n");

    assertThat(p.steps()).hasSize(2);
  }
}
