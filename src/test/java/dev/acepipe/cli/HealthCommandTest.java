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
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code engine health} and {@code engine models} against the embedded server's profiles. */
class HealthCommandTest {
  private static final String KEY = "health-key-90ab";

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

  private String start(EmbeddedProfile profile, UnaryOperator<EmbeddedServerConfig> tweak)
      throws Exception {
    server =
        EmbeddedServer.start(
            tweak.apply(EmbeddedServerConfig.defaults(dir.resolve("out")).withProfile(profile)));
    return server.baseUrl();
  }

  private int run(String... args) {
    return new Main(
            new PrintWriter(out), new PrintWriter(err), new ByteArrayInputStream(new byte[0]))
        .run(args);
  }

  @Test
  void aSnapshotServerShowsItsTrapsInText() throws Exception {
    String url = start(EmbeddedProfile.SNAPSHOT, c -> c);

    int code = run("health", "--server", url);

    assertThat(code).isEqualTo(ExitCodes.OK);
    assertThat(out.toString())
        .contains(url + ": ACE-Step API 1.0 is ok")
        .contains("backend     embedded synthesizer (procedural, not AI)")
        .contains("generation  snapshot")
        .contains("uploads     refused (multipart answers HTTP 500)")
        .contains("seeds       ignored: renders are not reproducible")
        .contains("task types  not listed")
        .doesNotContain("API key");
  }

  @Test
  void aNewerServerAsJsonListsTaskTypesPerModelAndTheLm() throws Exception {
    String url = start(EmbeddedProfile.NEWER, c -> c.withLm(false));

    int code = run("health", "--server", url, "--format", "json");

    assertThat(code).isEqualTo(ExitCodes.OK);
    JsonNode json = new ObjectMapper().readTree(out.toString());
    JsonNode profile = json.get("profile");
    assertThat(profile.get("generation").asText()).isEqualTo("newer");
    assertThat(profile.get("backend").asText()).isEqualTo("embedded");
    assertThat(profile.get("accepts_uploads").asBoolean()).isTrue();
    assertThat(profile.get("accepts_absolute_paths").asBoolean()).isFalse();
    assertThat(profile.get("seed_lists").asBoolean()).isTrue();
    assertThat(profile.get("lm").asBoolean(true)).isFalse();
    assertThat(profile.at("/task_types/acestep-v15-base").toString())
        .contains("lego", "extract", "complete");
    assertThat(profile.get("formats").toString()).contains("wav32");
    assertThat(json.get("api_key").asText()).isEqualTo("not given");
  }

  @Test
  void aRightKeyIsCheckedAgainstStats() throws Exception {
    String url = start(EmbeddedProfile.NEWER, c -> c.withApiKey(KEY));

    int code = run("health", "--server", url, "--api-key", KEY);

    assertThat(code).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).contains("API key     accepted (GET /v1/stats)").doesNotContain(KEY);
    assertThat(server.counters().requests("/v1/stats")).isEqualTo(1);
  }

  @Test
  void aWrongKeyIsOneClearLineAndExit4() throws Exception {
    String url = start(EmbeddedProfile.SNAPSHOT, c -> c.withApiKey(KEY));

    int code = run("health", "--server", url, "--api-key", "wrong-key-123");

    assertThat(code).isEqualTo(ExitCodes.SERVER);
    assertThat(err.toString().strip().lines()).hasSize(1);
    assertThat(err.toString())
        .contains("refused the API key (HTTP 401: Invalid API key)")
        .doesNotContain("wrong-key-123")
        .doesNotContain("\tat ");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void modelsShowsLoadedFlagsTaskTypesAndTheLmOfANewerServer() throws Exception {
    String url = start(EmbeddedProfile.NEWER, c -> c);

    int code = run("models", "--server", url);

    assertThat(code).isEqualTo(ExitCodes.OK);
    assertThat(out.toString())
        .contains("acestep-v15-turbo  (default, loaded)  text2music, repaint, cover, cover-nofsq")
        .contains(
            "acestep-v15-base  text2music, repaint, cover, cover-nofsq, extract, lego, complete")
        .contains("LM acepipe-rules  (loaded)");
  }

  @Test
  void modelsFallsBackToTheModelListOnASnapshotServer() throws Exception {
    String url = start(EmbeddedProfile.SNAPSHOT, c -> c);

    int code = run("models", "--server", url, "--format", "json");

    assertThat(code).isEqualTo(ExitCodes.OK);
    JsonNode json = new ObjectMapper().readTree(out.toString());
    assertThat(json.get("source").asText()).isEqualTo("/v1/models");
    assertThat(json.at("/models/0/name").asText()).isEqualTo("acestep-v15-turbo");
  }
}
