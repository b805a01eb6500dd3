package dev.acepipe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.acepipe.server.EmbeddedProfile;
import dev.acepipe.server.EmbeddedServer;
import dev.acepipe.server.EmbeddedServerConfig;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code engine models}, its inventory and {@code --check}, against the embedded server. */
class ModelsCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private EmbeddedServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private String start(EmbeddedProfile profile, boolean lm) throws Exception {
    server =
        EmbeddedServer.start(
            EmbeddedServerConfig.defaults(dir.resolve("out")).withProfile(profile).withLm(lm));
    return server.baseUrl();
  }

  private int run(String... args) {
    return new Main(
            new PrintWriter(out), new PrintWriter(err), new ByteArrayInputStream(new byte[0]))
        .run(args);
  }

  @Test
  void aNewerServerAsJsonListsLoadedFlagsTaskTypesAndTheirSource() throws Exception {
    String url = start(EmbeddedProfile.NEWER, true);

    int code = run("models", "--server", url, "--format", "json");

    assertThat(code).isEqualTo(ExitCodes.OK);
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.get("source").asText()).isEqualTo("/v1/model_inventory");
    JsonNode turbo = json.at("/models/0");
    assertThat(turbo.get("name").asText()).isEqualTo("acestep-v15-turbo");
    assertThat(turbo.get("is_loaded").asBoolean()).isTrue();
    assertThat(turbo.get("task_types_source").asText()).isEqualTo("server");
    assertThat(json.at("/models/1/is_loaded").asBoolean(true)).isFalse();
    assertThat(json.at("/models/1/task_types").toString()).contains("\"extract\"", "\"lego\"");
    assertThat(json.at("/lm_models/0/is_loaded").asBoolean()).isTrue();
    assertThat(json.has("check")).isFalse();
  }

  @Test
  void checkingAStemTaskOnATurboModelExitsThreeNamingItsTaskTypes() throws Exception {
    String url = start(EmbeddedProfile.NEWER, true);

    int code = run("models", "--server", url, "--check", "acestep-v15-turbo", "--task", "extract");

    assertThat(code).isEqualTo(ExitCodes.INVALID);
    assertThat(out.toString())
        .contains(
            "error: model 'acestep-v15-turbo' does not run extract (a turbo model; stems need a"
                + " base model): it runs text2music, repaint, cover, cover-nofsq"
                + " [task-not-supported]");
  }

  @Test
  void checkingABaseModelForLegoPasses() throws Exception {
    String url = start(EmbeddedProfile.NEWER, true);

    int code = run("models", "--server", url, "--check", "acestep-v15-base", "--task", "lego");

    assertThat(code).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).contains("ok: model 'acestep-v15-base' runs lego [ok]");
  }

  @Test
  void aMistypedModelIsUnknownWithADidYouMeanInJson() throws Exception {
    String url = start(EmbeddedProfile.NEWER, true);

    int code = run("models", "--server", url, "--check", "acestep-v15-turob", "--format", "json");

    assertThat(code).isEqualTo(ExitCodes.INVALID);
    JsonNode check = new ObjectMapper().readTree(out.toString()).get("check");
    assertThat(check.get("code").asText()).isEqualTo("unknown-model");
    assertThat(check.get("did_you_mean").get(0).asText()).isEqualTo("acestep-v15-turbo");
  }

  @Test
  void aSnapshotServerShowsTheDocumentedTaskTypesMarkedAsSuch() throws Exception {
    String url = start(EmbeddedProfile.SNAPSHOT, false);

    int code = run("models", "--server", url);

    assertThat(code).isEqualTo(ExitCodes.OK);
    assertThat(out.toString())
        .contains("task types not listed by the server; documented:")
        .contains("  acestep-v15-turbo  text2music, repaint, cover, cover-nofsq\n")
        .contains(
            "  acestep-v15-base  text2music, repaint, cover, cover-nofsq, extract, lego, complete");
  }

  @Test
  void aNewerServerWithoutItsLmSaysWhatCannotRun() throws Exception {
    String url = start(EmbeddedProfile.NEWER, false);

    int code = run("models", "--server", url);

    assertThat(code).isEqualTo(ExitCodes.OK);
    assertThat(out.toString())
        .contains("no LM loaded: thinking, format and sample steps cannot run here");
  }
}
