package dev.acepipe.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.acepipe.client.ServerProfile.Backend;
import dev.acepipe.client.ServerProfile.Generation;
import java.util.List;
import java.util.Optional;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

class ServerProfileTest extends MockServerSupport {

  @Test
  void snapshotHealthMeansNoUploadsAnyPathAndIgnoredSeeds() throws Exception {
    server.enqueue(
        wrapped("{\"status\": \"ok\", \"service\": \"ACE-Step API\", \"version\": \"1.0\"}"));

    ServerProfile profile = client.profile();

    assertThat(profile.generation()).isEqualTo(Generation.SNAPSHOT);
    assertThat(profile.backend()).isEqualTo(Backend.EXTERNAL);
    assertThat(profile.acceptsUploads()).isFalse();
    assertThat(profile.acceptsAbsolutePaths()).isTrue();
    assertThat(profile.honoursSeeds()).isFalse();
    assertThat(profile.seedLists()).isFalse();
    assertThat(profile.lm()).isEmpty();
    assertThat(server.getRequestCount())
        .as("a snapshot server has no inventory to ask")
        .isEqualTo(1);
  }

  @Test
  void newerHealthAndInventoryGiveTaskTypesSeedListsAndLm() throws Exception {
    server.enqueue(
        wrapped(
            "{\"status\": \"ok\", \"service\": \"ACE-Step API\", \"version\": \"1.0\","
                + " \"models_initialized\": true, \"llm_initialized\": false, \"loaded_model\": \"acestep-v15-turbo\"}"));
    server.enqueue(
        wrapped(
            "{\"models\": [{\"name\": \"acestep-v15-turbo\", \"is_default\": true,"
                + " \"is_loaded\": true, \"supported_task_types\": [\"text2music\", \"repaint\", \"cover\"]},"
                + " {\"name\": \"acestep-v15-base\", \"is_default\": false, \"is_loaded\": false,"
                + " \"supported_task_types\": [\"text2music\", \"repaint\", \"cover\", \"extract\", \"lego\"]}],"
                + " \"default_model\": \"acestep-v15-turbo\", \"lm_models\": [], \"llm_initialized\": false}"));
    server.enqueue(
        json(
            200,
            "{\"openapi\": \"3.1.0\", \"paths\": {\"/release_task\": {}, \"/v1/lora/load\": {}}}"));

    ServerProfile profile = client.profile();

    assertThat(profile.generation()).isEqualTo(Generation.NEWER);
    assertThat(profile.acceptsUploads()).isTrue();
    assertThat(profile.acceptsAbsolutePaths()).isFalse();
    assertThat(profile.honoursSeeds()).isTrue();
    assertThat(profile.seedLists()).isTrue();
    assertThat(profile.lm()).contains(false);
    assertThat(profile.loadedModel()).contains("acestep-v15-turbo");
    assertThat(profile.taskTypes().get("acestep-v15-turbo"))
        .containsExactly("text2music", "repaint", "cover");
    assertThat(profile.supports("acestep-v15-turbo", "extract")).isFalse();
    assertThat(profile.supports("acestep-v15-base", "extract")).isTrue();
    assertThat(profile.formats()).contains("opus", "wav32");
    assertThat(profile.loraApi()).isTrue();
    server.takeRequest();
    RecordedRequest inventory = server.takeRequest();
    assertThat(inventory.getPath()).isEqualTo("/v1/model_inventory");
  }

  @Test
  void newerServerWithoutInventoryKeepsTheHealthFacts() {
    server.enqueue(
        wrapped("{\"status\": \"ok\", \"version\": \"1.0\", \"models_initialized\": true}"));
    server.enqueue(json(404, "{\"detail\": \"Not Found\"}"));
    server.enqueue(json(404, "{\"detail\": \"Not Found\"}"));

    ServerProfile profile = client.profile();

    assertThat(profile.generation()).isEqualTo(Generation.NEWER);
    assertThat(profile.seedLists()).isFalse();
    assertThat(profile.taskTypes()).isEmpty();
    assertThat(profile.formats()).containsExactlyInAnyOrder("mp3", "wav", "flac");
    assertThat(profile.loraApi()).as("no route list: inferred from /health").isTrue();
  }

  @Test
  void anOpenapiRouteListWithoutLoraMeansNoLoraApi() {
    server.enqueue(
        wrapped("{\"status\": \"ok\", \"version\": \"1.0\", \"models_initialized\": true}"));
    server.enqueue(json(404, "{\"detail\": \"Not Found\"}"));
    server.enqueue(
        json(200, "{\"openapi\": \"3.1.0\", \"paths\": {\"/release_task\": {\"post\": {}}}}"));

    assertThat(client.profile().loraApi()).isFalse();
  }

  @Test
  void theEmbeddedMarkerNamesTheBackend() {
    server.enqueue(
        wrapped("{\"status\": \"ok\", \"version\": \"1.0\", \"synthesizer\": \"procedural\"}"));

    assertThat(client.profile().backend()).isEqualTo(Backend.EMBEDDED);
  }

  @Test
  void supportsIsPermissiveWhereTheServerListsNothing() {
    ServerProfile profile =
        new ServerProfile(
            Generation.SNAPSHOT,
            Backend.EXTERNAL,
            "1.0",
            false,
            true,
            false,
            false,
            Optional.empty(),
            false,
            java.util.Map.of("a", List.of("text2music")),
            java.util.Set.of("mp3"),
            Optional.empty(),
            false);

    assertThat(profile.supports("unknown-model", "lego")).isTrue();
    assertThat(profile.supports("a", "lego")).isFalse();
  }
}
