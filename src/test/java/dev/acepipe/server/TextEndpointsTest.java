package dev.acepipe.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextEndpointsTest {
  @TempDir Path dir;
  private EmbeddedServer server;
  private TestHttp http;

  @BeforeEach
  void start() throws Exception {
    server =
        EmbeddedServer.start(
            EmbeddedServerConfig.defaults(dir).withSynthesizer(new RecordingSynthesizer()));
    http = new TestHttp(server.baseUrl());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void formatInputTagsLyricsAndDerivesTheMissingMetas() throws Exception {
    TestHttp.Reply r =
        http.post(
            "/format_input",
            "{\"prompt\": \"dark synthwave\", \"lyrics\": \"one\\ntwo\\n\\nthree\","
                + " \"temperature\": 0.8}");

    JsonNode body = r.json();
    assertThat(r.status()).isEqualTo(200);
    assertThat(body.get("code").asInt()).isEqualTo(200);
    JsonNode data = body.get("data");
    assertThat(data.get("caption").asText()).isEqualTo("dark synthwave");
    assertThat(data.get("lyrics").asText())
        .startsWith("[Intro]\n\n[Verse 1]\none\ntwo\n\n[Chorus]\nthree");
    assertThat(data.get("bpm").asInt()).isEqualTo(100);
    assertThat(data.get("key_scale").asText()).endsWith(" minor");
    assertThat(data.get("time_signature").asText()).isEqualTo("4");
    assertThat(data.get("duration").asDouble()).isEqualTo(30.0);
    assertThat(data.get("vocal_language").asText()).isEqualTo("en");
  }

  @Test
  void formatInputKeepsTheValuesGivenInParamObj() throws Exception {
    String body =
        "{\"prompt\": \"pop\", \"lyrics\": \"[Verse]\\nhi\", \"param_obj\": \"{\\\"duration\\\": 95,"
            + " \\\"bpm\\\": 77, \\\"key\\\": \\\"G major\\\", \\\"time_signature\\\": \\\"6\\\", \\\"language\\\": \\\"fr\\\"}\"}";

    JsonNode data = http.post("/format_input", body).json().get("data");

    assertThat(data.get("duration").asDouble()).isEqualTo(95.0);
    assertThat(data.get("bpm").asInt()).isEqualTo(77);
    assertThat(data.get("key_scale").asText()).isEqualTo("G major");
    assertThat(data.get("time_signature").asText()).isEqualTo("6");
    assertThat(data.get("vocal_language").asText()).isEqualTo("fr");
  }

  @Test
  void formatInputReportsBadInputInTheWrapperWithHttp200() throws Exception {
    TestHttp.Reply empty = http.post("/format_input", "{\"prompt\": \"\", \"lyrics\": \"\"}");
    TestHttp.Reply badParams =
        http.post("/format_input", "{\"prompt\": \"pop\", \"param_obj\": \"{nope\"}");

    assertThat(empty.status()).isEqualTo(200);
    assertThat(empty.json().get("code").asInt()).isEqualTo(400);
    assertThat(empty.json().get("error").asText()).contains("prompt or lyrics");
    assertThat(empty.json().get("data").isNull()).isTrue();
    assertThat(badParams.json().get("code").asInt()).isEqualTo(400);
  }

  @Test
  void randomSampleInCustomModeGivesAFullParameterSet() throws Exception {
    JsonNode data =
        http.post("/create_random_sample", "{\"sample_type\": \"custom_mode\"}").json().get("data");

    assertThat(data.get("caption").asText()).isNotBlank();
    assertThat(data.get("lyrics").asText()).startsWith("[");
    assertThat(data.get("bpm").asInt()).isBetween(60, 180);
    assertThat(data.get("duration").asInt()).isBetween(30, 600);
    assertThat(data.get("keyscale").asText()).matches("[A-G][#b]? (major|minor)");
    assertThat(data.get("timesignature").asText()).isIn("3", "4", "6");
    assertThat(data.get("think").asBoolean()).isTrue();
  }

  @Test
  void randomSampleInSimpleModeGivesADescription() throws Exception {
    JsonNode data =
        http.post("/create_random_sample", "{\"sample_type\": \"simple_mode\"}").json().get("data");

    assertThat(data.get("description").asText()).isNotBlank();
    assertThat(data.has("instrumental")).isTrue();
    assertThat(data.get("vocal_language").asText()).isNotBlank();
  }

  @Test
  void randomSampleWithANonStringTypeIsAWrapperError() throws Exception {
    JsonNode body = http.post("/create_random_sample", "{\"sample_type\": 3}").json();

    assertThat(body.get("code").asInt()).isEqualTo(400);
    assertThat(body.get("error").asText()).contains("sample_type");
  }
}
