package dev.acepipe.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * The LoRA and {@code /v1/init} calls and the stem/edit fields of a task, as they reach the wire.
 */
class LoraAndInitRequestsTest extends MockServerSupport {
  private final ObjectMapper mapper = new ObjectMapper();

  private JsonNode body(RecordedRequest request) throws Exception {
    return mapper.readTree(request.getBody().readUtf8());
  }

  @Test
  void loraLoadPostsThePathAndNameAndReadsTheAnswer() throws Exception {
    server.enqueue(
        wrapped(
            "{\"message\": \"loaded\", \"lora_path\": \"/srv/lora/jazz\", \"adapter_name\": \"jazz\"}"));

    LoraResult result = client.loraLoad("/srv/lora/jazz", "jazz");

    assertThat(result.adapterName()).contains("jazz");
    assertThat(result.loraPath()).contains("/srv/lora/jazz");
    RecordedRequest request = server.takeRequest();
    assertThat(request.getPath()).isEqualTo("/v1/lora/load");
    assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
    assertThat(body(request))
        .isEqualTo(
            mapper.readTree("{\"lora_path\": \"/srv/lora/jazz\", \"adapter_name\": \"jazz\"}"));
  }

  @Test
  void loraLoadWithoutANameSendsOnlyThePath() throws Exception {
    server.enqueue(wrapped("{\"message\": \"loaded\"}"));

    client.loraLoad("/srv/lora/x.safetensors", null);

    assertThat(body(server.takeRequest()))
        .isEqualTo(mapper.readTree("{\"lora_path\": \"/srv/lora/x.safetensors\"}"));
  }

  @Test
  void aRefusedLoadIsHttp400WithTheServersDetail() {
    server.enqueue(json(400, "{\"detail\": \"❌ LoRA path not found: /nope\"}"));

    AceStepException e =
        catchThrowableOfType(() -> client.loraLoad("/nope", null), AceStepException.class);

    assertThat(e.httpStatus()).isEqualTo(400);
    assertThat(e.detail()).isEqualTo("❌ LoRA path not found: /nope");
    assertThat(e.wrapperError()).isFalse();
    assertThat(e.isTransient()).isFalse();
  }

  @Test
  void scaleAndToggleFailuresInTheWrapperAreErrorsToo() throws Exception {
    server.enqueue(
        json(
            200,
            "{\"data\": null, \"code\": 400, \"error\": \"❌ No LoRA adapter loaded\","
                + " \"timestamp\": 1, \"extra\": null}"));
    server.enqueue(
        json(
            200,
            "{\"data\": null, \"code\": 500, \"error\": \"❌ scale failed\", \"timestamp\": 1,"
                + " \"extra\": null}"));

    AceStepException toggle =
        catchThrowableOfType(() -> client.loraToggle(false), AceStepException.class);
    AceStepException scale =
        catchThrowableOfType(() -> client.loraScale(0.8, "jazz"), AceStepException.class);

    assertThat(toggle.wrapperError()).isTrue();
    assertThat(toggle.detail()).contains("No LoRA adapter loaded").contains("code 400");
    assertThat(scale.wrapperError()).isTrue();
    assertThat(scale.detail()).contains("code 500");
    assertThat(scale.isTransient()).isFalse();
    assertThat(body(server.takeRequest())).isEqualTo(mapper.readTree("{\"use_lora\": false}"));
    JsonNode scaleBody = body(server.takeRequest());
    assertThat(scaleBody.get("scale").isDouble()).isTrue();
    assertThat(scaleBody)
        .isEqualTo(mapper.readTree("{\"scale\": 0.8, \"adapter_name\": \"jazz\"}"));
  }

