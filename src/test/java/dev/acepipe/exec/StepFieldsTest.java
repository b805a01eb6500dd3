package dev.acepipe.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.acepipe.client.FormatResult;
import dev.acepipe.client.RandomSample;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepFieldsTest {

  @Test
  void aFormatAnswerOffersItsFieldsUnderTheDslNamesInOrder() {
    FormatResult answer = new FormatResult("c", "l", 120, "A minor", "4", 30.0, "en");

    var fields = StepFields.of(answer);

    assertThat(fields)
        .containsExactly(
            entry("caption", "c"),
            entry("lyrics", "l"),
            entry("bpm", 120),
            entry("key", "A minor"),
            entry("time_signature", "4"),
            entry("duration", 30.0),
            entry("language", "en"));
  }

  @Test
  void aRandomSampleKeepsTheFieldsTheServerLeftOutAsNullsForStepOutputToDrop() {
    RandomSample simple =
        new RandomSample("a song", true, null, null, null, null, null, null, "de");

    StepOutput out = new StepOutput("r", List.of(), StepFields.of(simple));

    assertThat(StepFields.of(simple).keySet())
        .containsExactly(
            "description",
            "instrumental",
            "caption",
            "lyrics",
            "bpm",
            "duration",
            "key",
            "time_signature",
            "language");
    assertThat(out.fields().keySet()).containsExactly("description", "instrumental", "language");
  }

  @Test
  void aFileFieldIsGivenAsItsPathText() {
    var fields = new ImportHandler.Fields(12.5, Path.of("in", "a.wav")).asMap();

    assertThat(fields).containsEntry("duration", 12.5);
    assertThat(fields.get("file")).isEqualTo(Path.of("in", "a.wav").toString());
  }
}
