package dev.acepipe.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.acepipe.album.TakeSelector;
import dev.acepipe.client.Metas;
import dev.acepipe.client.TaskRequest;
import dev.acepipe.dsl.model.StepKind;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepHandlersTest {

  @Test
  void everyKindHasAHandlerOfItsOwnKind() {
    for (StepKind kind : StepKind.values()) {
      assertThat(StepHandlers.of(kind).kind()).isEqualTo(kind);
    }
  }

  @Test
  void aTrackHandlerServesOnlyTheTrackKinds() {
    assertThatThrownBy(() -> new TrackHandler(StepKind.COVER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cover is not a track kind");
  }

  @Test
  void onlyKindsThatEditOrRenderAudioOnTheServerAreJobs() {
    assertThat(StepHandlers.of(StepKind.COVER)).isInstanceOf(JobHandler.class);
    assertThat(StepHandlers.of(StepKind.FORMAT)).isInstanceOf(AnswerHandler.class);
    assertThat(StepHandlers.of(StepKind.SELECT)).isInstanceOf(LocalHandler.class);
    assertThatThrownBy(() -> StepHandlers.job(StepKind.IMPORT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("import is not a server job");
  }

  @Test
  void onlyAnswerKindsAskAQuestion() {
    assertThat(StepAction.Ask.random("simple_mode").kind()).isEqualTo("random");
    assertThatThrownBy(() -> new StepAction.Ask<>(StepKind.GENERATE, "simple_mode"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("generate asks the server no question");
    assertThatThrownBy(() -> new StepAction.Ask<>(StepKind.FORMAT, "simple_mode"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("format asks a FormatRequest, not a String");
  }

  @Test
  void aJobOutputPrefersWhatTheServerReportedOverWhatTheStepAsked() {
    TaskRequest asked =
        TaskRequest.builder()
            .prompt("asked")
            .lyrics("la")
            .bpm(90)
            .keyScale("C major")
            .seed(7)
            .build();
    TakeResult take =
        TakeResult.builder(0, Path.of("draft/0.flac"), "ab", 10, new AudioInfo(31.5, 48000, 2))
            .metas(new Metas(120.0, 31.5, null, null, null))
            .prompt("rewritten")
            .build();

    StepOutput out = JobHandler.output("draft", StepAction.Job.generate(asked), List.of(take));

    assertThat(out.fields())
        .containsEntry("caption", "rewritten")
        .containsEntry("lyrics", "la")
        .containsEntry("bpm", 120.0)
        .containsEntry("key", "C major")
        .containsEntry("duration", 31.5)
        .containsEntry("seed", 7L)
        .containsEntry("file", Path.of("draft/0.flac").toString());
  }

  @Test
  void aJobWithoutAReportedBpmKeepsTheAskedOneAsAnInteger() {
    TaskRequest asked = TaskRequest.builder().prompt("p").bpm(90).seed(1).build();
    TakeResult take =
        TakeResult.builder(0, Path.of("a.flac"), "ab", 10, new AudioInfo(30, 48000, 2)).build();

    StepOutput out = JobHandler.output("a", StepAction.Job.generate(asked), List.of(take));

    assertThat(out.fields().get("bpm")).isEqualTo(90);
  }

  @Test
  void anImportOfAMissingFileIsPreviewedAsNotReadableYet(@TempDir Path dir) {
    LocalHandler handler = (LocalHandler) StepHandlers.of(StepKind.IMPORT);
    StepAction.Import action = new StepAction.Import(dir.resolve("missing.wav"));

    LocalHandler.Preview p =
        handler.preview(
            "intro",
            action,
            new LocalHandler.Inputs(
                new FakeAudioProbe(),
                id -> {
                  throw new IllegalArgumentException("none");
                },
                new TakeSelector()));

    assertThat(p.mark()).isEqualTo("will render");
    assertThat(p.reason()).startsWith("cannot read ").endsWith("missing.wav yet");
    assertThat(p.matchesLock()).isFalse();
  }
}