  @Test
  void aScaleOutsideZeroToOneIsRefusedBeforeTheWire() {
    assertThatThrownBy(() -> client.loraScale(1.5, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("between 0 and 1");

    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aValidationAnswerIs422WithTheFieldNamed() {
    server.enqueue(
        json(
            422,
            "{\"detail\": [{\"type\": \"less_than_equal\", \"loc\": [\"body\", \"scale\"],"
                + " \"msg\": \"Input should be less than or equal to 1\"}]}"));

    AceStepException e =
        catchThrowableOfType(() -> client.loraScale(1.0, null), AceStepException.class);

    assertThat(e.httpStatus()).isEqualTo(422);
    assertThat(e.detail()).contains("scale").contains("less than or equal to 1");
  }

  @Test
  void statusReadsEveryContractField() throws Exception {
    server.enqueue(
        wrapped(
            "{\"lora_loaded\": true, \"use_lora\": true, \"lora_scale\": 0.7, \"adapter_type\":"
                + " \"peft\", \"scales\": {\"jazz\": 0.7, \"lofi\": 1.0}, \"active_adapter\": \"jazz\", \"adapters\":"
                + " [\"lofi\", \"jazz\"], \"synthetic_default_mode\": false}"));

    LoraStatus status = client.loraStatus();

    assertThat(status)
        .isEqualTo(
            new LoraStatus(
                true,
                true,
                0.7,
                java.util.Optional.of("peft"),
                java.util.Map.of("jazz", 0.7, "lofi", 1.0),
                java.util.Optional.of("jazz"),
                List.of("lofi", "jazz"),
                false));
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getPath()).isEqualTo("/v1/lora/status");
  }

  @Test
  void unloadPostsAnEmptyObject() throws Exception {
    server.enqueue(wrapped("{\"message\": \"⚠️ No LoRA adapter loaded\"}"));

    LoraResult result = client.loraUnload();

    assertThat(result.message()).contains("No LoRA adapter loaded");
    assertThat(body(server.takeRequest())).isEqualTo(mapper.readTree("{}"));
  }

  @Test
  void initSendsModelAndSlotAsAnIntegerAndMapsAnUnavailableSlot() throws Exception {
    server.enqueue(
        wrapped(
            "{\"message\": \"ok\", \"slot\": 1, \"loaded_model\": \"acestep-v15-base\","
                + " \"loaded_lm_model\": null, \"models\": [{\"name\": \"acestep-v15-base\"}], \"lm_models\": [],"
                + " \"llm_initialized\": false}"));
    server.enqueue(
        json(
            200,
            "{\"data\": null, \"code\": 400, \"error\": \"slot 2 is not available\","
                + " \"timestamp\": 1, \"extra\": null}"));

    InitResult result = client.initModel("acestep-v15-base", 1);
    AceStepException e =
        catchThrowableOfType(() -> client.initModel(null, 2), AceStepException.class);

    assertThat(result.loadedModel()).isEqualTo("acestep-v15-base");
    assertThat(result.models()).containsExactly("acestep-v15-base");
    assertThat(result.loadedLmModel()).isEmpty();
    assertThat(e.wrapperError()).isTrue();
    assertThat(e.detail()).contains("slot 2 is not available");
    JsonNode first = body(server.takeRequest());
    assertThat(first.get("slot").isInt()).isTrue();
    assertThat(first).isEqualTo(mapper.readTree("{\"model\": \"acestep-v15-base\", \"slot\": 1}"));
    assertThat(body(server.takeRequest())).isEqualTo(mapper.readTree("{\"slot\": 2}"));
  }

  @Test
  void stemAndEditFieldsGoOutUnderTheContractsNamesOnlyWhenSet() throws Exception {
    server.enqueue(
        wrapped("{\"task_id\": \"t-1\", \"status\": \"queued\", \"queue_position\": 1}"));
    server.enqueue(
        wrapped("{\"task_id\": \"t-2\", \"status\": \"queued\", \"queue_position\": 1}"));

    client.submit(
        TaskRequest.builder()
            .taskType("complete")
            .trackClasses(List.of("drums", "bass"))
            .trackName("vocals")
            .globalCaption("warm soul")
            .repaintMode("conservative")
            .repaintStrength(0.25)
            .coverNoiseStrength(1.0)
            .build());
    client.submit(TaskRequest.builder().prompt("plain").build());

    JsonNode sent = body(server.takeRequest());
    assertThat(sent.get("track_classes")).isEqualTo(mapper.readTree("[\"drums\", \"bass\"]"));
    assertThat(sent.get("track_name").asText()).isEqualTo("vocals");
    assertThat(sent.get("global_caption").asText()).isEqualTo("warm soul");
    assertThat(sent.get("repaint_mode").asText()).isEqualTo("conservative");
    assertThat(sent.get("repaint_strength").isDouble()).isTrue();
    assertThat(sent.get("repaint_strength").asDouble()).isEqualTo(0.25);
    assertThat(sent.get("cover_noise_strength").isNumber()).isTrue();
    assertThat(sent.get("cover_noise_strength").asDouble()).isEqualTo(1.0);
    JsonNode plain = body(server.takeRequest());
    assertThat(plain.has("track_name")).isFalse();
    assertThat(plain.has("track_classes")).isFalse();
    assertThat(plain.has("global_caption")).isFalse();
    assertThat(plain.has("repaint_mode")).isFalse();
    assertThat(plain.has("repaint_strength")).isFalse();
    assertThat(plain.has("cover_noise_strength")).isFalse();
  }

  @Test
  void outOfRangeEditControlsAreRefusedWhenTheRequestIsBuilt() {
    assertThatThrownBy(() -> TaskRequest.builder().repaintMode("gentle").build())
        .hasMessageContaining("repaint_mode");
    assertThatThrownBy(() -> TaskRequest.builder().repaintStrength(1.2).build())
        .hasMessageContaining("repaint_strength");
    assertThatThrownBy(() -> TaskRequest.builder().coverNoiseStrength(-0.1).build())
        .hasMessageContaining("cover_noise_strength");
  }
}
