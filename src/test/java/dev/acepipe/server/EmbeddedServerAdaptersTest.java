package dev.acepipe.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The LoRA and init routes and the submit-time checks, on the wire (what a client library would not
 * send).
 */
class EmbeddedServerAdaptersTest {
  private static final String KEY = "adapter-key-31";
  @TempDir Path dir;

  @Test
  void aScaleOutOfRangeIs422AndTheRoutesWantTheHeader() throws Exception {
    try (EmbeddedServer server =
        EmbeddedServer.start(
            EmbeddedServerConfig.defaults(dir)
                .withApiKey(KEY)
                .withProfile(EmbeddedProfile.NEWER))) {
      TestHttp http = new TestHttp(server.baseUrl());

      TestHttp.Reply unauthorised = http.get("/v1/lora/status");
      TestHttp.Reply bodyToken = http.post("/v1/lora/unload", "{\"ai_token\": \"" + KEY + "\"}");
      TestHttp.Reply tooLarge =
          http.post("/v1/lora/scale", "{\"scale\": 1.5}", "Authorization", "Bearer " + KEY);
      TestHttp.Reply status = http.get("/v1/lora/status", "Authorization", KEY);

      assertThat(unauthorised.status()).isEqualTo(401);
      assertThat(bodyToken.status()).as("LoRA routes take the header only").isEqualTo(401);
      assertThat(tooLarge.status()).isEqualTo(422);
      assertThat(tooLarge.json().at("/detail/0/loc/1").asText()).isEqualTo("scale");
      assertThat(status.json().at("/data/lora_loaded").asBoolean()).isFalse();
      assertThat(status.json().at("/data/adapters").isArray()).isTrue();
      assertThat(status.json().at("/data/synthetic_default_mode").isBoolean()).isTrue();
    }
  }

  @Test
  void openapiListsTheLoraAndInitRoutesExceptOnTheSnapshot() throws Exception {
    for (EmbeddedProfile profile : EmbeddedProfile.values()) {
      try (EmbeddedServer server =
          EmbeddedServer.start(
              EmbeddedServerConfig.defaults(dir.resolve(profile.label())).withProfile(profile))) {
        TestHttp.Reply openapi = new TestHttp(server.baseUrl()).get("/openapi.json");

        boolean listed =
            openapi.json().path("paths").has("/v1/lora/load")
                && openapi.json().path("paths").has("/v1/init");
        assertThat(listed).as(profile.label()).isEqualTo(profile != EmbeddedProfile.SNAPSHOT);
      }
    }
  }

  @Test
  void aBadRepaintModeIsA400HereAndAPlain500OnTheNewerProfile() throws Exception {
    String bad = "{\"task_type\": \"repaint\", \"repaint_mode\": \"gentle\"}";
    try (EmbeddedServer embedded =
            EmbeddedServer.start(EmbeddedServerConfig.defaults(dir.resolve("e")));
        EmbeddedServer newer =
            EmbeddedServer.start(
                EmbeddedServerConfig.defaults(dir.resolve("n"))
                    .withProfile(EmbeddedProfile.NEWER))) {
      TestHttp.Reply here = new TestHttp(embedded.baseUrl()).post("/release_task", bad);
      TestHttp.Reply there = new TestHttp(newer.baseUrl()).post("/release_task", bad);

      assertThat(here.status()).isEqualTo(400);
      assertThat(here.json().path("detail").asText()).contains("repaint_mode");
      assertThat(there.status()).isEqualTo(500);
      assertThat(there.body()).isEqualTo("Internal Server Error");
      assertThat(embedded.counters().acceptedTasks() + newer.counters().acceptedTasks()).isZero();
    }
  }

  @Test
  void theModelOptionChoosesTheLoadedModelAndItsTaskTypes() throws Exception {
    try (EmbeddedServer server =
        EmbeddedServer.start(EmbeddedServerConfig.defaults(dir).withModel("acestep-v15-base"))) {
      TestHttp http = new TestHttp(server.baseUrl());

      TestHttp.Reply health = http.get("/health");
      TestHttp.Reply inventory = http.get("/v1/model_inventory");
      TestHttp.Reply extract =
          http.post("/release_task", "{\"task_type\": \"extract\", \"track_name\": \"drums\"}");

      assertThat(health.json().at("/data/loaded_model").asText()).isEqualTo("acestep-v15-base");
      assertThat(inventory.json().at("/data/models/1/name").asText()).isEqualTo("acestep-v15-base");
      assertThat(inventory.json().at("/data/models/1/is_loaded").asBoolean()).isTrue();
      assertThat(inventory.json().at("/data/models/1/supported_task_types").toString())
          .contains("extract");
      assertThat(extract.status()).isEqualTo(200);
      assertThat(server.loadedModel()).isEqualTo("acestep-v15-base");
    }
  }
}
