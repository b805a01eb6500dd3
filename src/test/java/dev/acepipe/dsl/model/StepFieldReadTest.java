package dev.acepipe.dsl.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StepFieldReadTest {

  @Test
  void textOfTheFieldsTypeInRangeIsValid() {
    FieldValue bpm = StepField.BPM.read(" 120 ");

    assertThat(bpm.isValid()).isTrue();
    assertThat(bpm.value()).isEqualTo(120L);
    assertThat(bpm.message()).isEmpty();
  }

  @Test
  void aWholeNumberWrittenWithAZeroFractionIsAnInteger() {
    assertThat(StepField.SEED.read("7.0").value()).isEqualTo(7L);
  }

  @Test
  void textNotOfTheTypeIsAWrongTypeWithNoValue() {
    FieldValue bpm = StepField.BPM.read("fast");

    assertThat(bpm.problem()).isEqualTo(FieldValue.Problem.WRONG_TYPE);
    assertThat(bpm.typed()).isEmpty();
    assertThat(bpm.message()).isEqualTo("'bpm' must be a whole number, got 'fast'");
  }

  @Test
  void eachTypeNamesWhatItExpects() {
    assertThat(StepField.THINKING.read("maybe").message())
        .isEqualTo("'thinking' must be true or false, got 'maybe'");
    assertThat(StepField.DURATION.read("NaN").message())
        .isEqualTo("'duration' must be a number, got 'NaN'");
    assertThat(StepField.DURATION.read("Infinity").problem())
        .isEqualTo(FieldValue.Problem.WRONG_TYPE);
  }

  @Test
  void aValueOutOfRangeKeepsItsConvertedValue() {
    FieldValue start = StepField.DURATION.read("900");

    assertThat(start.problem()).isEqualTo(FieldValue.Problem.OUT_OF_RANGE);
    assertThat(start.typed()).contains(900.0);
    assertThat(start.message()).isEqualTo("'duration' must be between 10 and 600, got 900");
  }

  @Test
  void textOutsideTheAllowedValuesIsOutOfRange() {
    FieldValue format = StepField.AUDIO_FORMAT.read("ogg");

    assertThat(format.problem()).isEqualTo(FieldValue.Problem.OUT_OF_RANGE);
    assertThat(format.message()).contains("must be one of mp3, wav");
  }

  @Test
  void convertThrowsTheTypeMessageForTextNotOfTheType() {
    assertThatThrownBy(() -> StepField.GUIDANCE_SCALE.convert("high"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'guidance_scale' must be a number, got 'high'");
  }
}
