package dev.acepipe.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.acepipe.json.JsonMappers;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pins the {@code /release_task} body keys. They come from the component names of {@link
 * TaskRequest} (snake_case naming), and the same body is what exec's recipes fingerprint, so a
 * renamed component would change the wire, every fingerprint and every cache at once.
 */
class TaskRequestWireKeysTest {
  /**
   * Every key a fully set request sends, sorted: the spellings of docs/acestep-api.md's {@code
   * /release_task} fields.
   */
  private static final List<String> WIRE_KEYS =
      List.of(
          "audio_cover_strength",
          "audio_duration",
          "audio_format",
          "batch_size",
          "bpm",
          "cover_noise_strength",
          "global_caption",
          "guidance_scale",
          "inference_steps",
          "key_scale",
          "lyrics",
          "model",
          "prompt",
          "reference_audio_path",
          "repaint_mode",
          "repaint_strength",
          "repainting_end",
          "repainting_start",
          "sample_mode",
          "sample_query",
          "seed",
          "src_audio_path",
          "task_type",
          "thinking",
          "time_signature",
          "track_classes",
          "track_name",
          "use_cot_caption",
          "use_cot_language",
          "use_format",
          "use_random_seed",
          "vocal_language");

  /** The mapper the client posts with and the recipes fingerprint with. */
  private final ObjectMapper wire = JsonMappers.standard();

  /** Reads the body as text and refuses a key written twice. */
  private final ObjectMapper strict =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private static TaskRequestBuilder everyTypedField() {
    return TaskRequest.builder()
        .taskType("repaint")
        .prompt("warm synth pop")
        .lyrics("[Verse]\nla la")
        .thinking(true)
        .sampleMode(true)
        .sampleQuery("a song about rivers")
        .useFormat(true)
        .model("acestep-v15-turbo")
        .audioDuration(42.5)
        .bpm(104)
        .keyScale("E minor")
        .timeSignature("4")
        .vocalLanguage("en")
        .inferenceSteps(8)
        .guidanceScale(7.0)
        .seed(7)
        .batchSize(2)
        .srcAudioPath("/srv/out/src.flac")
        .referenceAudioPath("/srv/out/ref.flac")
        .repaintingStart(10.0)
        .repaintingEnd(20.0)
        .repaintMode("balanced")
        .repaintStrength(0.5)
        .audioCoverStrength(0.8)
        .coverNoiseStrength(0.25)
        .audioFormat("wav")
        .useCotCaption(false)
        .useCotLanguage(false)
        .trackName("vocals")
        .trackClasses(List.of("drums", "bass"))
        .globalCaption("the whole song");
  }

  private static List<String> sortedKeys(JsonNode node) {
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    keys.sort(null);
    return keys;
  }

  @Test
  void theFixtureSetsEveryTypedComponent() throws Exception {
    TaskRequest request = everyTypedField().build();

    for (RecordComponent c : TaskRequest.class.getRecordComponents()) {
      if (!c.getAccessor().isAnnotationPresent(JsonIgnore.class)) {
        assertThat(c.getAccessor().invoke(request)).as(c.getName()).isNotNull();
      }
    }
  }

  @Test
  void aFullySetRequestSendsExactlyTheDocumentedKeys() throws Exception {
    TaskRequest request = everyTypedField().build();

    ObjectNode body = wire.valueToTree(request);
    JsonNode asText = strict.readTree(wire.writeValueAsString(request));

    assertThat(sortedKeys(body)).containsExactlyElementsOf(WIRE_KEYS);
    assertThat(sortedKeys(asText)).containsExactlyElementsOf(WIRE_KEYS);
    assertThat(body.get("seed").asLong()).isEqualTo(7L);
    assertThat(body.get("use_random_seed").asBoolean(true)).isFalse();
    assertThat(body.get("audio_duration").asDouble()).isEqualTo(42.5);
    assertThat(body.get("track_classes")).hasSize(2);
  }

  @Test
  void aSeedListChangesTheSeedValueButNotTheKeys() throws Exception {
    TaskRequest request = everyTypedField().seeds(List.of(7L, 8L)).build();

    JsonNode body = strict.readTree(wire.writeValueAsString(request));

    assertThat(sortedKeys(body)).containsExactlyElementsOf(WIRE_KEYS);
    assertThat(body.get("seed").asText()).isEqualTo("7,8");
  }

  @Test
  void extrasNamedLikeTypedKeysNeitherDuplicateNorOverrideThem() throws Exception {
    TaskRequest request =
        everyTypedField()
            .extra("seed", 99)
            .extra("audio_duration", 1.0)
            .extra("bpm", 60)
            .extra("task_type", "text2music")
            .extra("reference_audio_path", "/elsewhere.flac")
            .extra("use_random_seed", true)
            .extra("shift", 3.0)
            .build();

    String text = wire.writeValueAsString(request);
    JsonNode body = strict.readTree(text);
    ObjectNode tree = wire.valueToTree(request);

    List<String> expected = new ArrayList<>(WIRE_KEYS);
    expected.add("shift");
    expected.sort(null);
    assertThat(sortedKeys(body)).containsExactlyElementsOf(expected);
    assertThat(text).containsOnlyOnce("\"seed\"").containsOnlyOnce("\"audio_duration\"");
    for (JsonNode b : List.of(body, tree)) {
      assertThat(b.get("seed").asLong()).isEqualTo(7L);
      assertThat(b.get("audio_duration").asDouble()).isEqualTo(42.5);
      assertThat(b.get("bpm").asInt()).isEqualTo(104);
      assertThat(b.get("task_type").asText()).isEqualTo("repaint");
      assertThat(b.get("reference_audio_path").asText()).isEqualTo("/srv/out/ref.flac");
      assertThat(b.get("use_random_seed").asBoolean(true)).isFalse();
      assertThat(b.get("shift").asDouble()).isEqualTo(3.0);
    }
  }
}
