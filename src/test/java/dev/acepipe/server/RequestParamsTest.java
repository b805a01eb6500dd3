package dev.acepipe.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class RequestParamsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JobSpec spec(String json) throws Exception {
    return JobSpec.from(RequestParams.of((ObjectNode) JSON.readTree(json), JSON));
  }

  @Test
  void appliesTheRealServersDefaults() throws Exception {
    JobSpec spec = spec("{}");

    assertThat(spec.taskType()).isEqualTo("text2music");
    assertThat(spec.batchSize()).isEqualTo(2);
    assertThat(spec.audioFormat()).isEqualTo("mp3");
    assertThat(spec.useRandomSeed()).isTrue();
    assertThat(spec.coverStrength()).isEqualTo(1.0);
    assertThat(spec.durationSeconds()).isNull();
    assertThat(spec.language()).isEqualTo("en");
  }

  @Test
  void paramObjWinsOverMetasWhichWinsOverMetadata() throws Exception {
    JobSpec spec =
        spec(
            "{\"param_obj\": {\"bpm\": 100}, \"metas\": {\"bpm\": 110, \"keyscale\": \"A minor\"},"
                + " \"metadata\": {\"bpm\": 120, \"key_scale\": \"C major\", \"timeSignature\": 3}}");

    assertThat(spec.bpm()).isEqualTo(100);
    assertThat(spec.keyScale()).isEqualTo("A minor");
    assertThat(spec.timeSignature()).isEqualTo("3");
  }

  @Test
  void numbersAndBooleansMayArriveAsStringsAndBadValuesReadAsAbsent() throws Exception {
    JobSpec spec =
        spec(
            "{\"bpm\": \"128\", \"useRandomSeed\": \"false\", \"seed\": \"77\", \"batch_size\": 50,"
                + " \"audio_duration\": \"long\", \"description\": \"a song\", \"sample_mode\": 1}");

    assertThat(spec.bpm()).isEqualTo(128);
    assertThat(spec.useRandomSeed()).isFalse();
    assertThat(spec.seeds()).containsExactly(77L);
    assertThat(spec.batchSize()).isEqualTo(8);
    assertThat(spec.durationSeconds()).isNull();
    assertThat(spec.sampleQuery()).isEqualTo("a song");
    assertThat(spec.sampleMode()).isTrue();
  }

  @Test
  void pathAliasesAreRecognised() throws Exception {
    JobSpec spec = spec("{\"ctxAudioPath\": \"/o/a.wav\", \"ref_audio_path\": \" /o/r.wav \"}");

    assertThat(spec.srcAudioPath()).isEqualTo("/o/a.wav");
    assertThat(spec.referenceAudioPath()).isEqualTo("/o/r.wav");
  }

  @Test
  void aParamObjStringThatIsNotJsonIsAnError() {
    assertThatThrownBy(() -> spec("{\"param_obj\": \"{oops\"}"))
        .isInstanceOf(java.io.IOException.class);
  }

  @Test
  void readsTheStemAndEditFieldsUnderTheirNamesAndAliases() throws Exception {
    JobSpec lego =
        spec(
            "{\"task_type\": \"lego\", \"track_name\": \"guitar\", \"param_obj\":"
                + " {\"global_caption\": \"warm soul\", \"repaint_mode\": \"aggressive\", \"repaintStrength\": 0.2,"
                + " \"cover_noise_strength\": \"0.4\"}}");
    JobSpec complete =
        spec("{\"task_type\": \"complete\", \"instruments\": [\"drums\", \"bass\"]}");
    JobSpec single = spec("{\"task_type\": \"complete\", \"track_classes\": \"strings\"}");

    assertThat(lego.tracks()).containsExactly("guitar");
    assertThat(lego.globalCaption()).isEqualTo("warm soul");
    assertThat(lego.repaintMode()).isEqualTo("aggressive");
    assertThat(lego.repaintStrength()).isEqualTo(0.2);
    assertThat(lego.coverNoiseStrength()).isEqualTo(0.4);
    assertThat(complete.tracks()).containsExactly("drums", "bass");
    assertThat(single.tracks()).containsExactly("strings");
    assertThat(spec("{}").coverNoiseStrength()).isZero();
    assertThat(spec("{}").repaintMode()).isNull();
  }

  @Test
  void onlyTheRepaintControlsAreValidatedAsUpstreamsRequestModelDoes() throws Exception {
    assertThat(spec("{\"repaint_mode\": \"gentle\"}").invalidControl())
        .get()
        .asString()
        .contains("repaint_mode");
    assertThat(spec("{\"repaint_strength\": 1.5}").invalidControl())
        .get()
        .asString()
        .contains("repaint_strength");
    assertThat(
            spec("{\"repaint_mode\": \"Conservative\", \"cover_noise_strength\": 7}")
                .invalidControl())
        .isEmpty();
  }
}
