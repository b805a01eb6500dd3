package dev.acepipe.dsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.acepipe.dsl.model.OutputField;
import dev.acepipe.dsl.model.Part;
import dev.acepipe.dsl.model.SourceLocation;
import dev.acepipe.dsl.model.Template;
import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExpressionsTest {
  private static final SourceLocation AT = new SourceLocation("p.yaml", 3, 5);

  private static Template parse(String text) throws ExpressionException {
    return Expressions.parse(text, AT, Expressions.STEP_SCOPES);
  }

  @Test
  void parsesEveryScopeIntoItsPart() throws ExpressionException {
    Template t =
        parse(
            "${vars.style}|${env.HOME}|${env.X:-a b}|${params.bpm}|${params.n:-3}|${matrix.mood}|${steps.draft.caption}");

    assertThat(t.parts())
        .containsExactly(
            new Part.VarRef("style"),
            new Part.Literal("|"),
            new Part.EnvRef("HOME", null),
            new Part.Literal("|"),
            new Part.EnvRef("X", "a b"),
            new Part.Literal("|"),
            new Part.ParamRef("bpm", null),
            new Part.Literal("|"),
            new Part.ParamRef("n", "3"),
            new Part.Literal("|"),
            new Part.MatrixRef("mood"),
            new Part.Literal("|"),
            new Part.StepFieldRef("draft", OutputField.CAPTION));
  }

  @Test
  void plainTextIsOneConstantLiteral() throws ExpressionException {
    Template t = parse("costs $5 and {braces}");

    assertThat(t.constant()).contains("costs $5 and {braces}");
  }

  @Test
  void doubledDollarWritesALiteralReference() throws ExpressionException {
    Template t = parse("literal $${vars.x} here");

    assertThat(t.constant()).contains("literal ${vars.x} here");
  }

  @Test
  void unterminatedReferenceReportsItsOffset() {
    assertThatThrownBy(() -> parse("abc ${vars.x"))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("unterminated")
        .extracting(e -> ((ExpressionException) e).offset())
        .isEqualTo(4);
  }

  @Test
  void unknownScopeSuggestsTheClosest() {
    assertThatThrownBy(() -> parse("${step.a.caption}"))
        .isInstanceOf(ExpressionException.class)
        .extracting(e -> ((ExpressionException) e).hint())
        .isEqualTo("did you mean 'steps'?");
  }

  @Test
  void scopeNotAllowedInThisPlaceIsRejected() {
    assertThatThrownBy(
            () -> Expressions.parse("${steps.a.caption}", AT, EnumSet.of(Expressions.Scope.ENV)))
        .isInstanceOf(ExpressionException.class)
        .hasMessageContaining("cannot be used here");
  }

  @Test
  void stepReferenceNeedsAKnownField() {
    assertThatThrownBy(() -> parse("${steps.a.tempo}"))
        .hasMessageContaining("unknown output field 'tempo'");
    assertThatThrownBy(() -> parse("${steps.a}")).hasMessageContaining("names no output field");
  }

  @Test
  void substituteReplacesOnlyResolvedParts() throws ExpressionException {
    Template t = parse("${vars.a}-${steps.s.bpm}");

    Template r = t.substitute(p -> p instanceof Part.VarRef ? Optional.of("x") : Optional.empty());

    assertThat(r.parts())
        .containsExactly(new Part.Literal("x-"), new Part.StepFieldRef("s", OutputField.BPM));
    assertThat(r.isConstant()).isFalse();
    assertThat(r.stepRefs()).extracting(Part.StepFieldRef::step).containsExactly("s");
  }
}
